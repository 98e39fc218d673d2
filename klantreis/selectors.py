"""Reads of the customer journey (step 4), shaped for its pages in a bounded number of queries.

The views check the trajectory's permissions first (`trajecten.permissions.traject_met_recht`); these
selectors only read what belongs to that trajectory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils.formats import number_format

from trajecten.models import Traject

from .choices import Reis
from .models import Alternatief, Contactmoment, Fase, Interview, Inzicht, Klantreis, Pijnpunt

#: The score as the page writes it: a real minus sign, a plus for positive values.
_SCORES = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}


def score_tekst(beleving: int) -> str:
    """The experience score as text, e.g. "−2" or "+1"."""
    return _SCORES.get(beleving, str(beleving))


def gemiddelde_tekst(gemiddelde: float | None) -> str:
    """An average experience with one decimal as the user's language writes it ("−1,5"); "—" for none."""
    if gemiddelde is None:
        return "—"
    return number_format(round(gemiddelde, 1), decimal_pos=1).replace("-", "−")


@dataclass
class Reisoverzicht:
    """The journey with its phases; each phase carries `.huidig` and `.gewenst`, its contact moments."""

    klantreis: Klantreis | None
    fasen: list[Fase] = field(default_factory=list)

    @property
    def momenten(self) -> list[Contactmoment]:
        """Every contact moment of both journeys, phase by phase (for the curve)."""
        return [moment for fase in self.fasen for moment in (*fase.huidig, *fase.gewenst)]


def _momenten(reis: Klantreis) -> QuerySet[Contactmoment]:
    return (
        Contactmoment.objects.filter(fase__klantreis=reis)
        .annotate(aantal_verbeterpunten=Count("verbeterpunten", distinct=True))
        .prefetch_related(
            Prefetch(
                "pijnpunten",
                queryset=Pijnpunt.objects.order_by("aangemaakt_op", "pk"),
                to_attr="pijnpunten_lijst",
            )
        )
        .order_by("volgorde", "pk")
    )


def reisoverzicht(traject: Traject) -> Reisoverzicht:
    """The journey page's data: the journey, its phases in order, each with its current and desired
    contact moments (`.huidig`, `.gewenst`, and both as `.reizen` pairs for the table; pain points
    prefetched as `.pijnpunten_lijst`, improvement points counted). Four queries at most."""
    reis = Klantreis.objects.filter(traject_id=traject.pk).first()
    if reis is None:
        return Reisoverzicht(klantreis=None)
    reis.traject = traject
    fasen = list(reis.fasen.order_by("volgorde", "pk"))
    per_fase = {fase.pk: fase for fase in fasen}
    for fase in fasen:
        fase.klantreis = reis
        fase.huidig, fase.gewenst = [], []
    for moment in _momenten(reis):
        fase = per_fase[moment.fase_id]
        moment.fase = fase
        moment.score_tekst = score_tekst(moment.beleving)
        (fase.gewenst if moment.reis == Reis.GEWENST else fase.huidig).append(moment)
    for fase in fasen:
        fase.reizen = [(Reis.HUIDIG, fase.huidig), (Reis.GEWENST, fase.gewenst)]
        for lijst in (fase.huidig, fase.gewenst):
            for nummer, moment in enumerate(lijst, start=1):
                moment.is_eerste, moment.is_laatste = nummer == 1, nummer == len(lijst)
    for nummer, fase in enumerate(fasen, start=1):
        fase.is_eerste, fase.is_laatste = nummer == 1, nummer == len(fasen)
    return Reisoverzicht(klantreis=reis, fasen=fasen)


def contactmoment_van(traject: Traject, cm_pk: int) -> QuerySet[Contactmoment]:
    """The contact moment `cm_pk` if it belongs to the trajectory's journey (empty otherwise)."""
    return Contactmoment.objects.select_related("fase__klantreis").filter(
        pk=cm_pk, fase__klantreis__traject=traject
    )


def interviews_samenvatting(reis: Klantreis | None) -> QuerySet[Interview]:
    """The journey's interviews for the team's summary: without the notes and key insights, by date."""
    if reis is None:
        return Interview.objects.none()
    return reis.interviews.defer("notities", "kerninzichten").order_by("datum", "pk")


def inzichten_van(reis: Klantreis | None) -> list[Inzicht]:
    """The insights the coach shared with the team (never loading an interview's notes)."""
    if reis is None:
        return []
    return list(
        reis.inzichten.select_related("gedeeld_door", "interview").defer(
            "interview__notities", "interview__kerninzichten"
        )
    )


def alternatieven_van(reis: Klantreis | None) -> list[Alternatief]:
    """The alternative sources instead of own interviews, with their attachments."""
    if reis is None:
        return []
    return list(reis.alternatieven.select_related("aangemaakt_door").prefetch_related("bijlagen"))
