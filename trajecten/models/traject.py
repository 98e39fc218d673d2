"""Trajectories, their steps, team, sessions and audit trail, and the object-permission tables."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from wasstraat.onveranderlijk import Onveranderlijk

from ..choices import (
    Discipline,
    GebeurtenisSoort,
    Rol,
    SessieSoort,
    Stap,
    StapStatusKeuze,
    TrajectStatus,
)


class Traject(models.Model):
    """A process-improvement trajectory for one product or service, along the ten steps."""

    product = models.ForeignKey(
        "serviceformules.Product",
        verbose_name=_("product/service"),
        on_delete=models.PROTECT,
        related_name="trajecten",
    )
    titel = models.CharField(_("title"), max_length=200)
    aanleiding = models.TextField(
        pgettext_lazy("trajectory occasion", "reason"), help_text=_("Why is this process being improved?")
    )
    doel = models.TextField(_("goal"), help_text=_("What should the improvement achieve?"))
    startdatum = models.DateField(_("start date"), null=True, blank=True)
    einddatum = models.DateField(_("planned end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus.choices, default=TrajectStatus.CONCEPT
    )
    stopreden = models.TextField(_("reason for stopping"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-aangemaakt_op"]
        default_permissions = ("add", "change", "view")
        permissions = [
            ("beheer_team", _("Manage the team")),
            ("beheer_sessies", _("Plan sessions and record their notes")),
            ("beheer_klantreissessies", _("Plan customer journey sessions")),
            ("vastleggen_verbeterpunt", _("Record improvement points and comment")),
            ("beheer_kpis", _("Define and edit KPIs; enter measurements")),
            ("keur_kpis", _("Approve the KPIs")),
            ("bewerk_proces", _("Edit process maps")),
            ("bewerk_klantreis", _("Edit the customer journey; hold interviews")),
            ("lees_interviews", _("Read interview notes")),
            ("beoordeel_6p", _("Assess the 6 Ps")),
            ("bewerk_verbeterplan", _("Edit the improvement plan")),
            ("vraag_toetsing", _("Request reviews")),
            ("bekijk_toetsstukken", _("See what a review of the improvement plan needs")),
            ("stel_implementatieplan_op", _("Draft the implementation plan")),
            ("besluit_implementatie", _("Decide adoption, priority and planning")),
            ("werk_voortgang_bij", _("Update the progress of actions")),
            ("houd_evaluatie", _("Hold the evaluation")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TrajectStatus.values), name="traject_status_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(status=TrajectStatus.GESTOPT) | ~Q(stopreden=""),
                name="traject_gestopt_met_reden",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # The order of "Mijn trajecten" (selectors.trajecten_lijst): a page without a sort. The
            # search on the title has a trigram index on PostgreSQL (migration 0005).
            models.Index(fields=["-gewijzigd_op", "-id"], name="traject_lijst_volgorde_idx"),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("trajecten:detail", args=[self.pk])

    def clean(self) -> None:
        if self.startdatum and self.einddatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": _("The end date cannot be before the start date.")})

    @property
    def status_keuze(self) -> TrajectStatus:
        return TrajectStatus(self.status)


class StapStatus(models.Model):
    """The status of one step of one trajectory; one row per step, created with the trajectory."""

    traject = models.ForeignKey(
        Traject, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="stappen"
    )
    stap = models.CharField(_("step"), max_length=3, choices=Stap.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StapStatusKeuze.choices,
        default=StapStatusKeuze.NIET_GESTART,
    )
    gestart_op = models.DateTimeField(_("started at"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("completed at"), null=True, blank=True)
    reden = models.TextField(_("reason"), blank=True, help_text=_("Reason for skipping."))

    class Meta:
        verbose_name = _("step status")
        verbose_name_plural = _("step statuses")
        constraints = [
            models.UniqueConstraint(fields=["traject", "stap"], name="stapstatus_uniek"),
            models.CheckConstraint(condition=Q(stap__in=Stap.values), name="stapstatus_stap_geldig"),
            models.CheckConstraint(
                condition=Q(status__in=StapStatusKeuze.values), name="stapstatus_status_geldig"
            ),
        ]
        # The list's filter "step in progress" looks rows up by step and status; with the trajectory
        # in the index too, PostgreSQL answers it (and the count) from the index alone.
        indexes = [models.Index(fields=["stap", "status", "traject"], name="stapstatus_stap_status_idx")]

    def __str__(self) -> str:
        return f"{self.traject}: {self.get_stap_display()} ({self.get_status_display()})"

    @property
    def stap_keuze(self) -> Stap:
        return Stap(self.stap)

    @property
    def status_keuze(self) -> StapStatusKeuze:
        return StapStatusKeuze(self.status)


class Teamlid(models.Model):
    """A person's role in a trajectory. The single source of truth for who may do what in it."""

    traject = models.ForeignKey(
        Traject, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="teamleden"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="teamlidmaatschappen",
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)
    discipline = models.CharField(
        _("discipline"),
        max_length=30,
        choices=Discipline.choices,
        blank=True,
        help_text=_("Only for specialists: the discipline they review from."),
    )
    toegevoegd_op = models.DateTimeField(_("added at"), auto_now_add=True)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["rol", "gebruiker__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "gebruiker", "rol", "discipline"], name="teamlid_uniek"
            ),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="teamlid_rol_geldig"),
            models.CheckConstraint(
                condition=(Q(rol=Rol.SPECIALIST) & Q(discipline__in=Discipline.values))
                | (~Q(rol=Rol.SPECIALIST) & Q(discipline="")),
                name="teamlid_discipline_alleen_specialist",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.rol_label})"

    @property
    def rol_label(self) -> str:
        if self.discipline:
            return f"{self.get_rol_display()}: {self.get_discipline_display()}"
        return str(self.get_rol_display())

    @property
    def rol_in_zin(self) -> str:
        """The role for use inside a sentence: the role in lower case, the discipline as it is named."""
        rol = str(self.get_rol_display()).lower()
        return f"{rol} ({self.get_discipline_display()})" if self.discipline else rol

    def clean(self) -> None:
        if self.rol == Rol.SPECIALIST and not self.discipline:
            raise ValidationError({"discipline": _("Choose the specialist's discipline.")})
        if self.rol != Rol.SPECIALIST and self.discipline:
            raise ValidationError({"discipline": _("Only specialists have a discipline.")})


class Sessie(models.Model):
    """A meeting of (part of) the team: the start session, 3a, 3b, a journey or 6P session, or other."""

    traject = models.ForeignKey(
        Traject, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="sessies"
    )
    soort = models.CharField(_("type"), max_length=20, choices=SessieSoort.choices)
    titel = models.CharField(_("title"), max_length=200)
    begint_op = models.DateTimeField(_("starts at"))
    eindigt_op = models.DateTimeField(_("ends at"))
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    aanwezigen = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True, related_name="sessies"
    )
    notities = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("What was discussed and agreed. No personal data of residents."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-begint_op"]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=SessieSoort.values), name="sessie_soort_geldig"),
            models.CheckConstraint(
                condition=Q(eindigt_op__gt=models.F("begint_op")), name="sessie_eindigt_na_begin"
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("trajecten:sessie", args=[self.traject_id, self.pk])

    def clean(self) -> None:
        fouten = {}
        if self.begint_op and self.eindigt_op and self.eindigt_op <= self.begint_op:
            fouten["eindigt_op"] = _("The end must be after the start.")
        if not self.locatie and not self.online_link:
            fouten["locatie"] = _("Give a location or an online meeting link.")
        if fouten:
            raise ValidationError(fouten)


class Gebeurtenis(Onveranderlijk):
    """An audit event of a trajectory: who did what, when and why. Append-only.

    Every step transition, trajectory status change, membership change and decision is one row.
    On PostgreSQL a trigger also refuses UPDATE and DELETE at the database level.
    """

    WEIGERING_WIJZIGEN = "Audit events cannot be changed."
    WEIGERING_VERWIJDEREN = "Audit events cannot be deleted."

    traject = models.ForeignKey(
        Traject,
        verbose_name=_("trajectory"),
        on_delete=models.PROTECT,
        related_name="gebeurtenissen",
    )
    tijdstip = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    soort = models.CharField(_("type"), max_length=30, choices=GebeurtenisSoort.choices)
    omschrijving = models.TextField(_("description"))
    stap = models.CharField(_("step"), max_length=3, choices=Stap.choices, blank=True)
    van_status = models.CharField(_("from"), max_length=20, blank=True)
    naar_status = models.CharField(_("to"), max_length=20, blank=True)
    reden = models.TextField(_("reason"), blank=True)
    gegevens = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=GebeurtenisSoort.values), name="gebeurtenis_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class TrajectUserObjectPermission(UserObjectPermissionBase):
    """A user's permission on one trajectory (direct foreign key: indexed, no text comparison)."""

    content_object = models.ForeignKey(Traject, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("trajectory permission of a user")
        verbose_name_plural = _("trajectory permissions of users")


class TrajectGroupObjectPermission(GroupObjectPermissionBase):
    """A group's permission on one trajectory (unused by roles, required by guardian's lookups)."""

    content_object = models.ForeignKey(Traject, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("trajectory permission of a group")
        verbose_name_plural = _("trajectory permissions of groups")
