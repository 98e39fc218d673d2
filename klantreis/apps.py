from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlantreisConfig(AppConfig):
    name = "klantreis"
    verbose_name = _("Customer journey")

    def ready(self) -> None:
        from . import (
            coachrol,  # noqa: F401  (registers what a grant of the klantreiscoach role must log)
            documenten,  # noqa: F401  (registers its content of the trajectkaart)
            voorwaarden,  # noqa: F401  (registers step 4's completion condition)
        )
