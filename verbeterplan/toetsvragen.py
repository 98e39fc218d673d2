"""The questions each discipline answers with its verdict: one declarative table.

A verdict (`Toetsoordeel`) keeps the answers as JSON (`antwoorden`, question key → value), validated
against this table by the model's `clean()`, so every write path checks them. The questions differ
wholly per discipline (an ICT cost estimate means nothing to the lawyer), so a column per question
would leave a dozen mostly empty columns and a migration for every new question; here a new question
is one line, and the form, the page and later the PDF read labels and order from the same table.

Value types: ``ja_nee`` ("ja"/"nee"), ``keuze`` (one of `keuzes`), ``tekst`` (free text), ``bedrag``
(euros, stored as a decimal string "2500.00"), ``weken`` (a whole number of weeks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trajecten.choices import Discipline

JA_NEE, KEUZE, TEKST, BEDRAG, WEKEN = "ja_nee", "keuze", "tekst", "bedrag", "weken"
JA_NEE_KEUZES = (("ja", _("Yes")), ("nee", _("No")))


@dataclass(frozen=True)
class Toetsvraag:
    """One question of a discipline."""

    sleutel: str
    vraag: str | Promise
    soort: str
    verplicht: bool = False
    keuzes: tuple[tuple[str, str | Promise], ...] = field(default=())
    uitleg: str | Promise = ""

    @property
    def veldnaam(self) -> str:
        """The form field that asks it."""
        return f"vraag_{self.sleutel}"

    def opties(self) -> tuple[tuple[str, str | Promise], ...]:
        return JA_NEE_KEUZES if self.soort == JA_NEE else self.keuzes

    def leesbaar(self, waarde) -> str:
        """The stored answer as the reader reads it (choice labels, euros, weeks)."""
        if waarde in (None, ""):
            return "—"
        if self.soort in (JA_NEE, KEUZE):
            return str(dict(self.opties()).get(waarde, waarde))
        if self.soort == BEDRAG:
            return f"€ {Decimal(waarde):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        if self.soort == WEKEN:
            return gettext("%(aantal)s weeks") % {"aantal": waarde}
        return str(waarde)


TOETSVRAGEN: Mapping[str, tuple[Toetsvraag, ...]] = {
    Discipline.ICT: (
        Toetsvraag("technisch_haalbaar", _("Technically feasible?"), JA_NEE, verplicht=True),
        Toetsvraag(
            "ict_kosten",
            _("ICT cost estimate (euros)"),
            BEDRAG,
            uitleg=_("One-off, such as 12000 or 12000,50; leave empty if there are no ICT costs."),
        ),
        Toetsvraag("doorlooptijd", _("Lead time of the change (weeks)"), WEKEN),
        Toetsvraag("alternatief", _("A cheaper or more feasible alternative"), TEKST),
    ),
    Discipline.PRIVACY_OFFICER: (
        Toetsvraag("avg_conform", _("Compliant with the AVG (GDPR)?"), JA_NEE, verplicht=True),
        Toetsvraag(
            "dpia_nodig",
            _("DPIA needed?"),
            KEUZE,
            verplicht=True,
            keuzes=(("ja", _("Yes")), ("nee", _("No")), ("nader_te_bepalen", _("To be determined"))),
        ),
        Toetsvraag("suggesties", _("Suggestions"), TEKST),
    ),
    Discipline.CISO: (
        Toetsvraag(
            "beveiligingsimpact",
            _("Security impact (BIO)"),
            KEUZE,
            verplicht=True,
            keuzes=(("geen", _("None")), ("laag", _("Low")), ("midden", _("Medium")), ("hoog", _("High"))),
        ),
        Toetsvraag("bio_maatregelen", _("Measures the BIO asks for"), TEKST),
    ),
    Discipline.JURIST: (
        Toetsvraag("grondslag", _("Legal basis"), TEKST, verplicht=True),
        Toetsvraag("risicos", _("Legal risks"), TEKST),
    ),
    Discipline.APPLICATIEBEHEERDER: (
        Toetsvraag(
            "applicaties",
            _("Which applications change"),
            TEKST,
            verplicht=True,
            uitleg=_("Name each application and what changes in it; write “none” if nothing changes."),
        ),
    ),
    Discipline.COMMUNICATIEADVISEUR: (
        Toetsvraag(
            "communicatie_nodig",
            _("Communication needed"),
            KEUZE,
            verplicht=True,
            keuzes=(
                ("geen", _("None")),
                ("intern", _("Internal")),
                ("extern", _("External")),
                ("intern_extern", _("Internal and external")),
            ),
        ),
        Toetsvraag("documentatie", _("Documentation to adjust"), TEKST),
    ),
}


def vragen_van(discipline: str) -> tuple[Toetsvraag, ...]:
    return TOETSVRAGEN.get(discipline, ())


def _waarde(vraag: Toetsvraag, ruw) -> str | int | None:
    """One answer checked and normalised; raises ValidationError with a message for the field."""
    if ruw is None or (isinstance(ruw, str) and not ruw.strip()):
        if vraag.verplicht:
            raise ValidationError(gettext("Answer this question: %(vraag)s") % {"vraag": vraag.vraag})
        return None
    if vraag.soort in (JA_NEE, KEUZE):
        if ruw not in dict(vraag.opties()):
            raise ValidationError(gettext("Choose one of the answers."))
        return ruw
    if vraag.soort == BEDRAG:
        try:
            bedrag = Decimal(str(ruw).replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(gettext("Enter an amount in euros, such as 2500 or 2500,50.")) from None
        if not bedrag.is_finite() or bedrag < 0 or bedrag >= Decimal("1e10"):
            raise ValidationError(gettext("Enter an amount in euros, such as 2500 or 2500,50."))
        return str(bedrag.quantize(Decimal("0.01")))
    if vraag.soort == WEKEN:
        try:
            weken = int(str(ruw).strip())
        except ValueError:
            raise ValidationError(gettext("Enter a whole number of weeks, such as 6.")) from None
        if not 0 <= weken <= 520:
            raise ValidationError(gettext("Enter a whole number of weeks, such as 6."))
        return weken
    return str(ruw).strip()


def antwoorden_valideren(discipline: str, antwoorden: Mapping) -> dict:
    """The answers for `discipline`, checked against the table and normalised (empty answers left out).

    Raises a ValidationError keyed by each question's form field (`Toetsvraag.veldnaam`); an answer to a
    question the discipline does not have is refused too.
    """
    if not isinstance(antwoorden, Mapping):
        raise ValidationError({"antwoorden": gettext("The answers are not in the expected form.")})
    vragen = {v.sleutel: v for v in vragen_van(discipline)}
    onbekend = set(antwoorden) - set(vragen)
    if onbekend:
        raise ValidationError(
            {
                "antwoorden": gettext("Not a question of this discipline: %(vragen)s")
                % {"vragen": ", ".join(sorted(onbekend))}
            }
        )
    schoon, fouten = {}, {}
    for sleutel, vraag in vragen.items():
        try:
            waarde = _waarde(vraag, antwoorden.get(sleutel))
        except ValidationError as fout:
            fouten[vraag.veldnaam] = fout.messages
            continue
        if waarde is not None:
            schoon[sleutel] = waarde
    if fouten:
        raise ValidationError(fouten)
    return schoon


def antwoorden_leesbaar(discipline: str, antwoorden: Mapping) -> list[tuple[str, str]]:
    """(question, answer as read) in the table's order, for the pages and the PDF."""
    return [(str(v.vraag), v.leesbaar(antwoorden.get(v.sleutel))) for v in vragen_van(discipline)]
