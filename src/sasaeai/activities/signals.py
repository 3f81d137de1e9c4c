"""When an administrator restores a deleted record (core trash), its coordinator and resource links
come back with it: they were deleted in the same moment by `delete_record`."""

import datetime

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ActivityCoordinator, ActivityRecord, ActivityResource

SAME_MOMENT = datetime.timedelta(seconds=5)


@receiver(post_save, sender=ActivityRecord)
def restore_links_with_the_record(sender, instance, created, **kwargs):
    if not created or getattr(instance, "_change_reason", "") != "restored":
        return
    deletion = instance.history.filter(history_type="-").order_by("-history_date").first()
    if deletion is None:
        return
    actor = getattr(instance, "_history_user", None)
    for model in (ActivityCoordinator, ActivityResource):
        rows = model.history.filter(
            record_id=instance.pk,
            history_type="-",
            history_date__gte=deletion.history_date - SAME_MOMENT,
            history_date__lte=deletion.history_date,
        )
        for row in rows:
            if model._base_manager.filter(pk=row.id).exists():
                continue
            link = row.instance
            link._history_user = actor
            link._change_reason = "restored"
            link.save(force_insert=True)
