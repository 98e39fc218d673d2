"""Users of the application and the departments (afdelingen/teams) of the municipality."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from wasstraat.onveranderlijk import Onveranderlijk

from .choices import RechtenwijzigingSoort


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


class Rechtenwijziging(Onveranderlijk):
    """Who changed whose rights or password, and when: the rights log. Append-only.

    One row per change of the superuser or staff flag, the groups or the permissions of an account,
    the permissions of a group, a password set by a superuser, a reset or invitation link sent, and an
    e-mail address changed (the address a reset link goes to). Never holds a password or a link.
    On PostgreSQL a trigger also refuses UPDATE and DELETE (migration 0002).
    """

    WEIGERING_WIJZIGEN = "The rights log cannot be changed."
    WEIGERING_VERWIJDEREN = "The rights log cannot be deleted."

    tijdstip = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty: the system."),
    )
    gebruiker = models.ForeignKey(
        "accounts.User",
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="rechtenwijzigingen",
        null=True,
        blank=True,
        help_text=_("Empty for a change of a group's permissions."),
    )
    groep_naam = models.CharField(_("group"), max_length=150, blank=True)
    soort = models.CharField(_("type"), max_length=20, choices=RechtenwijzigingSoort.choices)
    omschrijving = models.TextField(_("what changed"))
    gegevens = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("rights log entry")
        verbose_name_plural = _("rights log")
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort__in=RechtenwijzigingSoort.values),
                name="rechtenwijziging_soort_geldig",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(soort=RechtenwijzigingSoort.GROEPSRECHTEN, gebruiker__isnull=True)
                    & ~models.Q(groep_naam="")
                )
                | (~models.Q(soort=RechtenwijzigingSoort.GROEPSRECHTEN) & models.Q(gebruiker__isnull=False)),
                name="rechtenwijziging_account_of_groep",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving
