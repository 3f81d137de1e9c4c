"""The municipality is part of every tenant URL; this module turns it into an active scope.

One middleware resolves `/m/<code>/…`, `/p/<code>/…`, `/api/v1/m/{code}/…` and
`/api/v1/public/m/{code}/…`, answers 404 to anyone who is not staff of that municipality
(so nobody can probe what exists elsewhere) and runs the request inside
`django_scopes.scope(municipality=…)`. A tenant query outside a scope raises.
"""

import functools
import re

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from .models import ApiToken, Municipality
from .permissions import access_for

STAFF_PAGE = re.compile(r"^/m/(?P<code>[^/]+)/")
STAFF_API = re.compile(r"^/api/v1/m/(?P<code>[^/]+)/")
PUBLIC_PAGE = re.compile(r"^/p/(?P<code>[^/]+)/")
PUBLIC_API = re.compile(r"^/api/v1/public/m/(?P<code>[^/]+)/")
UNSCOPED = re.compile(r"^/admin/")


class BearerTokenMiddleware:
    """`Authorization: Bearer <token>` on /api/ authenticates a staff user without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            raw = header[7:].strip()
            token = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(raw)).first()
            if token is None or not token.user.is_active:
                return JsonResponse({"detail": _("The API token is invalid.")}, status=401)
            if token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 60:
                token.touch()
            request.user = token.user
            request.auth_token = token
            # A bearer token is not a cookie, so cross-site request forgery does not apply.
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)


def _not_found(request, api: bool):
    if api:
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


class MunicipalityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        request.municipality = None
        request.access = None
        if UNSCOPED.match(path):
            with scopes_disabled():
                return self.get_response(request)
        routes = (
            (STAFF_PAGE, True, False),
            (STAFF_API, True, True),
            (PUBLIC_PAGE, False, False),
            (PUBLIC_API, False, True),
        )
        found = next(((p.match(path), staff, api) for p, staff, api in routes if p.match(path)), None)
        if found is None:
            return self.get_response(request)
        match, staff, api = found

        municipality = Municipality.objects.filter(code=match["code"]).first()
        if staff:
            if not request.user.is_authenticated:
                if api:
                    return JsonResponse({"detail": _("Authentication required.")}, status=401)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if municipality is None:
                return _not_found(request, api)
            request.access = access_for(request.user, municipality)
            if not request.access.is_member:
                return _not_found(request, api)
        elif municipality is None:
            return _not_found(request, api)
        request.municipality = municipality
        with scope(municipality=municipality):
            return self.get_response(request)


def requires(*capabilities: str, everywhere: bool = False):
    """Page-view decorator: the user needs one of `capabilities` in the URL's municipality (else 403).

    `@requires(perms.COUNCILS_VIEW, perms.COUNCILS_VIEW_OWN)` lets either capability in; the view
    then narrows what it shows with `request.access`. `everywhere=True` refuses users whose
    capability is limited to an area subtree (e.g. a municipality-wide import).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.access is None:
                raise Http404
            if everywhere:
                allowed = any(request.access.can(c, None) for c in capabilities)
            else:
                allowed = any(request.access.has(c) for c in capabilities)
            if not allowed:
                raise PermissionDenied(capabilities[0])
            return view(request, *args, **kwargs)

        wrapper.required_capabilities = capabilities
        wrapper.requires_everywhere = everywhere
        return wrapper

    return decorator
