"""A resource restored from the trash (core.history.restore) comes back whole: its schedules and
closures, deleted with it by `services.delete_resource` (`core.history.delete_with`), return too, and its search columns are
computed again (the history row holds the columns of the save before the last one)."""

from django.dispatch import receiver

from sasaeai.core.history import record_restored, restore_deleted_with

from .models import Closure, Place, Resource, Schedule
from .services.resources import refresh_search


def _without_a_vanished_place(schedule: Schedule) -> None:
    if schedule.place_id and not Place.objects.filter(pk=schedule.place_id).exists():
        schedule.place = None


@receiver(record_restored, sender=Resource)
def restore_schedules_and_closures(sender, instance, deletion, actor, **kwargs):
    restore_deleted_with(deletion, Schedule, actor=actor, prepare=_without_a_vanished_place)
    restore_deleted_with(deletion, Closure, actor=actor)
    refresh_search(instance)
