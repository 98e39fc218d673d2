"""Step 7, the review (toetsing) of the improvement plan: the projectleider's requests to specialists,
their verdicts, and the conditions of a conditional approval, tracked on the action."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trajecten.choices import Discipline
from wasstraat.onveranderlijk import Onveranderlijk

from ..choices import Oordeel, ToetsverzoekStatus, VoorwaardeStatus
from ..toetsvragen import antwoorden_valideren


class Toetsverzoek(models.Model):
    """A request to one specialist to review the plan from their discipline, by a term.

    `momentopname` is the plan as it was when the review was requested (`momentopname.plan_momentopname`):
    what the specialist judges, and what a later change of an action is compared with. `acties` are the
    actions asked about (all of them, or for a fresh review only those that changed). The request itself
    gives the specialist access to what the review needs (`toegang`), also when they are not on the team.
    """

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="toetsverzoeken",
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        on_delete=models.PROTECT,
        related_name="toetsverzoeken",
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    termijn = models.DateField(_("term"), help_text=_("The date by which the verdict is expected."))
    bericht = models.TextField(
        _("message to the specialist"),
        blank=True,
        help_text=_("Optional: what you would like them to look at."),
    )
    momentopname = models.JSONField(_("snapshot of the plan"), default=dict, editable=False)
    acties = models.ManyToManyField(
        "verbeterplan.Verbeteractie", verbose_name=_("actions to review"), related_name="toetsverzoeken"
    )
    herhaling_van = models.ForeignKey(
        "self",
        verbose_name=_("fresh review of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herhalingen",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ToetsverzoekStatus.choices, default=ToetsverzoekStatus.OPEN
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("requested at"), auto_now_add=True)
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    intrekreden = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["traject", "aangevraagd_op", "pk"]
        indexes = [models.Index(fields=["specialist", "status"], name="toetsverzoek_specialist_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ToetsverzoekStatus.values), name="toetsverzoek_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(discipline__in=Discipline.values), name="toetsverzoek_discipline_geldig"
            ),
            # Open: neither answered nor withdrawn; answered: when; withdrawn: when, by whom and why.
            models.CheckConstraint(
                condition=(
                    Q(status=ToetsverzoekStatus.OPEN)
                    & Q(beantwoord_op__isnull=True)
                    & Q(ingetrokken_op__isnull=True)
                )
                | (
                    Q(status=ToetsverzoekStatus.BEANTWOORD)
                    & Q(beantwoord_op__isnull=False)
                    & Q(ingetrokken_op__isnull=True)
                )
                | (
                    Q(status=ToetsverzoekStatus.INGETROKKEN)
                    & Q(ingetrokken_op__isnull=False)
                    & Q(ingetrokken_door__isnull=False)
                    & ~Q(intrekreden="")
                ),
                name="toetsverzoek_status_volledig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()}: {self.specialist}"

    def get_absolute_url(self) -> str:
        return reverse("verbeterplan:toetsverzoek", args=[self.traject_id, self.pk])

    @property
    def status_keuze(self) -> ToetsverzoekStatus:
        return ToetsverzoekStatus(self.status)

    @property
    def is_open(self) -> bool:
        return self.status == ToetsverzoekStatus.OPEN

    def clean(self) -> None:
        if self.status == ToetsverzoekStatus.INGETROKKEN and not self.intrekreden.strip():
            raise ValidationError({"intrekreden": _("Give the reason for withdrawing this request.")})


class Toetsoordeel(Onveranderlijk):
    """A specialist's verdict, on one action of the request (`actie`) or on the whole plan (no action):
    approved, approved with conditions (`voorwaarden`, each tracked as a `Voorwaarde`), or not approved,
    with an explanation and the answers to their discipline's questions (`toetsvragen`).

    Final once submitted and part of the audit trail: the model refuses changes and deletion, and on
    PostgreSQL a trigger does too (migration `0006_toetsoordeel_onveranderlijk`). It judges the action
    as it was in the request's snapshot.
    """

    WEIGERING_WIJZIGEN = "A submitted verdict cannot be changed."
    WEIGERING_VERWIJDEREN = "A submitted verdict cannot be deleted."

    verzoek = models.ForeignKey(
        Toetsverzoek, verbose_name=_("review request"), on_delete=models.PROTECT, related_name="oordelen"
    )
    actie = models.ForeignKey(
        "verbeterplan.Verbeteractie",
        verbose_name=_("action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toetsoordelen",
        help_text=_("Empty: the verdict is on the whole plan."),
    )
    oordeel = models.CharField(_("verdict"), max_length=30, choices=Oordeel.choices)
    toelichting = models.TextField(_("explanation"))
    voorwaarden = models.JSONField(_("conditions"), default=list, blank=True)
    antwoorden = models.JSONField(_("answers of the discipline"), default=dict, blank=True)
    gegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    gegeven_op = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["verzoek", "pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=Q(oordeel__in=Oordeel.values), name="toetsoordeel_oordeel_geldig"
            ),
            models.UniqueConstraint(fields=["verzoek", "actie"], name="toetsoordeel_een_per_actie"),
            models.UniqueConstraint(
                fields=["verzoek"], condition=Q(actie__isnull=True), name="toetsoordeel_een_voor_het_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_oordeel_display()}: {self.actie or _('the whole plan')}"

    @property
    def oordeel_keuze(self) -> Oordeel:
        return Oordeel(self.oordeel)

    def clean(self) -> None:
        fouten = {}
        if not (self.toelichting or "").strip():
            fouten["toelichting"] = _("Explain your verdict.")
        if self.oordeel == Oordeel.ONDER_VOORWAARDEN and not [
            v for v in self.voorwaarden or [] if str(v).strip()
        ]:
            fouten["voorwaarden"] = _("Name the conditions of your approval, one per line.")
        if self.oordeel != Oordeel.ONDER_VOORWAARDEN and self.voorwaarden:
            fouten["voorwaarden"] = _("Only an approval with conditions has conditions.")
        if self.actie_id and self.verzoek_id and self.actie.traject_id != self.verzoek.traject_id:
            fouten["actie"] = _("This action belongs to another trajectory.")
        if fouten:
            raise ValidationError(fouten)
        if self.verzoek_id:
            self.antwoorden = antwoorden_valideren(self.verzoek.discipline, self.antwoorden or {})


class Voorwaarde(models.Model):
    """One condition of an approval with conditions, tracked on its action (none: on the whole plan)
    with an owner, visible until it is met or set aside with a reason."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="voorwaarden",
    )
    oordeel = models.ForeignKey(
        Toetsoordeel, verbose_name=_("verdict"), on_delete=models.PROTECT, related_name="voorwaarde_items"
    )
    actie = models.ForeignKey(
        "verbeterplan.Verbeteractie",
        verbose_name=_("action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorwaarden",
    )
    tekst = models.TextField(_("condition"))
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="voorwaarden",
        help_text=_("Who sees to it that the condition is met."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VoorwaardeStatus.choices, default=VoorwaardeStatus.OPEN
    )
    toelichting = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("How the condition was met, or why it is set aside (required then)."),
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["traject", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VoorwaardeStatus.values), name="voorwaarde_status_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(status=VoorwaardeStatus.TERZIJDE) | ~Q(toelichting=""),
                name="voorwaarde_terzijde_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst

    @property
    def status_keuze(self) -> VoorwaardeStatus:
        return VoorwaardeStatus(self.status)

    def clean(self) -> None:
        if self.status == VoorwaardeStatus.TERZIJDE and not self.toelichting.strip():
            raise ValidationError({"toelichting": _("Give the reason for setting this condition aside.")})
