from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, Area, AreaPopulation, AuditEvent, Municipality, StaffRole


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "prefecture")
    search_fields = ("code", "name")


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "layer", "code", "municipality")
    list_filter = ("municipality", "layer")
    search_fields = ("name", "reading", "code")


@admin.register(AreaPopulation)
class AreaPopulationAdmin(SimpleHistoryAdmin):
    list_display = ("area", "year", "total", "aged_65_plus")
    list_filter = ("municipality", "year")


@admin.register(StaffRole)
class StaffRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "municipality", "role", "area")
    list_filter = ("municipality", "role")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "digest")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_repr", "municipality")
    list_filter = ("action",)

    def has_change_permission(self, request, obj=None):
        return False
