"""Audit events that are not row changes (row changes are kept by django-simple-history).

Codes are namespaced like `core.staff.viewed`, `needs.resident.viewed`, `directory.export`.
"""

from django.conf import settings
from django.db import models
from django_scopes import scopes_disabled

from .models import AuditEvent, Municipality


def client_ip(request) -> str | None:
    """The client's address; behind a trusted reverse proxy, the last address the proxy saw."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in settings.TRUSTED_PROXIES and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        untrusted = [h for h in hops if h not in settings.TRUSTED_PROXIES]
        return (untrusted or hops)[-1]
    return remote


def record(
    action: str,
    *,
    actor,
    municipality: Municipality | None = None,
    obj: models.Model | None = None,
    data: dict | None = None,
    request=None,
) -> AuditEvent:
    if actor is not None and not actor.is_authenticated:
        actor = None
    with scopes_disabled():
        return AuditEvent.objects.create(
            municipality=municipality,
            actor=actor,
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            data=data or {},
            ip_address=client_ip(request),
        )


def record_view(request, obj: models.Model, action: str) -> AuditEvent:
    """Log that the request's user looked at a personal record (要配慮個人情報)."""
    return record(action, actor=request.user, municipality=request.municipality, obj=obj, request=request)


def events_for(obj: models.Model):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor"
    )
