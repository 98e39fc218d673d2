from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")

    def ready(self) -> None:
        from . import voorwaarden  # noqa: F401  registers step 1's completion condition
