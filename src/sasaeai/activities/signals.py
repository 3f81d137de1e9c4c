"""When an administrator restores a deleted record (core trash), its coordinator and resource links
come back with it: they were deleted in the same moment by `delete_record`.

A record another app owns (a council meeting's) is not restored on its own: restoring the meeting
re-creates it, and restoring both would count the meeting twice."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .models import ActivityCoordinator, ActivityRecord, ActivityResource

SAME_MOMENT = datetime.timedelta(seconds=5)


@receiver(post_save, sender=ActivityRecord)
def restore_links_with_the_record(sender, instance, created, **kwargs):
    if not created or getattr(instance, "_change_reason", "") != "restored":
        return
    if instance.source_key:
        # Raised inside core.history.restore's transaction: nothing is restored, the trash page says why.
        raise ValidationError(
            _(
                "This record follows another part of the system (e.g. a council meeting); restore that instead."
            )
        )
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
