"""Permission-matrix rows for step 6, the improvement plan (merged into MATRIX in
test_permissiematrix.py).

Viewing the plan, a point's decision page, the actions, an action and the matrix, and downloading the
plan as PDF: every member and management. Deciding on a point, creating, editing and reordering
actions: ``bewerk_verbeterplan``, the projectleider, procesadviseur, klantreiscoach and proceseigenaar
(SPEC.md, "edit the verbeterplan").
Each request gets fresh objects, so every allowed person has something to decide or change.
"""

from __future__ import annotations

from tests.factories import VerbeterpuntFactory
from tests.verbeterplan.factories import VerbeteractieFactory
from tests.views.conftest import Omgeving
from tests.views.matrix import BEKIJKEN, SPEC_CONTRACT, Controle, Verzoek, _traject, get, post

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
    "verbeterplan:plan": [get(BEKIJKEN, _traject)],
    "verbeterplan:punt_besluiten": [get(BEKIJKEN, _punt)],
    "verbeterplan:punt_overnemen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _overnemen)],
    "verbeterplan:punt_samenvoegen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _samenvoegen)],
    "verbeterplan:punt_afwijzen": [get(PLAN_BEWERKEN, _punt), post(PLAN_BEWERKEN, _afwijzen)],
    "verbeterplan:acties": [get(BEKIJKEN, _traject)],
    "verbeterplan:matrix": [get(BEKIJKEN, _traject)],
    "verbeterplan:plan_pdf": [get(BEKIJKEN, _traject)],  # like the trajectkaart: every member, management
    "verbeterplan:actie": [get(BEKIJKEN, _actie)],
    "verbeterplan:actie_nieuw": [get(PLAN_BEWERKEN, _traject), post(PLAN_BEWERKEN, _nieuwe_actie)],
    "verbeterplan:actie_bewerken": [get(PLAN_BEWERKEN, _actie), post(PLAN_BEWERKEN, _actie_wijzigen)],
    "verbeterplan:actie_verplaatsen": [post(PLAN_BEWERKEN, _verplaatsen)],
}
