from typing import Any

from django.db import models


def assign(obj: models.Model, data: dict[str, Any], fields: tuple[str, ...]) -> None:
    for key, value in data.items():
        if key in fields:
            setattr(obj, key, value)


def save(obj: models.Model, actor) -> None:
    obj._history_user = actor
    obj.save()


def delete(obj: models.Model, actor) -> None:
    obj._history_user = actor
    obj.delete()
