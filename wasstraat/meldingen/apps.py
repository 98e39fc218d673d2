from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "wasstraat.meldingen"
    label = "meldingen"
    verbose_name = _("Notifications")
