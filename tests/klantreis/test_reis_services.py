"""The services of the customer journey (step 4): persona, phases, contact moments, pain points."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from klantreis import services
from klantreis.choices import Beleving, Kanaal, Reis
from klantreis.models import Contactmoment, Fase, Klantreis, Pijnpunt
from tests.factories import zet_stappen
from tests.klantreis.factories import ContactmomentFactory, FaseFactory, KlantreisFactory, PijnpuntFactory
from trajecten.choices import GebeurtenisSoort, Rol, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout
from verbeterplan.services import verbeterpunt_vastleggen

pytestmark = pytest.mark.django_db

KRC = Rol.KLANTREISCOACH


@pytest.fixture
def coach(gebruikers):
    return gebruikers[KRC]


@pytest.fixture
def reis(traject):
    return KlantreisFactory(traject=traject)


def _gebeurtenissen(traject) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.KLANTREIS).order_by("pk"))


def _moment_velden(fase: Fase, **anders) -> dict:
    return {
        "fase": fase,
        "reis": Reis.HUIDIG,
        "titel": "Vult het aanvraagformulier in",
        "kanaal": Kanaal.WEBSITE,
        "klant_doet": "Zoekt welke bijlagen nodig zijn.",
        "klant_ervaart": "Onzekerheid.",
        "beleving": Beleving.NEGATIEF,
        "citaten": "Ik wist niet wat ik moest uploaden.",
        "moment_van_waarheid": False,
        **anders,
    }


def _volgorde(fase: Fase, reis: str = Reis.HUIDIG) -> list[tuple[int, int]]:
    return list(fase.contactmomenten.filter(reis=reis).order_by("volgorde").values_list("pk", "volgorde"))


# --- the journey and its persona ----------------------------------------------------------------


def test_klantreis_van_is_none_until_the_coach_starts_the_journey(traject, coach):
    assert services.klantreis_van(traject) is None
    reis = services.klantreis_opslaan(traject=traject, door=coach, persona_naam="Starter")
    assert services.klantreis_van(traject) == reis


def test_the_coach_starts_the_journey_and_it_is_in_the_timeline(traject, coach):
    reis = services.klantreis_opslaan(
        traject=traject,
        door=coach,
        persona_naam="Starter met een eenmanszaak",
        persona_omschrijving="Eerste vergunning.",
        persona_behoeften="Snel duidelijkheid.",
    )
    assert Klantreis.objects.get(traject=traject) == reis
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert gebeurtenis.actor == coach and gebeurtenis.stap == "4"
    assert "Starter met een eenmanszaak" in gebeurtenis.omschrijving


def test_saving_again_changes_the_same_journey_and_an_unchanged_save_records_nothing(traject, coach, reis):
    services.klantreis_opslaan(
        traject=traject, door=coach, persona_naam="Ondernemer", persona_behoeften="Tijd"
    )
    assert Klantreis.objects.count() == 1
    reis.refresh_from_db()
    assert (reis.persona_naam, reis.persona_behoeften) == ("Ondernemer", "Tijd")
    aantal = len(_gebeurtenissen(traject))
    services.klantreis_opslaan(
        traject=traject, door=coach, persona_naam="Ondernemer", persona_behoeften="Tijd"
    )
    assert len(_gebeurtenissen(traject)) == aantal


def test_a_persona_needs_a_name(traject, coach):
    with pytest.raises(ValidationError) as fout:
        services.klantreis_opslaan(traject=traject, door=coach, persona_naam="")
    assert "persona_naam" in fout.value.error_dict
    assert not Klantreis.objects.exists()


@pytest.mark.parametrize(
    "wie",
    [Rol.PROJECTLEIDER, Rol.PROCESEIGENAAR, Rol.PROCESADVISEUR, Rol.SPONSOR, "management", "buitenstaander"],
)
def test_only_the_coach_edits_the_journey(traject, gebruikers, wie):
    with pytest.raises(PermissionDenied):
        services.klantreis_opslaan(traject=traject, door=gebruikers[wie], persona_naam="Starter")
    reis = KlantreisFactory(traject=traject)
    fase = FaseFactory(klantreis=reis)
    with pytest.raises(PermissionDenied):
        services.fase_toevoegen(traject=traject, door=gebruikers[wie], naam="Aanvragen")
    with pytest.raises(PermissionDenied):
        services.contactmoment_toevoegen(traject=traject, door=gebruikers[wie], **_moment_velden(fase))
    assert not Contactmoment.objects.exists()


@pytest.mark.parametrize("status", [TrajectStatus.GESTOPT, TrajectStatus.AFGEROND])
def test_a_closed_trajectory_keeps_its_journey(traject, coach, reis, status):
    fase = FaseFactory(klantreis=reis)
    moment = ContactmomentFactory(fase=fase)
    pijnpunt = PijnpuntFactory(contactmoment=moment)
    zet_stappen(traject, {}, traject_status=status)
    pogingen = [
        lambda: services.klantreis_opslaan(traject=traject, door=coach, persona_naam="Anders"),
        lambda: services.fase_toevoegen(traject=traject, door=coach, naam="Wachten"),
        lambda: services.fase_wijzigen(fase=fase, door=coach, naam="Anders"),
        lambda: services.fase_verwijderen(fase=fase, door=coach),
        lambda: services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase)),
        lambda: services.contactmoment_wijzigen(contactmoment=moment, door=coach, titel="Anders"),
        lambda: services.contactmoment_verwijderen(contactmoment=moment, door=coach),
        lambda: services.pijnpunt_toevoegen(contactmoment=moment, door=coach, omschrijving="Traag"),
        lambda: services.pijnpunt_verwijderen(pijnpunt=pijnpunt, door=coach),
    ]
    for poging in pogingen:
        with pytest.raises(WorkflowFout):
            poging()
    assert Fase.objects.get() == fase and Pijnpunt.objects.get() == pijnpunt
    assert not _gebeurtenissen(traject)


# --- phases -------------------------------------------------------------------------------------


def test_phases_need_a_journey_first(traject, coach):
    with pytest.raises(WorkflowFout):
        services.fase_toevoegen(traject=traject, door=coach, naam="Oriënteren")


def test_phases_are_added_at_the_end_and_logged(traject, coach, reis):
    namen = ["Oriënteren", "Aanvragen", "Wachten"]
    fasen = [services.fase_toevoegen(traject=traject, door=coach, naam=naam) for naam in namen]
    assert [f.volgorde for f in fasen] == [1, 2, 3]
    assert "Wachten" in _gebeurtenissen(traject)[-1].omschrijving


def test_a_phase_needs_a_name(traject, coach, reis):
    with pytest.raises(ValidationError) as fout:
        services.fase_toevoegen(traject=traject, door=coach, naam="", metriek="Dagen")
    assert "naam" in fout.value.error_dict


def test_changing_a_phase_saves_its_metric_and_logs_which_fields(traject, coach, reis):
    fase = services.fase_toevoegen(traject=traject, door=coach, naam="Wachten")
    services.fase_wijzigen(fase=fase, door=coach, metriek="Dagen tot besluit", streefwaarde="5")
    fase.refresh_from_db()
    assert (fase.metriek, fase.streefwaarde) == ("Dagen tot besluit", "5")
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert "Wachten" in gebeurtenis.omschrijving
    aantal = len(_gebeurtenissen(traject))
    services.fase_wijzigen(fase=fase, door=coach, metriek="Dagen tot besluit")
    assert len(_gebeurtenissen(traject)) == aantal  # nothing changed, nothing logged


def test_moving_a_phase_keeps_the_numbering_dense(traject, coach, reis):
    a, b, c = (services.fase_toevoegen(traject=traject, door=coach, naam=n) for n in "ABC")
    services.fase_verplaatsen(fase=c, door=coach, richting=services.OP)
    assert list(reis.fasen.order_by("volgorde").values_list("naam", "volgorde")) == [
        ("A", 1),
        ("C", 2),
        ("B", 3),
    ]
    services.fase_verplaatsen(fase=a, door=coach, richting=services.NEER)
    assert list(reis.fasen.order_by("volgorde").values_list("naam", flat=True)) == ["C", "A", "B"]


def test_the_first_phase_cannot_move_up_nor_the_last_down(traject, coach, reis):
    a, b = (services.fase_toevoegen(traject=traject, door=coach, naam=n) for n in "AB")
    with pytest.raises(WorkflowFout):
        services.fase_verplaatsen(fase=a, door=coach, richting=services.OP)
    with pytest.raises(WorkflowFout):
        services.fase_verplaatsen(fase=b, door=coach, richting=services.NEER)
    with pytest.raises(ValueError):
        services.fase_verplaatsen(fase=a, door=coach, richting="opzij")


def test_deleting_a_phase_takes_its_contact_moments_and_closes_the_gap(traject, coach, reis):
    a, b, c = (services.fase_toevoegen(traject=traject, door=coach, naam=n) for n in "ABC")
    moment = ContactmomentFactory(fase=b)
    PijnpuntFactory(contactmoment=moment)
    services.fase_verwijderen(fase=b, door=coach)
    assert list(reis.fasen.order_by("volgorde").values_list("naam", "volgorde")) == [("A", 1), ("C", 2)]
    assert not Contactmoment.objects.exists() and not Pijnpunt.objects.exists()
    assert "B" in _gebeurtenissen(traject)[-1].omschrijving


@pytest.mark.parametrize("bron", ["contactmoment", "pijnpunt"])
def test_a_phase_whose_moments_gave_improvement_points_cannot_be_deleted(
    traject, coach, gebruikers, reis, bron
):
    fase = services.fase_toevoegen(traject=traject, door=coach, naam="Aanvragen")
    moment = ContactmomentFactory(fase=fase)
    pijnpunt = PijnpuntFactory(contactmoment=moment)
    verbeterpunt_vastleggen(
        traject=traject,
        door=gebruikers[Rol.PROJECTLEIDER],
        titel="Bijlagenlijst op de website",
        **{bron: moment if bron == "contactmoment" else pijnpunt},
    )
    assert services.verwijderbezwaren(fase)
    with pytest.raises(WorkflowFout) as fout:
        services.fase_verwijderen(fase=fase, door=coach)
    assert "Aanvragen" in str(fout.value)
    assert Fase.objects.filter(pk=fase.pk).exists()


def test_the_deletion_guards_count_the_points_of_moments_and_pain_points_together(traject, gebruikers, reis):
    """Counted through the reverse relations (klantreis does not import verbeterplan): a phase counts the
    points of all its moments and of their pain points, a moment its own and its pain points', a pain point
    its own; points elsewhere in the journey do not count."""
    fase, andere_fase = FaseFactory(klantreis=reis, naam="Aanvragen"), FaseFactory(klantreis=reis)
    moment, ander_moment = ContactmomentFactory(fase=fase), ContactmomentFactory(fase=fase)
    pijnpunt = PijnpuntFactory(contactmoment=moment)
    elders = ContactmomentFactory(fase=andere_fase)
    for bron in (
        {"contactmoment": moment},
        {"contactmoment": ander_moment},
        {"pijnpunt": pijnpunt},
        {"pijnpunt": pijnpunt},
        {"contactmoment": elders},
    ):
        verbeterpunt_vastleggen(traject=traject, door=gebruikers[Rol.PROJECTLEIDER], titel="Punt", **bron)
    with translation.override("en"):
        assert "4 improvement points were recorded" in services.verwijderbezwaren(fase)[0]
        assert "3 improvement points were recorded" in services.verwijderbezwaren(moment)[0]
        assert "1 improvement point was recorded" in services.verwijderbezwaren(ander_moment)[0]
        assert "2 improvement points were recorded" in services.verwijderbezwaren(pijnpunt)[0]
    assert services.verwijderbezwaren(PijnpuntFactory(contactmoment=moment)) == []


def test_a_phase_deleted_in_the_meantime_is_a_clear_refusal(traject, coach, reis):
    fase = services.fase_toevoegen(traject=traject, door=coach, naam="Aanvragen")
    Fase.objects.filter(pk=fase.pk).delete()
    with pytest.raises(WorkflowFout):
        services.fase_wijzigen(fase=fase, door=coach, naam="Anders")


# --- contact moments ----------------------------------------------------------------------------


def test_contact_moments_go_to_the_end_of_their_phase_and_journey(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    eerste = services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase))
    tweede = services.contactmoment_toevoegen(
        traject=traject, door=coach, **_moment_velden(fase, titel="Belt")
    )
    gewenst = services.contactmoment_toevoegen(
        traject=traject,
        door=coach,
        **_moment_velden(fase, reis=Reis.GEWENST, beleving=Beleving.ZEER_POSITIEF),
    )
    assert (eerste.volgorde, tweede.volgorde, gewenst.volgorde) == (1, 2, 1)
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert gebeurtenis.gegevens["contactmoment"] == gewenst.pk


def test_the_timeline_does_not_hold_the_quotes(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    services.contactmoment_toevoegen(
        traject=traject, door=coach, **_moment_velden(fase, citaten="Ik voelde me niet gehoord.")
    )
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert "gehoord" not in gebeurtenis.omschrijving and "gehoord" not in str(gebeurtenis.gegevens)


def test_a_contact_moment_needs_a_phase_of_this_journey(traject, coach, reis, maak_traject):
    ander = KlantreisFactory(traject=maak_traject(titel="Ander traject"))
    vreemde_fase = FaseFactory(klantreis=ander)
    with pytest.raises(ValidationError) as fout:
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(vreemde_fase))
    assert "fase" in fout.value.error_dict
    assert not Contactmoment.objects.exists()


@pytest.mark.parametrize(
    "citaat",
    [
        "Bel me op 06-12345678",
        "Mijn mail is j.jansen@example.nl",
        "BSN 111222333 staat op het formulier",
    ],
)
def test_quotes_with_personal_data_are_refused(traject, coach, reis, citaat):
    fase = FaseFactory(klantreis=reis)
    with pytest.raises(ValidationError) as fout:
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase, citaten=citaat))
    assert "citaten" in fout.value.error_dict


def test_a_contact_moment_needs_a_title_and_a_valid_experience(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    with pytest.raises(ValidationError) as fout:
        services.contactmoment_toevoegen(
            traject=traject, door=coach, **_moment_velden(fase, titel="", beleving=5)
        )
    assert {"titel", "beleving"} <= set(fout.value.error_dict)


def test_a_moved_contact_moment_goes_to_the_end_of_its_new_phase_and_the_old_one_closes_up(
    traject, coach, reis
):
    a, b = FaseFactory(klantreis=reis), FaseFactory(klantreis=reis)
    m1, m2, m3 = (
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(a, titel=t))
        for t in "123"
    )
    bestaand = services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(b))
    services.contactmoment_wijzigen(contactmoment=m1, door=coach, fase=b, moment_van_waarheid=True)
    m1.refresh_from_db()
    assert (m1.fase, m1.volgorde, m1.moment_van_waarheid) == (b, 2, True)
    assert _volgorde(a) == [(m2.pk, 1), (m3.pk, 2)]
    assert _volgorde(b) == [(bestaand.pk, 1), (m1.pk, 2)]


def test_a_contact_moment_moved_to_the_desired_journey_goes_to_its_end(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    m1, m2 = (
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase)) for _ in "12"
    )
    gewenst = services.contactmoment_toevoegen(
        traject=traject, door=coach, **_moment_velden(fase, reis=Reis.GEWENST)
    )
    services.contactmoment_wijzigen(contactmoment=m1, door=coach, reis=Reis.GEWENST)
    assert _volgorde(fase) == [(m2.pk, 1)]
    assert _volgorde(fase, Reis.GEWENST) == [(gewenst.pk, 1), (m1.pk, 2)]


def test_a_contact_moment_cannot_move_to_a_phase_of_another_trajectory(traject, coach, reis, maak_traject):
    fase = FaseFactory(klantreis=reis)
    moment = ContactmomentFactory(fase=fase)
    vreemde_fase = FaseFactory(klantreis=KlantreisFactory(traject=maak_traject(titel="Ander")))
    with pytest.raises(ValidationError) as fout:
        services.contactmoment_wijzigen(contactmoment=moment, door=coach, fase=vreemde_fase)
    assert "fase" in fout.value.error_dict
    moment.refresh_from_db()
    assert moment.fase == fase


def test_contact_moments_move_within_their_phase_and_journey(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    m1, m2, m3 = (
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase, titel=t))
        for t in "123"
    )
    gewenst = services.contactmoment_toevoegen(
        traject=traject, door=coach, **_moment_velden(fase, reis=Reis.GEWENST)
    )
    services.contactmoment_verplaatsen(contactmoment=m3, door=coach, richting=services.OP)
    assert _volgorde(fase) == [(m1.pk, 1), (m3.pk, 2), (m2.pk, 3)]
    with pytest.raises(WorkflowFout):
        services.contactmoment_verplaatsen(contactmoment=m1, door=coach, richting=services.OP)
    with pytest.raises(WorkflowFout):  # alone in the desired journey of this phase
        services.contactmoment_verplaatsen(contactmoment=gewenst, door=coach, richting=services.NEER)


def test_deleting_a_contact_moment_closes_the_gap(traject, coach, reis):
    fase = FaseFactory(klantreis=reis)
    m1, m2, m3 = (
        services.contactmoment_toevoegen(traject=traject, door=coach, **_moment_velden(fase, titel=t))
        for t in "123"
    )
    services.contactmoment_verwijderen(contactmoment=m1, door=coach)
    assert _volgorde(fase) == [(m2.pk, 1), (m3.pk, 2)]
    assert "1" in _gebeurtenissen(traject)[-1].omschrijving


def test_a_contact_moment_with_improvement_points_cannot_be_deleted(traject, coach, gebruikers, reis):
    moment = ContactmomentFactory(fase=FaseFactory(klantreis=reis), titel="Besluit per post")
    pijnpunt = PijnpuntFactory(contactmoment=moment)
    verbeterpunt_vastleggen(traject=traject, door=coach, titel="Digitaal besluit", pijnpunt=pijnpunt)
    with pytest.raises(WorkflowFout) as fout:
        services.contactmoment_verwijderen(contactmoment=moment, door=coach)
    assert "Besluit per post" in str(fout.value)
    assert Contactmoment.objects.filter(pk=moment.pk).exists()


# --- pain points --------------------------------------------------------------------------------


def test_the_coach_adds_and_deletes_pain_points(traject, coach, reis):
    moment = ContactmomentFactory(fase=FaseFactory(klantreis=reis), titel="Wacht op besluit")
    pijnpunt = services.pijnpunt_toevoegen(
        contactmoment=moment, door=coach, omschrijving="  Geen bevestiging  "
    )
    assert pijnpunt.omschrijving == "Geen bevestiging" and pijnpunt.contactmoment == moment
    gebeurtenis = _gebeurtenissen(traject)[-1]
    assert "Wacht op besluit" in gebeurtenis.omschrijving and "bevestiging" not in gebeurtenis.omschrijving
    services.pijnpunt_verwijderen(pijnpunt=pijnpunt, door=coach)
    assert not Pijnpunt.objects.exists()
    assert len(_gebeurtenissen(traject)) == 2


@pytest.mark.parametrize("tekst", ["", "Bel 020-1234567 voor uitleg"])
def test_an_empty_pain_point_or_one_with_a_phone_number_is_refused(traject, coach, reis, tekst):
    moment = ContactmomentFactory(fase=FaseFactory(klantreis=reis))
    with pytest.raises(ValidationError) as fout:
        services.pijnpunt_toevoegen(contactmoment=moment, door=coach, omschrijving=tekst)
    assert "omschrijving" in fout.value.error_dict


def test_a_pain_point_with_an_improvement_point_cannot_be_deleted(traject, coach, reis):
    pijnpunt = PijnpuntFactory(contactmoment=ContactmomentFactory(fase=FaseFactory(klantreis=reis)))
    verbeterpunt_vastleggen(traject=traject, door=coach, titel="Bevestiging sturen", pijnpunt=pijnpunt)
    with pytest.raises(WorkflowFout):
        services.pijnpunt_verwijderen(pijnpunt=pijnpunt, door=coach)
    assert Pijnpunt.objects.filter(pk=pijnpunt.pk).exists()
