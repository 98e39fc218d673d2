"""Process maps (steps 3a, 3b and 8): versions of the process as ordered lists of steps with LEAN data."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import (
    ControleStatus,
    Kanaal,
    Lean,
    ProcesSoort,
    StapSoort,
    TijdEenheid,
    VersieStatus,
    Verspilling,
)


class ProcesVersie(models.Model):
    """One version of a trajectory's process: the current one (3a, checked in 3b) or a desired one (8)."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="procesversies",
    )
    soort = models.CharField(_("kind"), max_length=10, choices=ProcesSoort.choices)
    naam = models.CharField(_("name"), max_length=200)
    toelichting = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VersieStatus.choices, default=VersieStatus.CONCEPT
    )
    gekopieerd_van = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kopieen",
    )
    controle_sessie = models.ForeignKey(
        "trajecten.Sessie",
        verbose_name=_("checked in session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gecontroleerd_op = models.DateTimeField(_("checked at"), null=True, blank=True)
    gecontroleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("process version")
        verbose_name_plural = _("process versions")
        ordering = ["soort", "-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=ProcesSoort.values), name="procesversie_soort_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersieStatus.values), name="procesversie_status_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(status=VersieStatus.GECONTROLEERD) | Q(soort=ProcesSoort.HUIDIG),
                name="procesversie_alleen_huidig_gecontroleerd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_soort_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("trajecten:proces", args=[self.traject_id, self.pk])

    @property
    def status_keuze(self) -> VersieStatus:
        return VersieStatus(self.status)

    @property
    def is_bewerkbaar(self) -> bool:
        """A checked version is the agreed picture of the current process: copy it to change it."""
        return self.status != VersieStatus.GECONTROLEERD


class ProcesStap(models.Model):
    """One step of a process version. Its actor forms the swimlane; its LEAN class drives the analysis."""

    versie = models.ForeignKey(
        ProcesVersie, verbose_name=_("process version"), on_delete=models.CASCADE, related_name="stappen"
    )
    volgorde = models.PositiveIntegerField(_("order"))
    naam = models.CharField(_("name"), max_length=200)
    omschrijving = models.TextField(_("description"), blank=True)
    actor = models.CharField(
        _("actor"), max_length=100, help_text=_("Role or department that performs the step (the swimlane).")
    )
    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices, default=Kanaal.INTERN)
    soort = models.CharField(_("kind"), max_length=20, choices=StapSoort.choices, default=StapSoort.ACTIE)
    bewerkingstijd = models.DecimalField(_("processing time"), max_digits=9, decimal_places=2, default=0)
    bewerkingstijd_eenheid = models.CharField(
        _("unit of processing time"), max_length=5, choices=TijdEenheid.choices, default=TijdEenheid.MINUTEN
    )
    wachttijd = models.DecimalField(_("waiting time"), max_digits=9, decimal_places=2, default=0)
    wachttijd_eenheid = models.CharField(
        _("unit of waiting time"), max_length=5, choices=TijdEenheid.choices, default=TijdEenheid.DAGEN
    )
    lean = models.CharField(_("LEAN classification"), max_length=20, choices=Lean.choices, default=Lean.NODIG)
    verspilling = models.CharField(_("type of waste"), max_length=20, choices=Verspilling.choices, blank=True)
    vertakking_naar = models.ForeignKey(
        "self",
        verbose_name=_("branches to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a decision: the step the other outcome leads to."),
    )
    vertakking_label = models.CharField(
        _("branch label"), max_length=100, blank=True, help_text=_("E.g. “incomplete”.")
    )

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["volgorde", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kanaal__in=Kanaal.values), name="processtap_kanaal_geldig"),
            models.CheckConstraint(condition=Q(soort__in=StapSoort.values), name="processtap_soort_geldig"),
            models.CheckConstraint(condition=Q(lean__in=Lean.values), name="processtap_lean_geldig"),
            models.CheckConstraint(
                condition=(Q(lean=Lean.VERSPILLING) & Q(verspilling__in=Verspilling.values))
                | (~Q(lean=Lean.VERSPILLING) & Q(verspilling="")),
                name="processtap_verspilling_bij_verspilling",
            ),
            models.CheckConstraint(
                condition=Q(bewerkingstijd__gte=0) & Q(wachttijd__gte=0), name="processtap_tijden_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.naam}"

    def clean(self) -> None:
        fouten = {}
        if self.lean == Lean.VERSPILLING and not self.verspilling:
            fouten["verspilling"] = _("Choose the type of waste.")
        if self.lean != Lean.VERSPILLING and self.verspilling:
            fouten["verspilling"] = _("Only a waste step has a type of waste.")
        if self.vertakking_naar_id:
            if self.soort != StapSoort.BESLISSING:
                fouten["vertakking_naar"] = _("Only a decision can branch to another step.")
            elif self.vertakking_naar.versie_id != self.versie_id or self.vertakking_naar_id == self.pk:
                fouten["vertakking_naar"] = _("Choose another step of this process version.")
        if fouten:
            raise ValidationError(fouten)

    @property
    def bewerkingstijd_minuten(self):
        return self.bewerkingstijd * TijdEenheid(self.bewerkingstijd_eenheid).minuten

    @property
    def wachttijd_minuten(self):
        return self.wachttijd * TijdEenheid(self.wachttijd_eenheid).minuten


class ProcesControle(models.Model):
    """An invitation (3b) to check a process version: the person confirms it or comments per step."""

    versie = models.ForeignKey(
        ProcesVersie, verbose_name=_("process version"), on_delete=models.CASCADE, related_name="controles"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ControleStatus.choices, default=ControleStatus.UITGENODIGD
    )
    algemene_opmerking = models.TextField(_("general comment"), blank=True)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    uitgenodigd_op = models.DateTimeField(_("invited at"), auto_now_add=True)
    gereageerd_op = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("process check")
        verbose_name_plural = _("process checks")
        ordering = ["uitgenodigd_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "gebruiker"], name="procescontrole_uniek"),
            models.CheckConstraint(
                condition=Q(status__in=ControleStatus.values), name="procescontrole_status_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.versie}: {self.gebruiker}"

    @property
    def status_keuze(self) -> ControleStatus:
        return ControleStatus(self.status)


class StapOpmerking(models.Model):
    """A checker's comment on one step of the version under check."""

    controle = models.ForeignKey(
        ProcesControle, verbose_name=_("process check"), on_delete=models.CASCADE, related_name="opmerkingen"
    )
    stap = models.ForeignKey(
        ProcesStap, verbose_name=_("process step"), on_delete=models.CASCADE, related_name="opmerkingen"
    )
    tekst = models.TextField(_("comment"))
    geplaatst_op = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a step")
        verbose_name_plural = _("comments on steps")
        ordering = ["geplaatst_op", "pk"]

    def __str__(self) -> str:
        return self.tekst[:50]
