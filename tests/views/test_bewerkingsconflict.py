"""No lost updates, on every edit form: two people (two sessions) open the same form, the first saves,
and the second save is refused with a Dutch message at the field, what is saved now, and the second
person's input kept; saving once more, deliberately, keeps the second person's text.

Each row of `BEWERKINGEN` is one edit form. The test submits a form as the browser would: every field
with the value the page shows it with (`ingevuld`), the hidden version included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from klantreis.choices import AlternatiefSoort
from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, FormuleP, PBeoordeling, Product, Serviceformule
from tests.factories import UserFactory, VerbeterpuntFactory, lid
from tests.klantreis.factories import (
    AlternatiefFactory,
    ContactmomentFactory,
    FaseFactory,
    InterviewFactory,
    KlantreisFactory,
)
from tests.kpi.factories import KpiFactory
from tests.proces.factories import ProcesStapFactory, ProcesVersieFactory
from tests.serviceformules.factories import FormulekeuzeFactory, PBeoordelingFactory, ServiceformuleFactory
from tests.verbeterplan.factories import VerbeteractieFactory, toetsverzoek
from tests.views.conftest import Omgeving
from trajecten.choices import Rol
from wasstraat.accounts.models import Groep
from wasstraat.bewerking import CONFLICT_UITLEG, VERSIEVELD

PL, PE, PA, KRC = Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.PROCESADVISEUR, Rol.KLANTREISCOACH
BEHEER = "functioneel_beheerder"


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return gettext(tekst)


def ingevuld(form: forms.BaseForm) -> dict:
    """What a browser sends for `form` as the page shows it: each field with its shown value."""
    data: dict = {}
    for veld in form:
        waarde = veld.value()
        widget = veld.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if waarde:
                data[veld.html_name] = "on"
        elif isinstance(waarde, list | tuple):
            data[veld.html_name] = [str(veld.field.prepare_value(w)) for w in waarde]
        elif waarde is None:
            data[veld.html_name] = ""
        else:
            getoond = widget.format_value(veld.field.prepare_value(waarde))
            if isinstance(getoond, list):  # a <select>: its chosen option
                getoond = getoond[0] if getoond else ""
            data[veld.html_name] = "" if getoond is None else str(getoond)
    return data


@dataclass(frozen=True)
class Bewerking:
    """One edit form: where it is (made for the test), who edits, which field both people change."""

    url: Callable[[Omgeving], str]
    veld: str
    opgeslagen: Callable[[Omgeving], str]  # the field's stored value, as text
    rollen: tuple[str, str] = (PL, PL)  # the two people (the same role twice: two sessions)
    waarden: Callable[[Omgeving], tuple[str, str]] = lambda o: ("Van de eerste", "Van de tweede")
    aanvulling: Callable[[Omgeving], dict] = lambda o: {}  # what a new object's form needs besides


def _url(naam: str, *args) -> str:
    return reverse(naam, args=args)


# --- arranging the objects of each form ---------------------------------------------------------


def _kpi(o: Omgeving) -> str:
    o.kpi = KpiFactory(traject=o.traject, naam="Doorlooptijd")
    return _url("trajecten:kpi_bewerken", o.traject.pk, o.kpi.pk)


def _procesversie(o: Omgeving) -> str:
    o.versie = ProcesVersieFactory(traject=o.traject, naam="Huidig proces")
    return _url("trajecten:procesversie_bewerken", o.traject.pk, o.versie.pk)


def _processtap(o: Omgeving) -> str:
    o.versie = ProcesVersieFactory(traject=o.traject, naam="Huidig proces")
    o.stap = ProcesStapFactory(versie=o.versie, naam="Aanvraag ontvangen")
    return _url("trajecten:processtap_bewerken", o.traject.pk, o.versie.pk, o.stap.pk)


def _reis(o: Omgeving):
    return KlantreisFactory(traject=o.traject)


def _persona(o: Omgeving) -> str:
    o.reis = _reis(o)
    return _url("klantreis:bewerken", o.traject.pk)


def _fase(o: Omgeving) -> str:
    o.fase = FaseFactory(klantreis=_reis(o), naam="Oriënteren")
    return _url("klantreis:fase_bewerken", o.traject.pk, o.fase.pk)


def _contactmoment(o: Omgeving) -> str:
    o.moment = ContactmomentFactory(fase=FaseFactory(klantreis=_reis(o)), titel="Website bekijken")
    return _url("klantreis:contactmoment_bewerken", o.traject.pk, o.moment.pk)


def _interview(o: Omgeving) -> str:
    o.interview = InterviewFactory(klantreis=_reis(o))
    return _url("klantreis:interview_bewerken", o.traject.pk, o.interview.pk)


def _alternatief(o: Omgeving) -> str:
    o.alternatief = AlternatiefFactory(klantreis=_reis(o), soort=AlternatiefSoort.FEEDBACK)
    return _url("klantreis:alternatief_bewerken", o.traject.pk, o.alternatief.pk)


def _formule(o: Omgeving) -> str:
    o.formule = ServiceformuleFactory(naam="Testformule voor bewerken")
    return _url("serviceformules:formule_bewerken", o.formule.pk)


def _product(o: Omgeving) -> str:
    o.formules = (ServiceformuleFactory(naam="Formule A"), ServiceformuleFactory(naam="Formule B"))
    return _url("serviceformules:product_formule", o.traject.product_id)


def _keuze(o: Omgeving) -> str:
    FormulekeuzeFactory(traject=o.traject, formule=ServiceformuleFactory(), toelichting="Past")
    return _url("serviceformules:formule_kiezen", o.traject.pk)


def _beoordeling(o: Omgeving, *, bestaand: bool = True) -> str:
    formule = ServiceformuleFactory()
    FormulekeuzeFactory(traject=o.traject, formule=formule)
    if bestaand:
        PBeoordelingFactory(traject=o.traject, formule=formule, p=P.PRIJS, toelichting="Eerder gezegd")
    return _url("serviceformules:p_beoordelen", o.traject.pk, P.PRIJS)


def _punt(o: Omgeving, besluit: str) -> str:
    o.punt = VerbeterpuntFactory(traject=o.traject, titel="Dubbele invoer")
    return _url(f"verbeterplan:punt_{besluit}", o.traject.pk, o.punt.pk)


def _samenvoegen(o: Omgeving) -> str:
    o.acties = (VerbeteractieFactory(traject=o.traject), VerbeteractieFactory(traject=o.traject))
    return _punt(o, "samenvoegen")


def _actie(o: Omgeving) -> str:
    o.actie = VerbeteractieFactory(traject=o.traject, titel="Eén loket")
    return _url("verbeterplan:actie_bewerken", o.traject.pk, o.actie.pk)


def _voorwaarde(o: Omgeving) -> str:
    """A condition of a privacy officer's conditional approval of an action."""
    from verbeterplan.models import Toetsoordeel, Voorwaarde

    o.actie = VerbeteractieFactory(traject=o.traject, titel="Eén loket")
    specialist = UserFactory()
    verzoek = toetsverzoek(o.traject, specialist, acties=[o.actie])
    oordeel = Toetsoordeel.objects.create(
        verzoek=verzoek,
        actie=o.actie,
        oordeel="akkoord_onder_voorwaarden",
        toelichting="Mits.",
        voorwaarden=["DPIA uitvoeren"],
        gegeven_door=specialist,
    )
    o.voorwaarde = Voorwaarde.objects.create(
        traject=o.traject, oordeel=oordeel, actie=o.actie, tekst="DPIA uitvoeren", eigenaar=o.persoon(PL)
    )
    return _url("verbeterplan:voorwaarde", o.traject.pk, o.voorwaarde.pk)


def _punt_nu(o: Omgeving):
    return type(o.punt).objects.get(pk=o.punt.pk)


BEWERKINGEN: dict[str, Bewerking] = {
    "basics of the trajectory": Bewerking(
        url=lambda o: _url("trajecten:bewerken", o.traject.pk),
        veld="titel",
        opgeslagen=lambda o: type(o.traject).objects.get(pk=o.traject.pk).titel,
        rollen=(PL, PE),
    ),
    "session": Bewerking(
        url=lambda o: _url("trajecten:sessie_bewerken", o.traject.pk, o.sessie.pk),
        veld="notities",
        opgeslagen=lambda o: type(o.sessie).objects.get(pk=o.sessie.pk).notities,
        rollen=(PL, PA),
    ),
    "KPI": Bewerking(url=_kpi, veld="naam", opgeslagen=lambda o: type(o.kpi).objects.get(pk=o.kpi.pk).naam),
    "process version": Bewerking(
        url=_procesversie,
        veld="naam",
        opgeslagen=lambda o: type(o.versie).objects.get(pk=o.versie.pk).naam,
        rollen=(PA, PL),
    ),
    "process step": Bewerking(
        url=_processtap,
        veld="naam",
        opgeslagen=lambda o: type(o.stap).objects.get(pk=o.stap.pk).naam,
        rollen=(PA, PL),
    ),
    "persona of the journey": Bewerking(
        url=_persona,
        veld="persona_naam",
        opgeslagen=lambda o: type(o.reis).objects.get(pk=o.reis.pk).persona_naam,
        rollen=(KRC, KRC),
    ),
    "phase": Bewerking(
        url=_fase,
        veld="naam",
        opgeslagen=lambda o: type(o.fase).objects.get(pk=o.fase.pk).naam,
        rollen=(KRC, KRC),
    ),
    "contact moment": Bewerking(
        url=_contactmoment,
        veld="titel",
        opgeslagen=lambda o: type(o.moment).objects.get(pk=o.moment.pk).titel,
        rollen=(KRC, KRC),
    ),
    "interview": Bewerking(
        url=_interview,
        veld="notities",
        opgeslagen=lambda o: type(o.interview).objects.get(pk=o.interview.pk).notities,
        rollen=(KRC, KRC),
    ),
    "alternative source": Bewerking(
        url=_alternatief,
        veld="reden",
        opgeslagen=lambda o: type(o.alternatief).objects.get(pk=o.alternatief.pk).reden,
        rollen=(KRC, KRC),
        waarden=lambda o: ("Het klachtenregister volstaat.", "Het KCC-verslag volstaat."),
    ),
    "serviceformule in the catalogue": Bewerking(
        url=_formule,
        veld="omschrijving",
        opgeslagen=lambda o: Serviceformule.objects.get(pk=o.formule.pk).omschrijving,
        rollen=(BEHEER, BEHEER),
    ),
    "a P text of a serviceformule": Bewerking(
        url=_formule,
        veld="prijs_zekerheid",
        opgeslagen=lambda o: FormuleP.objects.get(formule=o.formule, p=P.PRIJS).zekerheid,
        rollen=(BEHEER, BEHEER),
    ),
    "formule of a product": Bewerking(
        url=_product,
        veld="serviceformule",
        opgeslagen=lambda o: str(Product.objects.get(pk=o.traject.product_id).serviceformule_id),
        rollen=(BEHEER, BEHEER),
        waarden=lambda o: (str(o.formules[0].pk), str(o.formules[1].pk)),
    ),
    "choice of serviceformule": Bewerking(
        url=_keuze,
        veld="toelichting",
        opgeslagen=lambda o: Formulekeuze.objects.get(traject=o.traject).toelichting,
        rollen=(PL, PE),
    ),
    "assessment of a P": Bewerking(
        url=_beoordeling,
        veld="toelichting",
        opgeslagen=lambda o: PBeoordeling.objects.get(traject=o.traject, p=P.PRIJS).toelichting,
        rollen=(PL, PE),
    ),
    "rejection of an improvement point": Bewerking(
        url=lambda o: _punt(o, "afwijzen"),
        veld="afwijzingsreden",
        opgeslagen=lambda o: _punt_nu(o).afwijzingsreden,
        rollen=(PL, PA),
        waarden=lambda o: ("Valt buiten de scope.", "Kost te veel."),
    ),
    "merging an improvement point into an action": Bewerking(
        url=_samenvoegen,
        veld="actie",
        opgeslagen=lambda o: str(_punt_nu(o).actie_id),
        rollen=(PE, KRC),
        waarden=lambda o: (str(o.acties[0].pk), str(o.acties[1].pk)),
    ),
    "improvement action": Bewerking(
        url=_actie,
        veld="titel",
        opgeslagen=lambda o: type(o.actie).objects.get(pk=o.actie.pk).titel,
        rollen=(PL, PE),
    ),
    "condition of an approval (step 7)": Bewerking(
        url=_voorwaarde,
        veld="toelichting",
        opgeslagen=lambda o: type(o.voorwaarde).objects.get(pk=o.voorwaarde.pk).toelichting,
        rollen=(PL, PE),
        waarden=lambda o: ("De DPIA is gedaan.", "De DPIA staat gepland."),
        aanvulling=lambda o: {"status": "vervuld"},
    ),
    "first assessment of a P": Bewerking(
        url=lambda o: _beoordeling(o, bestaand=False),
        veld="toelichting",
        opgeslagen=lambda o: PBeoordeling.objects.get(traject=o.traject, p=P.PRIJS).toelichting,
        rollen=(PL, PE),
        aanvulling=lambda o: {"oordeel": Oordeel.WIJKT_DEELS_AF},
    ),
}


def _persoon(o: Omgeving, rol: str, nummer: int):
    """The first person with `rol`, or a second one (a colleague with the same role)."""
    if rol == BEHEER:
        return UserFactory(is_staff=True, groepen=[Groep.FUNCTIONEEL_BEHEER])
    return o.persoon(rol) if nummer == 0 else lid(o.traject, rol)


def _sessie(o: Omgeving, rol: str, nummer: int) -> Client:
    client = Client()
    client.force_login(_persoon(o, rol, nummer))
    return client


def _formulier(response) -> forms.BaseForm:
    assert response.status_code == 200, response.status_code
    return response.context["form"]


def _veldnaam(form: forms.BaseForm, veld: str) -> str:
    return form.add_prefix(veld)


@pytest.fixture(params=list(BEWERKINGEN), ids=list(BEWERKINGEN))
def bewerking(request) -> Bewerking:
    return BEWERKINGEN[request.param]


def test_the_second_save_is_refused_shows_what_changed_and_keeps_the_input(gedeeld: Omgeving, bewerking):
    o = gedeeld
    url = bewerking.url(o)
    eerste, tweede = _sessie(o, bewerking.rollen[0], 0), _sessie(o, bewerking.rollen[1], 1)
    waarde_eerste, waarde_tweede = bewerking.waarden(o)

    form_eerste = _formulier(eerste.get(url))
    assert form_eerste[VERSIEVELD].value(), "the edit form carries the version the user saw"
    form_tweede = _formulier(tweede.get(url))

    data = (
        ingevuld(form_tweede)
        | bewerking.aanvulling(o)
        | {_veldnaam(form_tweede, bewerking.veld): waarde_tweede}
    )
    antwoord = tweede.post(url, data)
    assert antwoord.status_code in (200, 302), antwoord.status_code
    assert antwoord.status_code == 302 or not antwoord.context["form"].errors, antwoord.context["form"].errors
    assert bewerking.opgeslagen(o) == waarde_tweede

    data = (
        ingevuld(form_eerste)
        | bewerking.aanvulling(o)
        | {_veldnaam(form_eerste, bewerking.veld): waarde_eerste}
    )
    antwoord = eerste.post(url, data)
    form = _formulier(antwoord)
    assert bewerking.opgeslagen(o) == waarde_tweede, "the first person's save must not overwrite"
    inhoud = antwoord.content.decode()
    assert escape(nl(str(CONFLICT_UITLEG))) in inhoud
    assert bewerking.veld in form.errors, form.errors.as_data()
    if bewerking.veld != "serviceformule":
        assert escape(waarde_eerste) in inhoud, "what the user typed stays in the form"
        assert escape(waarde_tweede) in inhoud, "the page shows what is saved now"

    # Having seen it, saving again keeps the first person's input on purpose.
    opnieuw = ingevuld(form)
    assert opnieuw[_veldnaam(form, VERSIEVELD)] != data[_veldnaam(form, VERSIEVELD)]
    antwoord = eerste.post(url, opnieuw)
    assert antwoord.status_code in (200, 302)
    assert antwoord.status_code == 302 or not antwoord.context["form"].errors, antwoord.context["form"].errors
    assert bewerking.opgeslagen(o) == waarde_eerste


def test_a_change_outside_the_form_in_the_meantime_is_no_conflict(gedeeld: Omgeving):
    """Only a change to what the form edits counts: pausing the trajectory meanwhile is no reason to
    refuse a new title."""
    o = gedeeld
    url = _url("trajecten:bewerken", o.traject.pk)
    client = _sessie(o, PL, 0)
    data = ingevuld(_formulier(client.get(url))) | {"titel": "Nieuwe titel"}
    pauzeren = _url("trajecten:status", o.traject.pk, "pauzeren")
    assert _sessie(o, PE, 0).post(pauzeren, {"reden": "Zomerstop"}).status_code == 302
    assert client.post(url, data).status_code == 302
    assert type(o.traject).objects.get(pk=o.traject.pk).titel == "Nieuwe titel"


def test_a_stale_page_of_the_same_person_is_a_conflict_too(gedeeld: Omgeving):
    """Two tabs of one person are two sessions as well: the older tab does not silently win."""
    o = gedeeld
    url = _url("trajecten:bewerken", o.traject.pk)
    client = _sessie(o, PL, 0)
    oud = ingevuld(_formulier(client.get(url)))
    assert client.post(url, oud | {"titel": "Uit het nieuwe tabblad"}).status_code == 302
    antwoord = client.post(url, oud | {"titel": "Uit het oude tabblad"})
    assert "titel" in _formulier(antwoord).errors
    assert type(o.traject).objects.get(pk=o.traject.pk).titel == "Uit het nieuwe tabblad"
