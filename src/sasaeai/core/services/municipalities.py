"""Creating a tenant: the municipality and the 1st-layer area that stands for all of it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from ..models import Municipality
from . import areas as area_services


def create_municipality(
    *, code: str, name: str, prefecture: str, reading: str = "", latitude=None, longitude=None, actor
) -> Municipality:
    municipality = Municipality(
        code=code, name=name, prefecture=prefecture, reading=reading, latitude=latitude, longitude=longitude
    )
    if Municipality.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A municipality with this code already exists.")})
    municipality.full_clean()
    with transaction.atomic():
        municipality._history_user = actor
        municipality.save()
        with scope(municipality=municipality):
            area_services.create_area(
                municipality,
                {
                    "name": f"{name}全域",
                    "reading": reading,
                    "layer": 1,
                    "latitude": latitude,
                    "longitude": longitude,
                },
                actor=actor,
            )
    return municipality
