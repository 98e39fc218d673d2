"""Permission-matrix rows for the serviceformule catalogue and step 5 (merged into MATRIX in
test_permissiematrix.py).

The catalogue is read by every logged-in person and kept by the functioneel beheerder only (global
permissions, so ``per_traject=False``: everyone else gets 403). Inside a trajectory the 6P page is for
every member and management; choosing the formule, assessing a P and the one-click improvement point
are ``beoordeel_6p`` (SPEC.md, "Roles and permissions"). Each request gets fresh objects, so every
allowed person has something to change.
"""

from __future__ import annotations

import itertools

from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, PBeoordeling, Serviceformule
from tests.factories import ProductFactory
from tests.serviceformules.factories import ServiceformuleFactory
from tests.views.conftest import Omgeving
from tests.views.matrix import (
    BEHEERDER,
    BEKIJKEN,
    INGELOGD,
    PL,
    SPEC_CONTRACT,
    Controle,
    Verzoek,
    _geen,
    _traject,
    get,
    post,
)

BEOORDELEN = SPEC_CONTRACT["beoordeel_6p"]
CATALOGUS_BEHEREN = frozenset({BEHEERDER})

_teller = itertools.count(1)


def _flits() -> Serviceformule:
    return Serviceformule.objects.get(naam="Flitsformule")


def _formule_gegevens(naam: str) -> dict:
    data = {
        "naam": naam,
        "omschrijving": "Voor meldingen die snel opgelost worden.",
        "klantrol": "Melder",
        "kernwaarden": "Snel\nZichtbaar",
        "actief": "on",
    }
    for p in P:
        data[f"{p.value}_zekerheid"] = f"Belofte over {p.value}"
        data[f"{p.value}_interne_afspraak"] = f"Afspraak over {p.value}"
    return data


def _nieuwe_formule(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({}, _formule_gegevens(f"Eigen formule {next(_teller)}"))


def _formule(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"formule_pk": _flits().pk})


def _formule_wijzigen(o: Omgeving, _wie) -> Verzoek:
    formule = ServiceformuleFactory()
    return Verzoek({"formule_pk": formule.pk}, _formule_gegevens(formule.naam))


def _product(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"product_pk": ProductFactory().pk}, {"serviceformule": _flits().pk})


def _met_formule(o: Omgeving, _wie) -> Verzoek:
    """A fresh formule chosen (directly), so a P can be assessed and deviate afresh."""
    Formulekeuze.objects.update_or_create(
        traject=o.traject, defaults={"formule": ServiceformuleFactory(), "gekozen_door": o.persoon(PL)}
    )
    return Verzoek({"pk": o.traject.pk})


def _kiezen(o: Omgeving, wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, {"formule": ServiceformuleFactory().pk, "toelichting": "Past."})


def _p(o: Omgeving, wie) -> Verzoek:
    verzoek = _met_formule(o, wie)
    return Verzoek(
        {**verzoek.kwargs, "p": P.PRIJS}, {"oordeel": Oordeel.WIJKT_AF, "toelichting": "Achteraf."}
    )


def _afwijking(o: Omgeving, wie) -> Verzoek:
    """A deviating Prijs of a freshly chosen formule, without an improvement point yet."""
    verzoek = _met_formule(o, wie)
    keuze = Formulekeuze.objects.get(traject=o.traject)
    PBeoordeling.objects.create(
        traject=o.traject,
        formule=keuze.formule,
        p=P.PRIJS,
        oordeel=Oordeel.WIJKT_AF,
        toelichting="Leges pas achteraf.",
        beoordeeld_door=o.persoon(PL),
    )
    return Verzoek({**verzoek.kwargs, "p": P.PRIJS})


RIJEN: dict[str, list[Controle]] = {
    # the catalogue
    "serviceformules:catalogus": [get(INGELOGD, _geen, per_traject=False)],
    "serviceformules:formule": [get(INGELOGD, _formule, per_traject=False)],
    "serviceformules:producten": [get(INGELOGD, _geen, per_traject=False)],
    "serviceformules:formule_nieuw": [
        get(CATALOGUS_BEHEREN, _geen, per_traject=False),
        post(CATALOGUS_BEHEREN, _nieuwe_formule, per_traject=False),
    ],
    "serviceformules:formule_bewerken": [
        get(CATALOGUS_BEHEREN, _formule, per_traject=False),
        post(CATALOGUS_BEHEREN, _formule_wijzigen, per_traject=False),
    ],
    "serviceformules:product_formule": [
        get(CATALOGUS_BEHEREN, _product, per_traject=False),
        post(CATALOGUS_BEHEREN, _product, per_traject=False, naar="serviceformules:producten"),
    ],
    # step 5 in a trajectory
    "serviceformules:zes_p": [get(BEKIJKEN, _traject), get(BEKIJKEN, _met_formule)],
    "serviceformules:zes_p_svg": [get(BEKIJKEN, _met_formule)],
    "serviceformules:formule_kiezen": [get(BEOORDELEN, _met_formule), post(BEOORDELEN, _kiezen)],
    "serviceformules:p_beoordelen": [get(BEOORDELEN, _p), post(BEOORDELEN, _p)],
    # its one-click improvement point: a URL of verbeterplan, which records the point
    "verbeterplan:p_verbeterpunt": [post(BEOORDELEN, _afwijking)],
}
