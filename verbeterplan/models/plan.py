"""Improvement points (verbeterpunten), noted wherever they arise, and the improvement plan of step 6:
the actions (verbeteracties) the team makes of them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import Schaal, Termijn, VerbeterpuntBron, VerbeterpuntStatus

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
    # What step 6 decided: the action it became part of (accepted or merged), or why it was rejected.
    actie = models.ForeignKey(
        "verbeterplan.Verbeteractie",
        verbose_name=_("action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="punten",
    )
    afwijzingsreden = models.TextField(_("reason for rejection"), blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    besloten_op = models.DateTimeField(_("decided at"), null=True, blank=True)

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
            # Accepted or merged: it names its action; rejected: it says why; open: neither.
            models.CheckConstraint(
                condition=(
                    Q(status__in=[VerbeterpuntStatus.OVERGENOMEN, VerbeterpuntStatus.SAMENGEVOEGD])
                    & Q(actie__isnull=False)
                    & Q(afwijzingsreden="")
                )
                | (Q(status=VerbeterpuntStatus.AFGEWEZEN) & Q(actie__isnull=True) & ~Q(afwijzingsreden=""))
                | (Q(status=VerbeterpuntStatus.OPEN) & Q(actie__isnull=True) & Q(afwijzingsreden="")),
                name="verbeterpunt_besluit_volledig",
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
        if self.actie_id and self.actie.traject_id != self.traject_id:
            raise ValidationError({"actie": _("This action belongs to another trajectory.")})
        if self.status == VerbeterpuntStatus.AFGEWEZEN and not self.afwijzingsreden.strip():
            raise ValidationError({"afwijzingsreden": _("Give the reason for rejecting this point.")})

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

    @property
    def status_keuze(self) -> VerbeterpuntStatus:
        return VerbeterpuntStatus(self.status)

    @property
    def is_moment_van_waarheid(self) -> bool:
        return self.bron == VerbeterpuntBron.CONTACTMOMENT and self.contactmoment.moment_van_waarheid

    @property
    def bron_url(self) -> str:
        """Where the point came from: the source's own page, at the source (the trajectory page for a
        point of the trajectory itself). Cheap with the sources loaded (`selectors.BRONNEN`)."""
        if self.bron == VerbeterpuntBron.PROCESSTAP:
            return f"{self.processtap.versie.get_absolute_url()}#stap-{self.processtap_id}"
        if self.bron == VerbeterpuntBron.PIJNPUNT:
            return f"{self.pijnpunt.contactmoment.get_absolute_url()}#pijnpunt-{self.pijnpunt_id}"
        bron = self.bron_object
        return bron.get_absolute_url() if bron is not None else self.traject.get_absolute_url()


class Verbeteractie(models.Model):
    """An improvement action of the plan (step 6): what the team will change, made of one or more
    improvement points (`punten`), with its expected impact and effort, cost, departments, proposed owner
    and the KPI's it should move. Ordered within the plan by `volgorde` (1..n)."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="verbeteracties",
    )
    volgorde = models.PositiveIntegerField(_("order"), default=1)
    titel = models.CharField(_("title"), max_length=200)
    omschrijving = models.TextField(
        _("description"), blank=True, help_text=_("What will change, and how, in a few sentences.")
    )
    termijn = models.CharField(
        _("quick win or long term"),
        max_length=20,
        choices=Termijn.choices,
        blank=True,
        help_text=_("A quick win can be done soon with little effort; the rest is for the long term."),
    )
    impact = models.PositiveSmallIntegerField(
        _("expected impact"),
        choices=Schaal.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How much it improves things for the resident and the organisation, 1 to 5."),
    )
    inspanning = models.PositiveSmallIntegerField(
        _("expected effort"),
        choices=Schaal.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How much time, money and change it takes, 1 to 5."),
    )
    kosten_eenmalig = models.DecimalField(
        _("one-off cost (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional: an estimate in euros, such as 2500 or 2500,50."),
    )
    kosten_jaarlijks = models.DecimalField(
        _("yearly cost (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional: an estimate in euros per year."),
    )
    afdelingen = models.ManyToManyField(
        "accounts.Afdeling",
        verbose_name=_("affected departments"),
        blank=True,
        related_name="verbeteracties",
    )
    voorgestelde_eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgestelde_verbeteracties",
        help_text=_("A member of the team who would carry the action out."),
    )
    kpis = models.ManyToManyField(
        "trajecten.Kpi",
        verbose_name=_("KPIs it should move"),
        through="ActieKpi",
        blank=True,
        related_name="verbeteracties",
    )
    wijzigt_gewenst_proces = models.BooleanField(
        _("changes the desired process"),
        default=False,
        help_text=_("Tick this when the desired process map must be adjusted for this action."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["traject", "volgorde", "pk"]
        indexes = [models.Index(fields=["traject", "volgorde"], name="verbeteractie_traject_volgorde")]
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn__in=["", *Termijn.values]), name="verbeteractie_termijn_geldig"
            ),
            models.CheckConstraint(
                condition=Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=5),
                name="verbeteractie_impact_1_tot_5",
            ),
            models.CheckConstraint(
                condition=Q(inspanning__isnull=True) | Q(inspanning__gte=1, inspanning__lte=5),
                name="verbeteractie_inspanning_1_tot_5",
            ),
            models.CheckConstraint(
                condition=Q(kosten_eenmalig__isnull=True) | Q(kosten_eenmalig__gte=0),
                name="verbeteractie_kosten_eenmalig_positief",
            ),
            models.CheckConstraint(
                condition=Q(kosten_jaarlijks__isnull=True) | Q(kosten_jaarlijks__gte=0),
                name="verbeteractie_kosten_jaarlijks_positief",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.titel}"

    def get_absolute_url(self) -> str:
        return reverse("verbeterplan:actie", args=[self.traject_id, self.pk])

    @property
    def termijn_keuze(self) -> Termijn | None:
        return Termijn(self.termijn) if self.termijn else None


class ActieKpi(models.Model):
    """A KPI an action is expected to move, with the expected effect in words."""

    actie = models.ForeignKey(
        Verbeteractie, verbose_name=_("action"), on_delete=models.CASCADE, related_name="kpi_effecten"
    )
    kpi = models.ForeignKey(
        "trajecten.Kpi", verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="actie_effecten"
    )
    verwacht_effect = models.CharField(
        _("expected effect"), max_length=300, help_text=_("In words, e.g. “from 56 to 30 days”.")
    )

    class Meta:
        verbose_name = _("expected effect on a KPI")
        verbose_name_plural = _("expected effects on KPIs")
        ordering = ["kpi__naam", "pk"]
        constraints = [models.UniqueConstraint(fields=["actie", "kpi"], name="actiekpi_een_per_kpi")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.verwacht_effect}"

    def clean(self) -> None:
        if self.kpi_id and self.actie_id and self.kpi.traject_id != self.actie.traject_id:
            raise ValidationError({"kpi": _("This KPI belongs to another trajectory.")})
