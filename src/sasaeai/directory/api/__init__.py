"""Directory API: staff CRUD under /api/v1/m/{code}/ (`router`, staff.py), public search (public.py) and the
HSDS 3.0 read API (hsds.py) under /api/v1/public/m/{code}/ (`public_router`). Same services and permission
functions as the pages; the schemas are in schemas.py."""

from . import hsds as _hsds  # noqa: F401 (registers the HSDS operations on public_router)
from .public import public_router
from .staff import router

# OpenAPI operation ids are "<module>_<function>": keep those of the single api.py module, which API
# clients may have been generated from.
for _router in (router, public_router):
    for _path_view in _router.path_operations.values():
        for _operation in _path_view.operations:
            _operation.view_func.__module__ = __name__

__all__ = ["router", "public_router"]
