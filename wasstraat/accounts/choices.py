"""Choice sets of the accounts app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RechtenwijzigingSoort(models.TextChoices):
    """What a row of the rights log records (`Rechtenwijziging`)."""

    SUPERUSER = "superuser", _("Superuser status")
    STAFF = "staff", _("Access to the admin (staff status)")
    GROEPEN = "groepen", _("Groups")
    PERMISSIES = "permissies", _("User permissions")
    GROEPSRECHTEN = "groepsrechten", _("Permissions of a group")
    WACHTWOORD = "wachtwoord", _("Password set by a superuser")
    RESETLINK = "resetlink", _("Password reset link sent")
    UITNODIGING = "uitnodiging", _("Account created, link to set a password sent")
    EMAIL = "email", _("E-mail address changed")
