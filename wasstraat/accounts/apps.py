from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wasstraat.accounts"
    label = "accounts"
    verbose_name = _("Users and departments")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .groepen import groepen_inrichten

        # Runs after every app's post_migrate, so all permissions exist by the last call.
        post_migrate.connect(groepen_inrichten, dispatch_uid="wasstraat_groepen_inrichten")
