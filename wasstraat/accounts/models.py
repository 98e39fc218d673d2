"""Users of the application and the departments (afdelingen/teams) of the municipality."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Afdeling(models.Model):
    """A department or team of the municipality (e.g. Vergunningen, KCC)."""

    naam = models.CharField(_("name"), max_length=120, unique=True)
    omschrijving = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class User(AbstractUser):
    """An employee who logs in. Residents never log in."""

    afdeling = models.ForeignKey(
        Afdeling,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    functie = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Groep:
    """Names of the global groups; created by a data migration with their global permissions."""

    TRAJECTLEIDERS = "Trajectleiders"  # may create trajectories
    MANAGEMENT = "Management"  # sees every trajectory, read-only
    FUNCTIONEEL_BEHEER = "Functioneel beheer"  # master data
    PRIVACY = "Privacyfunctionarissen"  # read the privacy log of interviews
