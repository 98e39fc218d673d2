"""The customer journey (klantreis, step 4): persona, phases, contact moments, interviews and alternatives.

A trajectory has one journey. Its phases are shared by the current and the desired (*perfecte*) journey,
so both curves are drawn over the same phases; each contact moment belongs to one of the two journeys.
Interview notes hold personal data of residents: only the klantreiscoach reads them, every view, change,
export and deletion is logged in `InterviewLog`, and they are deleted after the retention period.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wasstraat.onveranderlijk import Onveranderlijk

from .choices import (
    ROLHANDELINGEN,
    AlternatiefSoort,
    Beleving,
    Handeling,
    Kanaal,
    Klanttype,
    Reis,
    Toestemming,
)
from .persoonsgegevens import geen_persoonsgegevens

GEEN_PERSOONSGEGEVENS = _(
    "No names, addresses, BSN, e-mail addresses or phone numbers of residents: pseudonymous text only."
)

#: File types accepted as attachments of existing customer feedback.
BIJLAGE_EXTENSIES = ("pdf", "docx", "xlsx", "csv", "txt", "odt", "ods", "png", "jpg", "jpeg")


class Klantreis(models.Model):
    """The customer journey of a trajectory, led by the klantreiscoach."""

    traject = models.OneToOneField(
        "trajecten.Traject",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="klantreis",
    )
    persona_naam = models.CharField(
        _("target group or persona"),
        max_length=200,
        help_text=_("E.g. “Starting entrepreneur” or “Resident applying for the first time”."),
    )
    persona_omschrijving = models.TextField(
        _("description"), blank=True, help_text=_("Who are they, what is their situation?")
    )
    persona_behoeften = models.TextField(
        _("needs"), blank=True, help_text=_("What does this customer need from the municipality?")
    )
    bijgewerkt_op = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("customer journey")
        verbose_name_plural = _("customer journeys")

    def __str__(self) -> str:
        return self.persona_naam

    def get_absolute_url(self) -> str:
        return reverse("klantreis:overzicht", args=[self.traject_id])


class Fase(models.Model):
    """A phase of the journey (oriënteren, aanvragen, wachten, …), shared by current and desired journey."""

    klantreis = models.ForeignKey(
        Klantreis, verbose_name=_("customer journey"), on_delete=models.CASCADE, related_name="fasen"
    )
    naam = models.CharField(_("name"), max_length=120)
    omschrijving = models.TextField(_("description"), blank=True)
    volgorde = models.PositiveIntegerField(_("order"), default=0)
    metriek = models.CharField(
        _("metric"),
        max_length=200,
        blank=True,
        help_text=_("How this phase is measured, e.g. “days from application to decision”."),
    )
    huidige_waarde = models.CharField(_("current value"), max_length=100, blank=True)
    streefwaarde = models.CharField(_("target value"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["klantreis", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.naam


class Contactmoment(models.Model):
    """A moment the customer meets the municipality, in one phase of the current or the desired journey."""

    fase = models.ForeignKey(
        Fase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="contactmomenten"
    )
    reis = models.CharField(_("journey"), max_length=10, choices=Reis.choices, default=Reis.HUIDIG)
    volgorde = models.PositiveIntegerField(_("order"), default=0)
    titel = models.CharField(_("title"), max_length=200, help_text=_("E.g. “Fills in the online form”."))
    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices)
    klant_doet = models.TextField(_("what the customer does"), blank=True)
    klant_ervaart = models.TextField(_("what the customer experiences"), blank=True)
    beleving = models.SmallIntegerField(
        _("experience"),
        choices=Beleving.choices,
        default=Beleving.NEUTRAAL,
        help_text=_("From very negative (−2) to very positive (+2): the height of the curve."),
    )
    citaten = models.TextField(
        _("quotes"),
        blank=True,
        help_text=format_lazy("{} {}", _("What customers said, one quote per line."), GEEN_PERSOONSGEGEVENS),
        validators=[geen_persoonsgegevens],
    )
    moment_van_waarheid = models.BooleanField(
        _("moment of truth"),
        default=False,
        help_text=_("A moment that makes or breaks the customer's judgement of the whole service."),
    )

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["fase__volgorde", "fase_id", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(reis__in=Reis.values), name="contactmoment_reis_geldig"),
            models.CheckConstraint(condition=Q(kanaal__in=Kanaal.values), name="contactmoment_kanaal_geldig"),
            models.CheckConstraint(
                condition=Q(beleving__gte=-2, beleving__lte=2), name="contactmoment_beleving_bereik"
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("klantreis:contactmoment", args=[self.fase.klantreis.traject_id, self.pk])

    @property
    def beleving_keuze(self) -> Beleving:
        return Beleving(self.beleving)

    @property
    def kanaal_label(self) -> str:
        # The choice's own label: get_kanaal_display() hashes every channel's translated label per call,
        # and the journey page asks it of every contact moment.
        return str(Kanaal(self.kanaal).label)

    @property
    def citaten_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.citaten.splitlines() if regel.strip()]


class Pijnpunt(models.Model):
    """A pain point of a contact moment; each can become an improvement point."""

    contactmoment = models.ForeignKey(
        Contactmoment, verbose_name=_("contact moment"), on_delete=models.CASCADE, related_name="pijnpunten"
    )
    omschrijving = models.CharField(
        _("pain point"), max_length=300, validators=[geen_persoonsgegevens], help_text=GEEN_PERSOONSGEGEVENS
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pain point")
        verbose_name_plural = _("pain points")
        ordering = ["contactmoment", "aangemaakt_op", "pk"]

    def __str__(self) -> str:
        return self.omschrijving


class Interview(models.Model):
    """An interview with a customer. Pseudonymous; the notes are for the klantreiscoach's eyes only."""

    klantreis = models.ForeignKey(
        Klantreis, verbose_name=_("customer journey"), on_delete=models.CASCADE, related_name="interviews"
    )
    datum = models.DateField(_("date"))
    klanttype = models.CharField(_("customer type"), max_length=20, choices=Klanttype.choices)
    pseudoniem = models.CharField(
        _("pseudonym"),
        max_length=60,
        validators=[geen_persoonsgegevens],
        help_text=_(
            "A made-up label such as “Inwoner A” or “Ondernemer 3”. Never a name, address, BSN or contact "
            "details."
        ),
    )
    toestemming_wijze = models.CharField(_("consent given"), max_length=20, choices=Toestemming.choices)
    toestemming_op = models.DateField(_("consent date"))
    notities = models.TextField(
        _("notes"),
        blank=True,
        validators=[geen_persoonsgegevens],
        help_text=format_lazy(
            "{} {}",
            _("Only the klantreiscoach can read these; they are deleted after the retention period."),
            GEEN_PERSOONSGEGEVENS,
        ),
    )
    kerninzichten = models.TextField(
        _("key insights"),
        blank=True,
        validators=[geen_persoonsgegevens],
        help_text=_("What this interview taught, one insight per line. Anonymous: kept after the notes go."),
    )
    notities_verwijderd_op = models.DateTimeField(_("notes deleted at"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(klanttype__in=Klanttype.values), name="interview_klanttype_geldig"
            ),
            models.CheckConstraint(
                condition=Q(toestemming_wijze__in=Toestemming.values), name="interview_toestemming_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pseudoniem} ({self.datum:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("klantreis:interview", args=[self.klantreis.traject_id, self.pk])

    def clean(self) -> None:
        if self.toestemming_op and self.datum and self.toestemming_op > self.datum:
            raise ValidationError(
                {"toestemming_op": _("Consent must be given on or before the day of the interview.")}
            )

    @property
    def kerninzichten_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.kerninzichten.splitlines() if regel.strip()]


class Inzicht(models.Model):
    """An anonymous insight the klantreiscoach promoted to the journey: the team sees these, not the notes."""

    klantreis = models.ForeignKey(
        Klantreis, verbose_name=_("customer journey"), on_delete=models.CASCADE, related_name="inzichten"
    )
    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inzichten",
    )
    tekst = models.TextField(
        _("insight"), validators=[geen_persoonsgegevens], help_text=GEEN_PERSOONSGEGEVENS
    )
    gedeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="+"
    )
    gedeeld_op = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        ordering = ["gedeeld_op", "pk"]

    def __str__(self) -> str:
        return self.tekst[:80]


class InterviewLog(Onveranderlijk):
    """Who viewed, changed, exported or deleted an interview's personal data, and when. Append-only.

    Never holds the notes themselves: `omschrijving` names fields, not their content.
    """

    WEIGERING_WIJZIGEN = "The privacy log cannot be changed."
    WEIGERING_VERWIJDEREN = "The privacy log cannot be deleted."

    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("trajectory"), on_delete=models.PROTECT, related_name="+"
    )
    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logregels",
    )
    interview_label = models.CharField(
        _("interview"),
        max_length=100,
        blank=True,
        help_text=_("Pseudonym and date, kept when the interview is deleted; empty for a role change."),
    )
    handeling = models.CharField(_("action"), max_length=20, choices=Handeling.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the system (the retention task)."),
    )
    tijdstip = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    omschrijving = models.CharField(_("what"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("privacy log entry")
        verbose_name_plural = _("privacy log")
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=Q(handeling__in=Handeling.values), name="interviewlog_handeling_geldig"
            ),
            # A role change (klantreiscoach given or taken) concerns no interview; every other entry
            # names the interview it is about.
            models.CheckConstraint(
                condition=(Q(handeling__in=ROLHANDELINGEN) & Q(interview__isnull=True, interview_label=""))
                | (~Q(handeling__in=ROLHANDELINGEN) & ~Q(interview_label="")),
                name="interviewlog_interview_of_rol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_handeling_display()}: {self.interview_label}"


class Alternatief(models.Model):
    """Instead of own interviews (simpler processes): existing feedback or another municipality's journey."""

    klantreis = models.ForeignKey(
        Klantreis, verbose_name=_("customer journey"), on_delete=models.CASCADE, related_name="alternatieven"
    )
    soort = models.CharField(_("kind"), max_length=20, choices=AlternatiefSoort.choices)
    reden = models.TextField(
        _("why no own interviews"), help_text=_("Why this source is enough for this process.")
    )
    # existing customer feedback
    bron = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. complaints register, KTO survey, reviews.")
    )
    periode = models.CharField(_("period"), max_length=100, blank=True, help_text=_("E.g. “2025”."))
    samenvatting = models.TextField(_("summary"), blank=True, validators=[geen_persoonsgegevens])
    # another municipality's published journey
    gemeente = models.CharField(_("municipality"), max_length=120, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    overgenomen = models.TextField(_("what was taken over"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alternative source")
        verbose_name_plural = _("alternative sources")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=AlternatiefSoort.values), name="alternatief_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        if self.soort == AlternatiefSoort.ANDERE_GEMEENTE:
            return f"{self.get_soort_display()}: {self.gemeente}"
        return f"{self.get_soort_display()}: {self.bron}"

    def clean(self) -> None:
        fouten = {}
        if not (self.reden or "").strip():
            fouten["reden"] = _("Explain why no own interviews were held.")
        verplicht = (
            {"bron": _("Name the source of the feedback."), "samenvatting": _("Summarise the feedback.")}
            if self.soort == AlternatiefSoort.FEEDBACK
            else {
                "gemeente": _("Name the municipality."),
                "link": _("Give the link to the published customer journey."),
                "overgenomen": _("Describe what was taken over."),
            }
        )
        for veld, bericht in verplicht.items():
            if not (getattr(self, veld) or "").strip():
                fouten[veld] = bericht
        if fouten:
            raise ValidationError(fouten)


def _bijlage_pad(bijlage: AlternatiefBijlage, bestandsnaam: str) -> str:
    return f"klantreis/{bijlage.alternatief.klantreis.traject_id}/{os.path.basename(bestandsnaam)}"


class AlternatiefBijlage(models.Model):
    """An attachment of existing customer feedback; served only through a permission-checked view."""

    alternatief = models.ForeignKey(
        Alternatief, verbose_name=_("alternative source"), on_delete=models.CASCADE, related_name="bijlagen"
    )
    bestand = models.FileField(
        _("file"),
        upload_to=_bijlage_pad,
        validators=[FileExtensionValidator(BIJLAGE_EXTENSIES)],
    )
    naam = models.CharField(_("name"), max_length=200)
    grootte = models.PositiveIntegerField(_("size in bytes"), default=0)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["toegevoegd_op", "pk"]

    def __str__(self) -> str:
        return self.naam
