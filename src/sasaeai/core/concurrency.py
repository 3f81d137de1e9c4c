"""Optimistic locking: an edit names the version it started from; a stale one is refused."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _


def check_and_bump(obj, expected_version: int | None) -> None:
    """Raise if someone saved `obj` since `expected_version`; otherwise advance the version.

    Call inside the transaction that saves `obj`. `expected_version=None` skips the check
    (imports and the demo loader, which hold the row themselves).
    """
    model = type(obj)
    if expected_version is not None:
        updated = model._base_manager.filter(pk=obj.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not updated:
            raise ValidationError(
                {
                    "version": _(
                        "Someone else changed this record while you were editing it. "
                        "Reload the page to see their change, then make yours again."
                    )
                },
                code="conflict",
            )
        obj.version = expected_version + 1
    else:
        obj.version = (obj.version or 0) + 1
