from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sasaeai.core"
    label = "core"
    verbose_name = _("Municipalities, areas and staff")

    def ready(self):
        from . import navigation, signals  # noqa: F401  (registers nav items and login audit)
