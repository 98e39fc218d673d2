from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerbeterplanConfig(AppConfig):
    name = "verbeterplan"
    verbose_name = _("Improvement plan")

    def ready(self) -> None:
        from . import voorwaarden  # noqa: F401  (registers step 6's completion condition)
