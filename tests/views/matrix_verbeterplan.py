"""Permission-matrix rows for steps 6 and 7, the improvement plan and its review (merged into MATRIX in
test_permissiematrix.py).

Viewing the plan, a point's decision page, the actions, an action and the matrix, and downloading the
plan as PDF: every member and management. Deciding on a point, creating, editing and reordering
actions: ``bewerk_verbeterplan``, the projectleider, procesadviseur, klantreiscoach and proceseigenaar
(SPEC.md, "edit the verbeterplan").
Each request gets fresh objects, so every allowed person has something to decide or change.

Step 7: the review page and a request's page are for every member and management, and for the
specialist outside the team who was asked (TOETSER, who sees only their own requests and, elsewhere in
the trajectory, only the plan, process maps and journey: every other URL is a 404 for them). Requesting,
withdrawing and a fresh review: the projectleider. A verdict: only the specialist asked (everyone else
who sees the trajectory: 403). Keeping up a condition: ``bewerk_verbeterplan``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import UserFactory, VerbeterpuntFactory, zet_stappen
from tests.verbeterplan.factories import VerbeteractieFactory, toetsverzoek
from tests.views.conftest import Omgeving
from tests.views.matrix import (
    PL,
    SPEC_CONTRACT,
    TOETSER,
    TOETSZICHT,
    Controle,
    Verzoek,
    _traject,
    get,
    post,
)
from trajecten.choices import Stap, StapStatusKeuze, TrajectStatus
from verbeterplan.models import Toetsoordeel, Toetsverzoek, Verbeteractie, Voorwaarde

PLAN_BEWERKEN = SPEC_CONTRACT["bewerk_verbeterplan"]


def _punt(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "punt_pk": VerbeterpuntFactory(traject=o.traject).pk})


def _overnemen(o: Omgeving, wie) -> Verzoek:
    verzoek = _punt(o, wie)
    return Verzoek(verzoek.kwargs, {"overnemen-titel": "Eén invoerscherm"})


def _samenvoegen(o: Omgeving, wie) -> Verzoek:
    verzoek = _punt(o, wie)
    return Verzoek(verzoek.kwargs, {"samenvoegen-actie": VerbeteractieFactory(traject=o.traject).pk})


def _afwijzen(o: Omgeving, wie) -> Verzoek:
    verzoek = _punt(o, wie)
    return Verzoek(verzoek.kwargs, {"afwijzen-afwijzingsreden": "Valt buiten de scope."})


def _actie(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "actie_pk": VerbeteractieFactory(traject=o.traject).pk})


def _actiegegevens(titel: str) -> dict:
    return {
        "titel": titel,
        "omschrijving": "",
        "termijn": "quick_win",
        "impact": "4",
        "inspanning": "2",
        "kosten_eenmalig": "",
        "kosten_jaarlijks": "",
        "voorgestelde_eigenaar": "",
    }


def _nieuwe_actie(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, _actiegegevens("Digitaal aanvragen"))


def _actie_wijzigen(o: Omgeving, wie) -> Verzoek:
    verzoek = _actie(o, wie)
    return Verzoek(verzoek.kwargs, _actiegegevens("Gewijzigde actie"))


def _verplaatsen(o: Omgeving, _wie) -> Verzoek:
    VerbeteractieFactory(traject=o.traject)
    tweede = VerbeteractieFactory(traject=o.traject)
    return Verzoek({"pk": o.traject.pk, "actie_pk": tweede.pk}, {"richting": "op"})


RIJEN: dict[str, list[Controle]] = {
    "verbeterplan:plan": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
    "verbeterplan:punt_besluiten": [get(TOETSZICHT, _punt, zicht=TOETSZICHT)],
    "verbeterplan:punt_overnemen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _overnemen)],
    "verbeterplan:punt_samenvoegen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _samenvoegen)],
    "verbeterplan:punt_afwijzen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _afwijzen)],
    # Like the trajectkaart: every member and management; and a specialist asked for a review (the plan).
    "verbeterplan:plan_pdf": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
    "verbeterplan:acties": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
    "verbeterplan:matrix": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
    "verbeterplan:actie": [get(TOETSZICHT, _actie, zicht=TOETSZICHT)],
    "verbeterplan:actie_nieuw": [get(PLAN_BEWERKEN, _traject), post(PLAN_BEWERKEN, _nieuwe_actie)],
    "verbeterplan:actie_bewerken": [get(PLAN_BEWERKEN, _actie), post(PLAN_BEWERKEN, _actie_wijzigen)],
    "verbeterplan:actie_verplaatsen": [post(PLAN_BEWERKEN, _verplaatsen)],
}


# --- step 7: the review -------------------------------------------------------------------------

VRAAG_TOETSING = SPEC_CONTRACT["vraag_toetsing"]
#: "give a verdict (7): the specialist it was asked of, only their own" — in these rows the request is
#: the outside privacy officer's (TOETSER); the team's own ICT specialist, asked nothing, gets 403.
OORDELEN = frozenset({TOETSER})


def _stap7(o: Omgeving) -> None:
    zet_stappen(
        o.traject,
        {Stap.S6: StapStatusKeuze.AFGEROND, Stap.S7: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )


def _eigen_verzoek(o: Omgeving, _wie) -> Verzoek:
    """A fresh request of the outside privacy officer, about one action."""
    actie = VerbeteractieFactory(traject=o.traject)
    verzoek = toetsverzoek(o.traject, o.persoon(TOETSER), acties=[actie])
    return Verzoek({"pk": o.traject.pk, "verzoek_pk": verzoek.pk})


def _oordeel_plan(o: Omgeving, wie) -> Verzoek:
    verzoek = _eigen_verzoek(o, wie)
    data = {
        "oordeel": "akkoord",
        "toelichting": "Geen bezwaar.",
        "voorwaarden": "",
        "vraag_avg_conform": "ja",
        "vraag_dpia_nodig": "nee",
    }
    return Verzoek(verzoek.kwargs, data)


def _actie_van_verzoek(o: Omgeving, wie) -> Verzoek:
    verzoek = _eigen_verzoek(o, wie)
    actie = Toetsverzoek.objects.get(pk=verzoek.kwargs["verzoek_pk"]).acties.get()
    return Verzoek(verzoek.kwargs | {"actie_pk": actie.pk})


def _oordeel_actie(o: Omgeving, wie) -> Verzoek:
    verzoek = _actie_van_verzoek(o, wie)
    return Verzoek(verzoek.kwargs, _oordeel_plan(o, wie).data)


def _aanvraag(o: Omgeving, _wie) -> Verzoek:
    _stap7(o)
    VerbeteractieFactory(traject=o.traject)
    data = {
        "specialist": UserFactory().pk,
        "discipline": "jurist",
        "termijn": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "bericht": "",
    }
    return Verzoek({"pk": o.traject.pk}, data)


def _ander_verzoek(o: Omgeving, _wie) -> Toetsverzoek:
    """A request to someone else than the outside privacy officer (withdrawing it leaves their access)."""
    actie = VerbeteractieFactory(traject=o.traject)
    return toetsverzoek(o.traject, UserFactory(), discipline="ciso", acties=[actie])


def _intrekken(o: Omgeving, wie) -> Verzoek:
    verzoek = _ander_verzoek(o, wie)
    return Verzoek({"pk": o.traject.pk, "verzoek_pk": verzoek.pk}, {"intrekreden": "Niet meer nodig."})


def _beantwoord_en_gewijzigd(o: Omgeving, wie) -> Verzoek:
    """An answered request (a verdict on the whole plan) whose action changed since."""
    _stap7(o)
    verzoek = _ander_verzoek(o, wie)
    Toetsoordeel.objects.create(
        verzoek=verzoek, oordeel="akkoord", toelichting="Prima.", gegeven_door=verzoek.specialist
    )
    Toetsverzoek.objects.filter(pk=verzoek.pk).update(status="beantwoord", beantwoord_op=timezone.now())
    Verbeteractie.objects.filter(pk=verzoek.acties.get().pk).update(titel="Gewijzigde titel")
    termijn = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    return Verzoek({"pk": o.traject.pk, "verzoek_pk": verzoek.pk}, {"termijn": termijn, "bericht": ""})


def _voorwaarde(o: Omgeving, wie) -> Verzoek:
    verzoek = _ander_verzoek(o, wie)
    oordeel = Toetsoordeel.objects.create(
        verzoek=verzoek,
        oordeel="akkoord_onder_voorwaarden",
        toelichting="Mits.",
        voorwaarden=["DPIA"],
        gegeven_door=verzoek.specialist,
    )
    voorwaarde = Voorwaarde.objects.create(
        traject=o.traject, oordeel=oordeel, tekst="DPIA", eigenaar=o.persoon(PL)
    )
    data = {"eigenaar": o.persoon(PL).pk, "status": "vervuld", "toelichting": "DPIA gedaan."}
    return Verzoek({"pk": o.traject.pk, "voorwaarde_pk": voorwaarde.pk}, data)


RIJEN.update(
    {
        "verbeterplan:toetsing": [get(TOETSZICHT, _traject, zicht=TOETSZICHT)],
        "verbeterplan:toetsing_aanvragen": [
            get(VRAAG_TOETSING, _traject, zicht=TOETSZICHT),
            post(VRAAG_TOETSING, _aanvraag, zicht=TOETSZICHT),
        ],
        "verbeterplan:toetsverzoek": [get(TOETSZICHT, _eigen_verzoek, zicht=TOETSZICHT)],
        "verbeterplan:toetsoordeel_plan": [
            get(OORDELEN, _eigen_verzoek, zicht=TOETSZICHT),
            post(OORDELEN, _oordeel_plan, zicht=TOETSZICHT),
        ],
        "verbeterplan:toetsoordeel_actie": [
            get(OORDELEN, _actie_van_verzoek, zicht=TOETSZICHT),
            post(OORDELEN, _oordeel_actie, zicht=TOETSZICHT),
        ],
        "verbeterplan:toetsverzoek_intrekken": [
            get(VRAAG_TOETSING, _intrekken, zicht=TOETSZICHT),
            post(VRAAG_TOETSING, _intrekken, zicht=TOETSZICHT),
        ],
        "verbeterplan:toetsing_herhalen": [
            get(VRAAG_TOETSING, _beantwoord_en_gewijzigd, zicht=TOETSZICHT),
            post(VRAAG_TOETSING, _beantwoord_en_gewijzigd, zicht=TOETSZICHT),
        ],
        "verbeterplan:voorwaarde": [
            get(PLAN_BEWERKEN, _voorwaarde, zicht=TOETSZICHT),
            post(PLAN_BEWERKEN, _voorwaarde, zicht=TOETSZICHT),
        ],
    }
)
