from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerbeterplanConfig(AppConfig):
    name = "verbeterplan"
    verbose_name = _("Improvement plan")

    def ready(self) -> None:
        # The completion conditions of steps 6 and 7, and the rights a review request gives.
        from . import toetsing, voorwaarden  # noqa: F401
