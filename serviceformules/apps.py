from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceformulesConfig(AppConfig):
    name = "serviceformules"
    verbose_name = _("Products, services and serviceformules")

    def ready(self) -> None:
        from . import (
            documenten,  # noqa: F401  (registers its content of the trajectkaart)
            voorwaarden,  # noqa: F401  (registers step 5's completion condition)
        )
