from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceformulesConfig(AppConfig):
    name = "serviceformules"
    verbose_name = _("Products, services and serviceformules")
