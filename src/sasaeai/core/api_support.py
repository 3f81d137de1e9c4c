"""What every app's API router shares: authentication, permission checks and Japanese errors."""

import re
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import SessionAuth


class ChangeOut(Schema):
    field: str
    old: str
    new: str


class HistoryOut(Schema):
    """One entry of a record's row history, as the record pages show it."""

    at: datetime
    user: str | None
    kind: str
    label: str
    changes: list[ChangeOut]


def history_out(entries) -> list[dict]:
    """`core.history.history_entries(...)` shaped for `list[HistoryOut]`."""
    return [
        {
            "at": e.at,
            "user": e.user.username if e.user else None,
            "kind": e.kind,
            "label": e.label,
            "changes": [{"field": c.field, "old": str(c.old), "new": str(c.new)} for c in e.changes],
        }
        for e in entries
    ]


CAPABILITY_CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")


class StaffAuth(SessionAuth):
    """A bearer token (checked by BearerTokenMiddleware) or a logged-in session with its CSRF token."""

    def __call__(self, request):
        if getattr(request, "auth_token", None) is not None:
            return request.user
        return super().__call__(request)


def require(request, capability: str, area=None) -> None:
    """Raise 403 unless the request's user may use `capability` (in `area`, when given)."""
    access = request.access
    if access is None:
        raise HttpError(404, _("Not found."))
    allowed = access.can(capability, area) if area is not None else access.has(capability)
    if not allowed:
        raise HttpError(403, _("You do not have permission to do this."))


PYDANTIC_MESSAGES = {
    "missing": gettext_noop("This field is required."),
    "string_too_long": gettext_noop("The text is too long (at most %(max_length)s characters)."),
    "string_too_short": gettext_noop("The text is too short."),
    "int_parsing": gettext_noop("Enter a whole number."),
    "int_type": gettext_noop("Enter a whole number."),
    "float_parsing": gettext_noop("Enter a number."),
    "float_type": gettext_noop("Enter a number."),
    "bool_parsing": gettext_noop("Enter true or false."),
    "date_parsing": gettext_noop("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_noop("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_noop("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_noop("Enter a date and time as YYYY-MM-DDTHH:MM."),
    "time_parsing": gettext_noop("Enter a time as HH:MM."),
    "enum": gettext_noop("Choose one of the allowed values."),
    "literal_error": gettext_noop("Choose one of the allowed values."),
    "greater_than_equal": gettext_noop("The value is too small."),
    "less_than_equal": gettext_noop("The value is too large."),
    "json_invalid": gettext_noop("The request body is not valid JSON."),
    "string_type": gettext_noop("Enter text."),
    "list_type": gettext_noop("Enter a list."),
}


def _message_for(error: dict) -> str:
    template = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("The value is not valid.")
    return _(template) % (error.get("ctx") or {}) if "%(" in template else _(template)


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts)


def install_error_handlers(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def pydantic_errors(request, exc):
        details = [
            {"field": _field_of(e.get("loc", [])), "msg": _message_for(e), "type": e.get("type", "")}
            for e in exc.errors
        ]
        return api.create_response(request, {"detail": details}, status=422)

    @api.exception_handler(DjangoValidationError)
    def service_errors(request, exc):
        if hasattr(exc, "error_dict"):
            details = [
                {"field": "" if f == "__all__" else f, "msg": m, "type": "invalid"}
                for f, msgs in exc.message_dict.items()
                for m in msgs
            ]
        else:
            details = [{"field": "", "msg": m, "type": "invalid"} for m in exc.messages]
        status = 409 if any(d["field"] == "version" for d in details) else 422
        return api.create_response(request, {"detail": details}, status=status)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        # A service may explain the refusal ("only in your own area"); a capability code is not for users.
        message = str(exc) if exc.args else ""
        if not message or CAPABILITY_CODE.match(message):
            message = _("You do not have permission to do this.")
        return api.create_response(request, {"detail": message}, status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": _("Authentication required.")}, status=401)
