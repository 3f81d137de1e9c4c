"""Services of the resource directory: every page, API call, import and the demo go through these."""

from .organizations import create_organization, delete_organization, update_organization
from .places import create_place, delete_place, update_place
from .resources import create_resource, delete_resource, mark_verified, update_resource
from .taxonomy import ensure_defaults

__all__ = [
    "create_organization", "update_organization", "delete_organization",
    "create_place", "update_place", "delete_place",
    "create_resource", "update_resource", "delete_resource", "mark_verified",
    "ensure_defaults",
]  # fmt: skip
