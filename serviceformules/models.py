"""The catalogue of products and services (producten/diensten), the serviceformules that fit them, and
the 6P assessment of a trajectory against its formule (step 5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Oordeel, P


class Serviceformule(models.Model):
    """A serviceformule: what a group of products promises the resident, per P, and how it is organised."""

    naam = models.CharField(_("name"), max_length=120, unique=True)
    omschrijving = models.TextField(_("description"))
    klantrol = models.CharField(
        _("customer role"),
        max_length=200,
        blank=True,
        help_text=_("What the customer does or is in this formule, e.g. “self-reliant applicant”."),
    )
    kernwaarden = models.TextField(
        _("core values"), blank=True, help_text=_("One per line, e.g. “simple”, “fast”, “immediately clear”.")
    )
    landelijk = models.BooleanField(
        _("national formule"),
        default=False,
        help_text=_("One of the national formules the catalogue started with; the texts can be edited."),
    )
    actief = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive formules cannot be chosen.")
    )
    bijgewerkt_op = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("serviceformule")
        verbose_name_plural = _("serviceformules")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("serviceformules:formule", args=[self.pk])

    @property
    def kernwaarden_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.kernwaarden.splitlines() if regel.strip()]


class FormuleP(models.Model):
    """One P of a formule: the promise to the resident (zekerheid) and the internal agreement."""

    formule = models.ForeignKey(
        Serviceformule, verbose_name=_("serviceformule"), on_delete=models.CASCADE, related_name="ps"
    )
    p = models.CharField(_("P"), max_length=20, choices=P.choices)
    zekerheid = models.TextField(_("promise to the resident (zekerheid)"), blank=True)
    interne_afspraak = models.TextField(_("internal agreement"), blank=True)

    class Meta:
        verbose_name = _("P of a serviceformule")
        verbose_name_plural = _("P's of serviceformules")
        constraints = [
            models.UniqueConstraint(fields=["formule", "p"], name="formulep_uniek"),
            models.CheckConstraint(condition=Q(p__in=P.values), name="formulep_p_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.formule}: {self.get_p_display()}"


class Product(models.Model):
    """A product or service (e.g. "Aanvraag omgevingsvergunning"); a trajectory improves one."""

    naam = models.CharField(_("name"), max_length=200, unique=True)
    omschrijving = models.TextField(_("description"), blank=True)
    afdeling = models.ForeignKey(
        "accounts.Afdeling",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="producten",
        help_text=_("The department that delivers this product or service."),
    )
    serviceformule = models.ForeignKey(
        Serviceformule,
        verbose_name=_("serviceformule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producten",
        help_text=_("The formule this product is delivered by; step 5 starts from it."),
    )
    actief = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("product/service")
        verbose_name_plural = _("products/services")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Formulekeuze(models.Model):
    """The formule a trajectory's product is assessed against in step 5."""

    traject = models.OneToOneField(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="formulekeuze",
    )
    formule = models.ForeignKey(
        Serviceformule, verbose_name=_("serviceformule"), on_delete=models.PROTECT, related_name="keuzes"
    )
    toelichting = models.TextField(_("why this formule"), blank=True)
    gekozen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chosen by"), on_delete=models.PROTECT, related_name="+"
    )
    gekozen_op = models.DateTimeField(_("chosen at"), auto_now=True)

    class Meta:
        verbose_name = _("choice of serviceformule")
        verbose_name_plural = _("choices of serviceformule")

    def __str__(self) -> str:
        return str(self.formule)


class PBeoordeling(models.Model):
    """The assessment of one P: the current process against the formule's promise and agreement.

    Kept per formule: choosing another formule starts a fresh assessment and leaves this one (and the
    improvement points made from it) in place. The promise and agreement are copied as they read then.
    """

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="p_beoordelingen",
    )
    formule = models.ForeignKey(
        Serviceformule, verbose_name=_("serviceformule"), on_delete=models.PROTECT, related_name="+"
    )
    p = models.CharField(_("P"), max_length=20, choices=P.choices)
    oordeel = models.CharField(_("verdict"), max_length=20, choices=Oordeel.choices)
    toelichting = models.TextField(_("explanation"))
    zekerheid = models.TextField(_("promise to the resident (zekerheid)"), blank=True)
    interne_afspraak = models.TextField(_("internal agreement"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(_("assessed at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment of a P")
        verbose_name_plural = _("assessments of the P's")
        constraints = [
            models.UniqueConstraint(fields=["traject", "formule", "p"], name="pbeoordeling_uniek"),
            models.CheckConstraint(condition=Q(p__in=P.values), name="pbeoordeling_p_geldig"),
            models.CheckConstraint(
                condition=Q(oordeel__in=Oordeel.values), name="pbeoordeling_oordeel_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_p_display()}: {self.get_oordeel_display()}"

    def get_absolute_url(self) -> str:
        return reverse("serviceformules:zes_p", args=[self.traject_id]) + f"#p-{self.p}"

    @property
    def oordeel_keuze(self) -> Oordeel:
        return Oordeel(self.oordeel)
