"""KPI's (step 2): what the process owner steers on, with baseline, target and measurements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import KpiRichting, Meetfrequentie

#: The fields that make a KPI complete (step 2's condition) and that, once approved, only change with
#: a reason (the baseline must stay comparable for the evaluation in step 10).
KPI_KERNVELDEN = ("naam", "definitie", "eenheid", "richting", "nulmeting", "nulmeting_datum", "streefwaarde")
KPI_BEWAAKTE_VELDEN = ("definitie", "nulmeting", "nulmeting_datum", "streefwaarde", "streefdatum", "eenheid")


class Kpi(models.Model):
    """A Kritieke Prestatie Indicator of a trajectory."""

    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="kpis"
    )
    naam = models.CharField(_("name"), max_length=200)
    definitie = models.TextField(_("definition"), help_text=_("How exactly is it measured?"))
    eenheid = models.CharField(_("unit"), max_length=50, help_text=_("E.g. days, %, score 1–10."))
    richting = models.CharField(_("direction"), max_length=10, choices=KpiRichting.choices)
    nulmeting = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    nulmeting_datum = models.DateField(_("baseline date"))
    streefwaarde = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    streefdatum = models.DateField(_("target date"), null=True, blank=True)
    meetfrequentie = models.CharField(
        _("measurement frequency"),
        max_length=10,
        choices=Meetfrequentie.choices,
        default=Meetfrequentie.MAANDELIJKS,
    )
    bron = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the figures come from, e.g. the case system."),
    )
    goedgekeurd_op = models.DateTimeField(_("approved at"), null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(richting__in=KpiRichting.values), name="kpi_richting_geldig"),
            models.CheckConstraint(
                condition=Q(meetfrequentie__in=Meetfrequentie.values), name="kpi_meetfrequentie_geldig"
            ),
            models.CheckConstraint(
                condition=Q(goedgekeurd_op__isnull=True, goedgekeurd_door__isnull=True)
                | Q(goedgekeurd_op__isnull=False, goedgekeurd_door__isnull=False),
                name="kpi_goedkeuring_volledig",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("trajecten:kpi", args=[self.traject_id, self.pk])

    def clean(self) -> None:
        if self.nulmeting is not None and self.streefwaarde is not None and self.richting:
            if self.nulmeting == self.streefwaarde:
                raise ValidationError({"streefwaarde": _("The target must differ from the baseline.")})
            beter = self.streefwaarde > self.nulmeting
            if beter != (self.richting == KpiRichting.HOGER_IS_BETER):
                raise ValidationError(
                    {
                        "streefwaarde": _(
                            "The target must be better than the baseline in the chosen direction."
                        )
                    }
                )
        if self.streefdatum and self.nulmeting_datum and self.streefdatum <= self.nulmeting_datum:
            raise ValidationError({"streefdatum": _("The target date must be after the baseline date.")})

    @property
    def is_goedgekeurd(self) -> bool:
        return self.goedgekeurd_op is not None

    def doel_gehaald(self, waarde: Decimal) -> bool:
        """Whether `waarde` reaches the target, given the direction."""
        if self.richting == KpiRichting.HOGER_IS_BETER:
            return waarde >= self.streefwaarde
        return waarde <= self.streefwaarde


class KpiMeting(models.Model):
    """One measurement of a KPI, before or after implementation."""

    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="metingen")
    datum = models.DateField(_("date"))
    waarde = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    toelichting = models.CharField(_("note"), max_length=300, blank=True)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    ingevoerd_op = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.waarde} ({self.datum})"
