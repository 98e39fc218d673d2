"""The demo data: loads through the services, spreads trajectories over the steps, loads twice safely.

Steps 4 and 5: customer journeys with pseudonymous interviews (or existing feedback), curves and
improvement points; every product with its serviceformule and a completed 6P assessment.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klantreis.choices import AlternatiefSoort, Handeling, Reis
from klantreis.models import (
    Alternatief,
    Contactmoment,
    Fase,
    Interview,
    InterviewLog,
    Inzicht,
    Klantreis,
    Pijnpunt,
)
from klantreis.persoonsgegevens import gevonden_persoonsgegevens
from serviceformules.choices import Oordeel, P
from serviceformules.models import Formulekeuze, PBeoordeling, Product
from trajecten import workflow
from trajecten.choices import SessieSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Gebeurtenis, StapStatus, Traject
from verbeterplan.models import Verbeterpunt
from wasstraat.accounts.models import User
from wasstraat.demo.klantreizen import klantreizen_maken
from wasstraat.demo.zes_p import zes_p_maken

pytestmark = pytest.mark.django_db

STAP_4_EN_5 = (
    "klantreis.Klantreis",
    "klantreis.Fase",
    "klantreis.Contactmoment",
    "klantreis.Pijnpunt",
    "klantreis.Interview",
    "klantreis.Inzicht",
    "klantreis.InterviewLog",
    "klantreis.Alternatief",
    "serviceformules.Formulekeuze",
    "serviceformules.PBeoordeling",
)


def _tellingen() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_it_loads_twice_without_duplicating_anything():
    call_command("demodata", stdout=StringIO())
    eerst = _tellingen()
    for label in STAP_4_EN_5:  # the counts below cover the content of steps 4 and 5 too
        assert eerst[label] > 0, label
    uitvoer = StringIO()
    call_command("demodata", stdout=uitvoer)
    assert _tellingen() == eerst
    assert "Wasstraat2026!" in uitvoer.getvalue()


def test_it_has_a_user_per_role_and_trajectories_in_different_states():
    call_command("demodata", stdout=StringIO())
    for naam in (
        "projectleider",
        "procesadviseur",
        "klantreiscoach",
        "proceseigenaar",
        "teammanager",
        "sponsor",
        "medewerker1",
        "medewerker2",
        "privacy",
        "ciso",
        "ict",
        "jurist",
        "applicatiebeheer",
        "communicatie",
        "manager",
        "beheerder",
    ):
        gebruiker = User.objects.get(username=naam)
        assert gebruiker.check_password("Wasstraat2026!")
    assert Traject.objects.count() >= 6
    statussen = set(Traject.objects.values_list("status", flat=True))
    assert {
        TrajectStatus.CONCEPT,
        TrajectStatus.LOPEND,
        TrajectStatus.GEPAUZEERD,
        TrajectStatus.GESTOPT,
    } <= statussen
    bezige_stappen = set(
        Traject.objects.filter(stappen__status=StapStatusKeuze.BEZIG).values_list("stappen__stap", flat=True)
    )
    assert {"1", "2", "3a", "4"} <= bezige_stappen


# --- steps 4 and 5 ----------------------------------------------------------------------------------


@pytest.fixture
def demo() -> dict[str, User]:
    call_command("demodata", stdout=StringIO())
    return {u.username: u for u in User.objects.all()}


def _stap(traject: Traject, stap: Stap) -> StapStatus:
    return traject.stappen.get(stap=stap)


def _gemiddelde(momenten) -> float:
    return sum(m.beleving for m in momenten) / len(momenten)


def test_the_journeys_have_phases_contact_moments_and_a_better_desired_journey(demo):
    reizen = list(Klantreis.objects.select_related("traject"))
    assert len(reizen) == 3
    for reis in reizen:
        assert reis.persona_naam and reis.persona_omschrijving and reis.persona_behoeften
        fasen = list(reis.fasen.all())
        assert 4 <= len(fasen) <= 6, reis
        assert all(f.metriek and f.huidige_waarde and f.streefwaarde for f in fasen)
        momenten = Contactmoment.objects.filter(fase__klantreis=reis)
        huidig = list(momenten.filter(reis=Reis.HUIDIG))
        gewenst = list(momenten.filter(reis=Reis.GEWENST))
        assert {m.fase_id for m in huidig} == {f.pk for f in fasen}  # every phase in the current journey
        assert len({m.kanaal for m in huidig}) >= 3
        assert {m.beleving for m in huidig} >= {-2, -1, 1}
        assert 1 <= sum(m.moment_van_waarheid for m in huidig) <= 2
        assert any(m.citaten for m in huidig)
        assert Pijnpunt.objects.filter(contactmoment__in=huidig).exists()
        assert gewenst and _gemiddelde(gewenst) > _gemiddelde(huidig) + 1
    # one phase where the desired journey has no contact moment: the waiting disappears
    zonder_gewenst = Fase.objects.exclude(contactmomenten__reis=Reis.GEWENST)
    assert zonder_gewenst.filter(naam__startswith="Wachten").exists()


def test_one_journey_is_complete_and_step_4_completed_by_the_coach(demo):
    afgerond = Traject.objects.filter(stappen__stap=Stap.S4, stappen__status=StapStatusKeuze.AFGEROND)
    assert afgerond.count() == 1
    traject = afgerond.get()
    assert workflow.ontbrekend(traject, Stap.S4) == []
    overgang = Gebeurtenis.objects.get(traject=traject, stap=Stap.S4, naar_status=StapStatusKeuze.AFGEROND)
    assert overgang.actor == demo["klantreiscoach"]
    assert overgang.tijdstip < timezone.now()
    bezig = Traject.objects.filter(stappen__stap=Stap.S4, stappen__status=StapStatusKeuze.BEZIG)
    assert bezig.filter(klantreis__isnull=False).count() == 2  # the others stay in progress


def test_the_interviews_are_pseudonymous_with_consent_and_shared_insights(demo):
    for reis in Klantreis.objects.filter(interviews__isnull=False).distinct():
        interviews = list(reis.interviews.all())
        assert 3 <= len(interviews) <= 5
        for interview in interviews:
            assert re.fullmatch(r"(Inwoner|Ondernemer|Organisatie) [A-Z0-9]", interview.pseudoniem)
            assert interview.toestemming_op <= interview.datum < timezone.localdate()
            assert interview.notities and interview.kerninzichten
        assert 2 <= reis.inzichten.count() <= 4
        assert set(reis.inzichten.values_list("interview__klantreis", flat=True)) == {reis.pk}
    # the coach re-read one journey's interviews: the privacy officer's log is not empty
    bekeken = InterviewLog.objects.filter(handeling=Handeling.BEKEKEN)
    assert bekeken.exists() and set(bekeken.values_list("actor__username", flat=True)) == {"klantreiscoach"}


def test_the_simple_process_uses_existing_feedback_instead_of_interviews(demo):
    verhuizing = Klantreis.objects.get(traject__titel__startswith="Verhuizing")
    assert not verhuizing.interviews.exists()
    alternatief = verhuizing.alternatieven.get()
    assert alternatief.soort == AlternatiefSoort.FEEDBACK
    assert alternatief.reden and alternatief.bron and alternatief.samenvatting
    assert alternatief.bijlagen.get().naam.endswith(".csv")
    assert workflow.ontbrekend(verhuizing.traject, Stap.S4) == []  # complete, but the trajectory is paused


def test_no_journey_text_looks_like_personal_data(demo):
    teksten = [
        *Interview.objects.values_list("pseudoniem", "notities", "kerninzichten"),
        *Contactmoment.objects.values_list("titel", "klant_doet", "klant_ervaart", "citaten"),
        *Pijnpunt.objects.values_list("omschrijving"),
        *Inzicht.objects.values_list("tekst"),
        *Alternatief.objects.values_list("reden", "samenvatting"),
    ]
    gevonden = {tekst: gevonden_persoonsgegevens(tekst) for rij in teksten for tekst in rij}
    assert len(gevonden) > 100
    assert {tekst: berichten for tekst, berichten in gevonden.items() if berichten} == {}
    # the timeline never names an interviewee
    pseudoniemen = set(Interview.objects.values_list("pseudoniem", flat=True))
    for omschrijving in Gebeurtenis.objects.values_list("omschrijving", flat=True):
        assert not any(p in omschrijving for p in pseudoniemen)


def test_improvement_points_come_from_moments_of_truth_pain_points_and_deviations(demo):
    punten = Verbeterpunt.objects.all()
    assert punten.filter(contactmoment__moment_van_waarheid=True).exists()
    assert punten.filter(pijnpunt__isnull=False).exists()
    assert punten.filter(p_beoordeling__isnull=False).count() == 2


def test_every_product_has_a_serviceformule(demo):
    assert not Product.objects.filter(serviceformule__isnull=True).exists()
    formules = dict(Product.objects.values_list("naam", "serviceformule__naam"))
    assert formules["Verhuizing doorgeven"] == "Flitsformule"
    assert formules["Bijstandsuitkering aanvragen"] == "Wegwijsformule"
    assert formules["Melding openbare ruimte"] == "Beheerformule"


def test_the_bijstand_is_past_step_3_and_has_a_completed_6p_assessment(demo):
    traject = Traject.objects.get(titel__startswith="Bijstand")
    s3b, s5 = _stap(traject, Stap.S3B), _stap(traject, Stap.S5)
    assert _stap(traject, Stap.S3A).status == s3b.status == s5.status == StapStatusKeuze.AFGEROND
    assert s3b.afgerond_op < s5.gestart_op < s5.afgerond_op < timezone.now()
    assert (
        Gebeurtenis.objects.get(traject=traject, stap=Stap.S5, naar_status="afgerond").actor
        == demo["projectleider"]
    )
    keuze = Formulekeuze.objects.get(traject=traject)
    assert keuze.formule == traject.product.serviceformule and keuze.toelichting
    beoordelingen = PBeoordeling.objects.filter(traject=traject, formule=keuze.formule)
    assert set(beoordelingen.values_list("p", flat=True)) == set(P.values)
    assert set(beoordelingen.values_list("oordeel", flat=True)) == set(Oordeel.values)
    assert all(len(b.toelichting) > 100 and b.zekerheid for b in beoordelingen)
    assert workflow.ontbrekend(traject, Stap.S5) == []
    assert traject.sessies.filter(soort=SessieSoort.SERVICEFORMULE).exclude(notities="").exists()


def test_loading_steps_4_and_5_again_adds_nothing(demo):
    assert klantreizen_maken(demo) == []
    assert zes_p_maken(demo) == []


def test_the_journey_6p_and_privacy_log_pages_show_the_demo(demo, client):
    omgevingsvergunning = Traject.objects.get(titel__startswith="Omgevingsvergunning")
    bijstand = Traject.objects.get(titel__startswith="Bijstand")
    client.force_login(demo["klantreiscoach"])
    pagina = client.get(reverse("klantreis:overzicht", args=[omgevingsvergunning.pk]))
    assert pagina.status_code == 200
    assert "Particuliere aanvrager met een verbouwplan" in pagina.content.decode()
    assert "Brief met verzoek om aanvulling" in pagina.content.decode()
    client.force_login(demo["projectleider"])
    pagina = client.get(reverse("serviceformules:zes_p", args=[bijstand.pk]))
    assert pagina.status_code == 200
    assert "Wegwijsformule" in pagina.content.decode()
    client.force_login(demo["privacy"])
    pagina = client.get(reverse("klantreis:privacylog"))
    assert pagina.status_code == 200
    assert "Ondernemer 2" in pagina.content.decode()


def test_the_demo_loads_on_a_database_emptied_since_migrate():
    """`flush` (and every test that flushes, on the same test database) removes what migrations seeded:
    the national serviceformules and the groups. The demo brings them back rather than failing."""
    from django.contrib.auth.models import Group

    from serviceformules.models import Serviceformule

    Serviceformule.objects.all().delete()
    Group.objects.all().delete()

    call_command("demodata", stdout=StringIO())

    assert Serviceformule.objects.filter(landelijk=True).count() == 5
    assert Traject.objects.filter(titel__startswith="Bijstand").exists()
    assert Formulekeuze.objects.exists()
