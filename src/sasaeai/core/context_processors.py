from django.conf import settings

from .navigation import nav_for
from .permissions import municipalities_for


def shell(request):
    """What the page frame needs: the menu, the municipality switcher and the map settings."""
    user = getattr(request, "user", None)
    return {
        "nav_items": nav_for(request),
        "current_municipality": getattr(request, "municipality", None),
        "access": getattr(request, "access", None),
        "my_municipalities": municipalities_for(user) if user is not None and user.is_authenticated else [],
        "tile_url": settings.SASAEAI_TILE_URL,
        "tile_attribution": settings.SASAEAI_TILE_ATTRIBUTION,
    }
