"""Improvement points (verbeterpunten): noted wherever they arise, gathered in step 6."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import VerbeterpuntBron, VerbeterpuntStatus

#: The source kinds that point at an object, and the field holding it.
BRON_VELDEN = {
    VerbeterpuntBron.SESSIE: "sessie",
    VerbeterpuntBron.KPI: "kpi",
    VerbeterpuntBron.PROCESSTAP: "processtap",
    VerbeterpuntBron.CONTACTMOMENT: "contactmoment",
    VerbeterpuntBron.PIJNPUNT: "pijnpunt",
    VerbeterpuntBron.P_BEOORDELING: "p_beoordeling",
}


class Verbeterpunt(models.Model):
    """An improvement noted "for later" by any team member, linked to where it came from."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="verbeterpunten",
    )
    titel = models.CharField(_("title"), max_length=200)
    omschrijving = models.TextField(_("description"), blank=True)
    bron = models.CharField(
        _("source"),
        max_length=20,
        choices=VerbeterpuntBron.choices,
        default=VerbeterpuntBron.TRAJECT,
    )
    sessie = models.ForeignKey(
        "trajecten.Sessie",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    kpi = models.ForeignKey(
        "trajecten.Kpi",
        verbose_name=_("KPI"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    processtap = models.ForeignKey(
        "trajecten.ProcesStap",
        verbose_name=_("process step"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    contactmoment = models.ForeignKey(
        "klantreis.Contactmoment",
        verbose_name=_("contact moment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    pijnpunt = models.ForeignKey(
        "klantreis.Pijnpunt",
        verbose_name=_("pain point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    p_beoordeling = models.ForeignKey(
        "serviceformules.PBeoordeling",
        verbose_name=_("P of the serviceformule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbeterpunten",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VerbeterpuntStatus.choices,
        default=VerbeterpuntStatus.OPEN,
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingediend_op = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("improvement point")
        verbose_name_plural = _("improvement points")
        ordering = ["-ingediend_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bron__in=VerbeterpuntBron.values), name="verbeterpunt_bron_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VerbeterpuntStatus.values), name="verbeterpunt_status_geldig"
            ),
            *(
                models.CheckConstraint(
                    condition=(Q(bron=bron) & Q(**{f"{veld}__isnull": False}))
                    | (~Q(bron=bron) & Q(**{f"{veld}__isnull": True})),
                    name=f"verbeterpunt_{veld}_bij_bron_{veld}",
                )
                for bron, veld in BRON_VELDEN.items()
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        if self.sessie_id and self.sessie.traject_id != self.traject_id:
            raise ValidationError({"sessie": _("This session belongs to another trajectory.")})
        if self.kpi_id and self.kpi.traject_id != self.traject_id:
            raise ValidationError({"kpi": _("This KPI belongs to another trajectory.")})
        if self.processtap_id and self.processtap.versie.traject_id != self.traject_id:
            raise ValidationError({"processtap": _("This process step belongs to another trajectory.")})
        if self.contactmoment_id and self.contactmoment.fase.klantreis.traject_id != self.traject_id:
            raise ValidationError({"contactmoment": _("This contact moment belongs to another trajectory.")})
        if self.pijnpunt_id and self.pijnpunt.contactmoment.fase.klantreis.traject_id != self.traject_id:
            raise ValidationError({"pijnpunt": _("This pain point belongs to another trajectory.")})
        if self.p_beoordeling_id and self.p_beoordeling.traject_id != self.traject_id:
            raise ValidationError({"p_beoordeling": _("This assessment belongs to another trajectory.")})

    @property
    def bron_object(self):
        """The session, KPI or process step the point came from, if any."""
        veld = BRON_VELDEN.get(self.bron)
        return getattr(self, veld) if veld else None

    @property
    def bron_omschrijving(self) -> str:
        bron = self.bron_object
        if self.bron == VerbeterpuntBron.CONTACTMOMENT and bron.moment_van_waarheid:
            return _("Moment of truth: %(moment)s") % {"moment": bron}
        if bron is not None:
            return f"{self.get_bron_display()}: {bron}"
        return str(self.get_bron_display())
