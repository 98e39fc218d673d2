"""Permission-matrix rows for the interview pages of step 4 and the privacy log (merged into MATRIX in
test_permissiematrix.py).

Interview notes are for the klantreiscoach only (``lees_interviews``): every other member gets 403,
management too, outsiders 404 (SPEC.md, "Roles and permissions"). Taking a shared insight off the journey
is ``bewerk_klantreis``, also the coach only. The privacy log is global and needs the group
"Privacyfunctionarissen", which none of the matrix's people is in: everyone gets 403 (the officer's
200 is tested in tests/klantreis/test_interviews_views.py). Each request gets a fresh interview or
insight, so every allowed person has something to change or delete.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

from django.utils import timezone

from klantreis.choices import Klanttype, Toestemming
from klantreis.models import Interview, Inzicht, Klantreis
from tests.views.conftest import Omgeving
from tests.views.matrix import KRC, SPEC_CONTRACT, Controle, Verzoek, _geen, get, post

NOTITIES_LEZEN = SPEC_CONTRACT["lees_interviews"]
REIS_BEWERKEN = SPEC_CONTRACT["bewerk_klantreis"]
assert frozenset({KRC}) == NOTITIES_LEZEN == REIS_BEWERKEN

_volgnummer = count(1)


def _reis(o: Omgeving) -> Klantreis:
    reis, _nieuw = Klantreis.objects.get_or_create(
        traject=o.traject, defaults={"persona_naam": "Starter die een vergunning aanvraagt"}
    )
    return reis


def _nieuw_interview(o: Omgeving) -> Interview:
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    return Interview.objects.create(
        klantreis=_reis(o),
        datum=gisteren,
        klanttype=Klanttype.INWONER,
        pseudoniem=f"Inwoner {next(_volgnummer)}",
        toestemming_wijze=Toestemming.MONDELING,
        toestemming_op=gisteren,
        notities="Vond het formulier lastig.",
        kerninzichten="Bijlagen onduidelijk",
        aangemaakt_door=o.persoon(KRC),
    )


def _interview_gegevens() -> dict:
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    return {
        "datum": gisteren,
        "klanttype": Klanttype.ONDERNEMER,
        "pseudoniem": f"Ondernemer {next(_volgnummer)}",
        "toestemming_wijze": Toestemming.SCHRIFTELIJK,
        "toestemming_op": gisteren,
        "notities": "Wist niet hoe lang het zou duren.",
        "kerninzichten": "Wachttijd onbekend",
    }


def _met_reis(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    return Verzoek({"pk": o.traject.pk})


def _met_interview(o: Omgeving, _wie) -> Verzoek:
    _nieuw_interview(o)
    return Verzoek({"pk": o.traject.pk})


def _interview_aanmaken(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    return Verzoek({"pk": o.traject.pk}, _interview_gegevens())


def _interview(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "interview_pk": _nieuw_interview(o).pk})


def _interview_wijzigen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "interview_pk": _nieuw_interview(o).pk}, _interview_gegevens())


def _inzicht_delen(o: Omgeving, _wie) -> Verzoek:
    data = {"tekst": f"Klanten willen weten hoe lang het duurt ({next(_volgnummer)})"}
    return Verzoek({"pk": o.traject.pk, "interview_pk": _nieuw_interview(o).pk}, data)


def _inzicht(o: Omgeving, _wie) -> Verzoek:
    interview = _nieuw_interview(o)
    inzicht = Inzicht.objects.create(
        klantreis=interview.klantreis,
        interview=interview,
        tekst=f"Bijlagen onduidelijk ({next(_volgnummer)})",
        gedeeld_door=o.persoon(KRC),
    )
    return Verzoek({"pk": o.traject.pk, "inzicht_pk": inzicht.pk})


RIJEN: dict[str, list[Controle]] = {
    "klantreis:interviews": [get(NOTITIES_LEZEN, _met_interview)],
    "klantreis:interview_nieuw": [
        get(NOTITIES_LEZEN, _met_reis),
        post(NOTITIES_LEZEN, _interview_aanmaken),
    ],
    "klantreis:interviews_export": [get(NOTITIES_LEZEN, _met_interview)],
    "klantreis:interview": [get(NOTITIES_LEZEN, _interview)],
    "klantreis:interview_bewerken": [
        get(NOTITIES_LEZEN, _interview),
        post(NOTITIES_LEZEN, _interview_wijzigen),
    ],
    "klantreis:interview_verwijderen": [
        get(NOTITIES_LEZEN, _interview),
        post(NOTITIES_LEZEN, _interview),
    ],
    "klantreis:inzicht_delen": [post(NOTITIES_LEZEN, _inzicht_delen)],
    "klantreis:inzicht_verwijderen": [
        get(REIS_BEWERKEN, _inzicht),
        post(REIS_BEWERKEN, _inzicht),
    ],
    # global: the group "Privacyfunctionarissen" only, and nobody in the matrix is in it
    "klantreis:privacylog": [get(frozenset(), _geen, per_traject=False)],
}
