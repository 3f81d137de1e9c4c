"""A meeting restored from the trash (core.history.restore) counts again in the activity report."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Meeting


@receiver(post_save, sender=Meeting)
def resync_restored_meeting(sender, instance, created, **kwargs):
    if getattr(instance, "_change_reason", None) == "restored":
        from .services.meetings import _sync_activity

        _sync_activity(instance, actor=getattr(instance, "_history_user", None))
