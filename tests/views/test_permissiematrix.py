"""The permission matrix: every URL × every role, against the contract of SPEC.md.

The expectations below are written out from SPEC.md ("Roles and permissions" and the workflow
table), not read from `trajecten.permissions.ROL_RECHTEN`: a wrong code table fails here twice, once
in `test_the_code_table_is_the_spec_contract` and once at the URL that uses the wrong right.

Per URL, `MATRIX` says how to build the request (kwargs, POST data, and any state the request needs,
made fresh for every person) and which people may. Then, for every person:
- a member whose role may → 200 (GET, or a JSON answer) or the success redirect (POST, with no
  error message);
- a member whose role may not → 403; management (global group, read-only) likewise on writes;
- a logged-in person outside the team (an outsider, the functioneel beheerder) → 404 on every URL of
  a trajectory: its existence is not revealed;
- anonymous → a redirect to the login page with ``?next=``.

A URL without a row in `MATRIX` fails `test_every_url_has_a_row_in_the_matrix`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory, zet_stappen
from tests.views import (
    matrix_accounts,
    matrix_alternatieven,
    matrix_bpmn,
    matrix_controle,
    matrix_interviews,
    matrix_klantreis,
    matrix_kpi,
    matrix_proces,
    matrix_serviceformules,
    matrix_verbeterplan,
)
from tests.views.conftest import Omgeving
from tests.views.matrix import (
    AANMAKEN,
    ANONIEM,
    BASIS_WIJZIGEN,
    BEKIJKEN,
    INGELOGD,
    KLANTREISSESSIES_PLANNEN,
    MANAGEMENT,
    PE,
    PERSONEN,
    PL,
    SESSIES_PLANNEN,
    SPEC_AFRONDEN_DOOR,
    SPEC_CONTRACT,
    SPONSOR,
    STAP_ACTIES,
    TEAM_BEHEREN,
    VERBETERPUNT_VASTLEGGEN,
    VM,
    Controle,
    Verzoek,
    Voorbereiding,
    _geen,
    _traject,
    get,
    post,
)
from trajecten import workflow
from trajecten.choices import Rol, SessieSoort, Stap, StapActie, StapStatusKeuze, TrajectStatus
from trajecten.models import Teamlid, Traject
from trajecten.permissions import IEDER_LID, ROL_RECHTEN, rechten_voor_rollen
from trajecten.services.traject import BASISVELDEN
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_van
from wasstraat.meldingen.models import Melding


def _sessie(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "sessie_pk": o.sessie.pk})


def _klantreissessie(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "sessie_pk": o.klantreissessie.pk})


def _met_status(actie: str, status: str, data: dict | None = None) -> Voorbereiding:
    """The trajectory put in `status` again before every request (a POST by someone allowed
    changes it)."""

    def voorbereiden(o: Omgeving, _wie) -> Verzoek:
        zet_stappen(o.traject, {}, traject_status=status)
        return Verzoek({"pk": o.traject.pk, "actie": actie}, data or {})

    return voorbereiden


def _basis(o: Omgeving, _wie) -> Verzoek:
    """The basics as they are, with a new title and the current version."""
    traject = Traject.objects.get(pk=o.traject.pk)
    data = {
        "product": traject.product_id,
        "titel": f"{traject.titel} (gewijzigd)",
        "aanleiding": traject.aanleiding,
        "doel": traject.doel,
        "startdatum": "",
        "einddatum": "",
        "gezien": versie_van(traject, BASISVELDEN),
    }
    return Verzoek({"pk": traject.pk}, data)


def _nieuw_traject(o: Omgeving, _wie) -> Verzoek:
    data = {
        "product": o.traject.product_id,
        "titel": "Sneller een parkeervergunning",
        "aanleiding": "Lange wachttijden.",
        "doel": "Binnen een week een besluit.",
        "startdatum": "2026-03-01",
        "einddatum": "2026-12-31",
    }
    return Verzoek({}, data)


def _iemand_toevoegen(o: Omgeving, _wie) -> Verzoek:
    nieuw = UserFactory()
    return Verzoek({"pk": o.traject.pk}, {"gebruiker": nieuw.pk, "rol": VM, "discipline": ""})


def _iemand_om_te_verwijderen(o: Omgeving, wie) -> Verzoek:
    """A fresh member each time, so every allowed person has someone to remove."""
    lid = Teamlid.objects.create(
        traject=o.traject, gebruiker=UserFactory(), rol=VM, toegevoegd_door=o.persoon(PL)
    )
    return Verzoek({"pk": o.traject.pk, "lid_pk": lid.pk})


def _sessiegegevens(soort: str) -> dict:
    return {
        "soort": soort,
        "titel": "Interviews bespreken",
        "begint_op": "2026-05-12T10:00",
        "eindigt_op": "2026-05-12T12:00",
        "locatie": "Stadhuis, kamer 1.01",
        "online_link": "",
        "notities": "",
    }


def _klantreissessie_plannen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, _sessiegegevens(SessieSoort.KLANTREIS))


def _klantreissessie_wijzigen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek(
        {"pk": o.traject.pk, "sessie_pk": o.klantreissessie.pk},
        _sessiegegevens(SessieSoort.KLANTREIS),
    )


def _verbeterpunt(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk}, {"titel": "Formulier is te lang", "omschrijving": ""})


def _eigen_melding(o: Omgeving, wie: User | None) -> Verzoek:
    ontvanger = wie or o.persoon(PL)
    melding = Melding.objects.create(
        ontvanger=ontvanger,
        sleutel=f"test-{ontvanger.pk}-{Melding.objects.count()}",
        onderwerp="Welkom in het team",
        tekst="Je bent toegevoegd.",
        url=o.traject.get_absolute_url(),
    )
    return Verzoek({"pk": melding.pk})


#: The state each step action is checked in: one where the action is possible.
STAP_TOESTAND: dict[tuple[str, str], tuple[str, dict[Stap, str]]] = {
    ("1", "start"): (TrajectStatus.CONCEPT, {Stap.S1: StapStatusKeuze.NIET_GESTART}),
    ("1", "afronden"): (TrajectStatus.LOPEND, {Stap.S1: StapStatusKeuze.BEZIG}),
    ("2", "start"): (
        TrajectStatus.LOPEND,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S2: StapStatusKeuze.NIET_GESTART},
    ),
    ("3a", "heropenen"): (
        TrajectStatus.LOPEND,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S3A: StapStatusKeuze.AFGEROND},
    ),
    ("3b", "overslaan"): (
        TrajectStatus.LOPEND,
        {
            Stap.S1: StapStatusKeuze.AFGEROND,
            Stap.S3A: StapStatusKeuze.AFGEROND,
            Stap.S3B: StapStatusKeuze.NIET_GESTART,
        },
    ),
    ("4", "start"): (
        TrajectStatus.LOPEND,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S4: StapStatusKeuze.NIET_GESTART},
    ),
}


def _stap(stap: str, actie: str) -> Voorbereiding:
    def voorbereiden(o: Omgeving, _wie) -> Verzoek:
        status, stappen = STAP_TOESTAND[(stap, actie)]
        zet_stappen(o.traject, stappen, traject_status=status)
        data = {"reden": "Eenvoudig proces."} if actie in ("overslaan", "heropenen") else {}
        return Verzoek({"pk": o.traject.pk, "stap": stap, "actie": actie}, data)

    return voorbereiden


def _stap_controles() -> list[Controle]:
    """A POST for every pair; the confirmation page (GET) for the pairs named in the issue."""
    controles = []
    for (stap, actie), mogen in STAP_ACTIES.items():
        if (stap, actie) in {("1", "start"), ("2", "start"), ("3b", "overslaan"), ("4", "start")}:
            controles.append(get(mogen, _stap(stap, actie)))
        controles.append(post(mogen, _stap(stap, actie)))
    return controles


MATRIX: dict[str, list[Controle]] = {
    "home": [  # a redirect to the list, which has its own row
        get(INGELOGD, _geen, per_traject=False, publiek=True, antwoord=302, naar="trajecten:lijst")
    ],
    "sessie_verlengen": [
        post(INGELOGD, _geen, per_traject=False, antwoord=200),  # a JSON answer
    ],
    "meldingen:lijst": [get(INGELOGD, _geen, per_traject=False)],
    "mijn_toetsingen": [get(INGELOGD, _geen, per_traject=False)],
    "meldingen:gelezen": [post(INGELOGD, _eigen_melding, per_traject=False)],
    "trajecten:lijst": [get(INGELOGD, _geen, per_traject=False)],
    "trajecten:nieuw": [
        get(AANMAKEN, _geen, per_traject=False),
        post(AANMAKEN, _nieuw_traject, per_traject=False),
    ],
    "trajecten:detail": [get(BEKIJKEN, _traject)],
    "trajecten:bewerken": [get(BASIS_WIJZIGEN, _traject), post(BASIS_WIJZIGEN, _basis)],
    "trajecten:status": [
        get(BASIS_WIJZIGEN, _met_status("pauzeren", TrajectStatus.LOPEND)),
        post(BASIS_WIJZIGEN, _met_status("pauzeren", TrajectStatus.LOPEND, {"reden": "Vakantie."})),
        post(BASIS_WIJZIGEN, _met_status("hervatten", TrajectStatus.GEPAUZEERD)),
        post(BASIS_WIJZIGEN, _met_status("stoppen", TrajectStatus.LOPEND, {"reden": "Geen budget."})),
    ],
    "trajecten:stap_actie": _stap_controles(),
    "trajecten:tijdlijn": [get(BEKIJKEN, _traject)],
    "trajecten:trajectkaart": [get(BEKIJKEN, _traject)],
    "trajecten:team": [get(BEKIJKEN, _traject), post(TEAM_BEHEREN, _iemand_toevoegen)],
    "trajecten:team_personen": [get(TEAM_BEHEREN, _traject)],  # the picker's matches (htmx)
    "trajecten:teamlid_verwijderen": [
        get(TEAM_BEHEREN, _iemand_om_te_verwijderen),
        post(TEAM_BEHEREN, _iemand_om_te_verwijderen),
    ],
    "trajecten:sessies": [get(BEKIJKEN, _traject)],
    "trajecten:sessie_nieuw": [
        get(KLANTREISSESSIES_PLANNEN, _traject),  # the coach gets the form, with journey sessions only
        post(KLANTREISSESSIES_PLANNEN, _klantreissessie_plannen),
    ],
    "trajecten:sessie": [get(BEKIJKEN, _sessie)],
    "trajecten:sessie_bewerken": [
        get(SESSIES_PLANNEN, _sessie),
        get(KLANTREISSESSIES_PLANNEN, _klantreissessie),
        post(KLANTREISSESSIES_PLANNEN, _klantreissessie_wijzigen),
    ],
    "trajecten:sessie_ics": [get(BEKIJKEN, _sessie)],
    "verbeterplan:verbeterpunten": [
        get(BEKIJKEN, _traject),
        post(VERBETERPUNT_VASTLEGGEN, _verbeterpunt),
    ],
    "verbeterplan:verbeterpunt_nieuw": [
        get(VERBETERPUNT_VASTLEGGEN, _traject),
        post(VERBETERPUNT_VASTLEGGEN, _verbeterpunt),
    ],
}

# The rows of the pages of later steps, each area in its own module.
for _module in (
    matrix_kpi,
    matrix_proces,
    matrix_bpmn,
    matrix_controle,
    matrix_klantreis,
    matrix_interviews,
    matrix_alternatieven,
    matrix_serviceformules,
    matrix_verbeterplan,
    matrix_accounts,
):
    assert not set(_module.RIJEN) & set(MATRIX), _module.__name__
    MATRIX.update(_module.RIJEN)

#: URLs outside the matrix, each with the reason. Everything else must have a row.
VRIJGESTELD: dict[str, str] = {
    "login": "the login page itself: open to everyone (tests/views/test_auth.py)",
    "logout": "logging out: a POST for anyone, it shows no data (tests/views/test_auth.py)",
    "set_language": "Django's language switch (i18n): no data",
    "gezondheid": "the health check of the container orchestrator: public, answers 'ok'",
    "huisstijl_css": "the house-style stylesheet, also needed by the login page: public, no data",
    # Single sign-on: open to everyone like the login page, 404 while it is off (tests/sso).
    "oidc_authentication_init": "single sign-on: sends the browser to the provider to log in",
    "oidc_authentication_callback": "single sign-on: the provider's answer, logs the person in or not",
    "oidc_logout": "single sign-on: the same logout as 'logout' (a POST for anyone)",
}
VRIJGESTELDE_NAAMRUIMTEN: dict[str, str] = {
    "admin": "Django's admin (master data): its own matrix in test_beheermatrix.py (matrix_beheer.py)",
}


# --- the matrix -----------------------------------------------------------------------------------


def _gevallen() -> list:
    return [
        pytest.param(naam, controle, id=f"{naam}-{nummer}-{controle.methode}")
        for naam, controles in MATRIX.items()
        for nummer, controle in enumerate(controles, start=1)
    ]


def _verwacht(controle: Controle, persoon: str) -> str:
    if persoon == ANONIEM:
        return "gelukt" if controle.publiek else "login"
    if persoon in controle.mogen:
        return "gelukt"
    if controle.per_traject and persoon not in controle.zicht:
        return "404"
    return "403"


def _foutmeldingen(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= messages.ERROR]


def _afwijking(controle: Controle, verwacht: str, response: HttpResponse, url: str) -> str | None:
    """What is wrong with the answer, or None."""
    status = response.status_code
    if verwacht == "login":
        doel = redirect_to_login(url).url
        if status != 302 or response.url != doel:
            return f"expected a redirect to {doel}, got {status} {getattr(response, 'url', '')}"
        return None
    if verwacht in ("403", "404"):
        return None if status == int(verwacht) else f"expected {verwacht}, got {status}"
    if status != controle.gelukt:
        return f"expected {controle.gelukt}, got {status}"
    if status == 302:
        if controle.naar and response.url != reverse(controle.naar):
            return f"expected a redirect to {reverse(controle.naar)}, got {response.url}"
        if response.url.startswith(reverse("login")):
            return "redirected to the login page"
        if fouten := _foutmeldingen(response):
            return f"refused: {fouten}"
    return None


@pytest.fixture
def geen_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matrix checks who may download the PDFs, not WeasyPrint (test_paginas and
    tests/verbeterplan/test_pdf.py do)."""
    monkeypatch.setattr("trajecten.documenten.trajectkaart_pdf", lambda traject: b"%PDF-1.7 test")
    monkeypatch.setattr("verbeterplan.pdf.plandocument_pdf", lambda document: b"%PDF-1.7 test")


@pytest.mark.usefixtures("geen_pdf")
@pytest.mark.parametrize(("naam", "controle"), _gevallen())
def test_every_person_gets_the_answer_the_contract_gives(naam: str, controle: Controle, gedeeld):
    omgeving = gedeeld
    afwijkingen = []
    for persoon in PERSONEN:
        gebruiker = None if persoon == ANONIEM else omgeving.persoon(persoon)
        verzoek = controle.voorbereiden(omgeving, gebruiker)
        url = reverse(naam, kwargs=verzoek.kwargs)
        client = Client() if gebruiker is None else omgeving.clients[persoon]
        client.cookies.pop("messages", None)  # only this request's messages count
        if controle.methode == "post":
            response = client.post(url, verzoek.data)
        else:
            response = client.get(url)
        verwacht = _verwacht(controle, persoon)
        if fout := _afwijking(controle, verwacht, response, url):
            afwijkingen.append(f"{persoon} ({verwacht}): {fout}")
    assert not afwijkingen, f"{controle.methode.upper()} {naam}:\n" + "\n".join(afwijkingen)


# --- completeness: every URL has a row --------------------------------------------------------------


def _url_namen(resolver: URLResolver, naamruimte: str = "") -> Iterator[str]:
    """Every URL pattern of the urlconf as "namespace:name" (unnamed ones by their route)."""
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace in VRIJGESTELDE_NAAMRUIMTEN:
                continue
            binnen = f"{naamruimte}{patroon.namespace}:" if patroon.namespace else naamruimte
            yield from _url_namen(patroon, binnen)
        elif isinstance(patroon, URLPattern):
            yield f"{naamruimte}{patroon.name}" if patroon.name else f"<unnamed {patroon.pattern}>"


def test_every_url_has_a_row_in_the_matrix():
    namen = set(_url_namen(get_resolver()))
    zonder_rij = sorted(namen - MATRIX.keys() - VRIJGESTELD.keys())
    assert not zonder_rij, f"URLs without a row in MATRIX (add one, with who may): {zonder_rij}"
    assert not (MATRIX.keys() - namen), f"rows for URLs that do not exist: {MATRIX.keys() - namen}"


def test_the_exemptions_are_few_and_each_has_a_reason():
    assert set(VRIJGESTELD) == {
        "login",
        "logout",
        "set_language",
        "gezondheid",
        "huisstijl_css",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_logout",
    }
    assert set(VRIJGESTELDE_NAAMRUIMTEN) == {"admin"}
    assert all(reden.strip() for reden in [*VRIJGESTELD.values(), *VRIJGESTELDE_NAAMRUIMTEN.values()])
    assert set(VRIJGESTELD) <= set(_url_namen(get_resolver())), "an exemption for a URL that is gone"


def test_the_matrix_checks_every_step_action_the_workflow_knows():
    acties = {actie for _stap, actie in STAP_ACTIES}
    assert acties == set(StapActie.values)


# --- the code table against the contract ------------------------------------------------------------


def test_the_code_table_is_the_spec_contract():
    houders = {
        recht: frozenset(rol.value for rol in Rol if recht in rechten_voor_rollen([rol]))
        for recht in SPEC_CONTRACT
    }
    verschillen = {
        recht: {"spec": sorted(SPEC_CONTRACT[recht]), "code": sorted(houders[recht])}
        for recht in SPEC_CONTRACT
        if houders[recht] != SPEC_CONTRACT[recht]
    }
    assert not verschillen, verschillen


def test_the_code_table_grants_nothing_beyond_the_contract():
    toegekend = set(IEDER_LID).union(*ROL_RECHTEN.values())
    assert toegekend <= SPEC_CONTRACT.keys(), toegekend - SPEC_CONTRACT.keys()
    assert set(ROL_RECHTEN) == set(Rol), "every role has a row in the code table"


def test_every_trajectory_permission_is_in_the_contract():
    """A new permission on Traject must be given a row in the contract (and so a decision on who)."""
    per_traject = {codename for codename, _label in Traject._meta.permissions} | {
        "view_traject",
        "change_traject",
    }
    assert per_traject == SPEC_CONTRACT.keys()


def test_who_completes_a_step_is_the_spec_workflow_table():
    code = {stap.value: frozenset(r.value for r in workflow.WORKFLOW[stap].afronden_door) for stap in Stap}
    assert code == SPEC_AFRONDEN_DOOR


@pytest.mark.parametrize(("stap", "actie"), list(STAP_ACTIES))
def test_the_step_actions_of_the_matrix_are_the_workflow_table(stap: str, actie: str):
    rollen = frozenset(r.value for r in workflow.WORKFLOW[Stap(stap)].rollen_voor(StapActie(actie)))
    assert rollen == STAP_ACTIES[(stap, actie)]
    if actie == StapActie.START:
        assert rollen == SPEC_AFRONDEN_DOOR[stap] | {PL}
    else:
        assert rollen == SPEC_AFRONDEN_DOOR[stap]


# --- details the matrix does not cover --------------------------------------------------------------


def test_creating_a_trajectory_belongs_to_the_group_not_to_a_role(client, db):
    from tests.factories import in_groep
    from wasstraat.accounts.models import Groep

    zonder = UserFactory()
    client.force_login(zonder)
    assert client.get(reverse("trajecten:nieuw")).status_code == 403
    in_groep(zonder, Groep.TRAJECTLEIDERS)
    assert client.get(reverse("trajecten:nieuw")).status_code == 200


def test_someone_elses_notification_is_not_found(client, omgeving):
    melding = _eigen_melding(omgeving, omgeving.persoon(PE)).kwargs["pk"]
    client.force_login(omgeving.persoon(PL))
    assert client.post(reverse("meldingen:gelezen", args=[melding])).status_code == 404
    assert Melding.objects.get(pk=melding).gelezen_op is None


def test_a_trajectory_that_does_not_exist_is_not_found_even_for_management(client, omgeving):
    client.force_login(omgeving.persoon(MANAGEMENT))
    assert client.get(reverse("trajecten:detail", args=[omgeving.traject.pk + 1000])).status_code == 404


@pytest.mark.parametrize(
    ("naam", "kwargs"),
    [
        ("trajecten:status", {"actie": "verwijderen"}),
        ("trajecten:stap_actie", {"stap": "11", "actie": "start"}),
        ("trajecten:stap_actie", {"stap": "1", "actie": "vernietigen"}),
    ],
)
def test_an_unknown_action_is_not_found(client, omgeving, naam, kwargs):
    client.force_login(omgeving.persoon(PL))
    assert client.get(reverse(naam, kwargs={"pk": omgeving.traject.pk, **kwargs})).status_code == 404


def test_a_session_of_another_trajectory_is_not_found(client, omgeving, maak_traject):
    ander = maak_traject(titel="Een ander traject")
    client.force_login(omgeving.persoon(PL))
    for naam in ("trajecten:sessie", "trajecten:sessie_bewerken", "trajecten:sessie_ics"):
        url = reverse(naam, kwargs={"pk": ander.pk, "sessie_pk": omgeving.sessie.pk})
        assert client.get(url).status_code == 404, naam


def test_a_member_removed_from_the_team_loses_access_at_once(client, omgeving):
    from trajecten import services

    sponsor = omgeving.persoon(SPONSOR)
    client.force_login(sponsor)
    assert client.get(omgeving.traject.get_absolute_url()).status_code == 200
    lid = Teamlid.objects.get(traject=omgeving.traject, gebruiker=sponsor)
    services.teamlid_verwijderen(teamlid=lid, door=omgeving.persoon(PL))
    assert client.get(omgeving.traject.get_absolute_url()).status_code == 404


def test_health_check_answers_ok_without_login(client, db):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_house_style_is_served_as_css(client, db, settings):
    response = client.get(reverse("huisstijl_css"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert settings.GEMEENTE_KLEUR in response.content.decode()
    assert "--huisstijl-kleur" in response.content.decode()
