from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "wasstraat.sso"
    label = "sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from .instellingen import discovery_vergeten

        # A test (or a reload) that points OIDC_OP_ISSUER elsewhere must not see the old document.
        setting_changed.connect(discovery_vergeten, dispatch_uid="wasstraat_sso_discovery_vergeten")
