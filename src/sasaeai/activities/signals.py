"""When an administrator restores a deleted record (core trash), its coordinator and resource links
come back with it: `delete_record` deleted them with it (`core.history.delete_with`).

A record another app owns (a council meeting's) is not restored on its own: restoring the meeting
re-creates it, and restoring both would count the meeting twice."""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from sasaeai.core.history import record_restored, restore_deleted_with

from .models import ActivityCoordinator, ActivityRecord, ActivityResource


@receiver(record_restored, sender=ActivityRecord)
def restore_links_with_the_record(sender, instance, deletion, actor, **kwargs):
    if instance.source_key:
        # Raised inside core.history.restore's transaction: nothing is restored, the trash page says why.
        raise ValidationError(
            _(
                "This record follows another part of the system (e.g. a council meeting); restore that instead."
            )
        )
    for model in (ActivityCoordinator, ActivityResource):
        restore_deleted_with(deletion, model, actor=actor)
