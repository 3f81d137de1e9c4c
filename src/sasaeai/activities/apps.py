from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "sasaeai.activities"
    label = "activities"
    verbose_name = _("Activity records and reports")

    def ready(self):
        from . import navigation, sections, signals  # noqa: F401
