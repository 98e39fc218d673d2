"""The step-7 services: requesting a review (term, snapshot, access, notification), withdrawing it with
a reason, the verdict per action or for the whole plan (only by the specialist asked, conditions
required, final once given), earlier-version detection and the fresh review of changed actions, the
conditions, and the completion condition of step 7."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests.factories import UserFactory, zet_stappen
from tests.verbeterplan.factories import VerbeteractieFactory
from trajecten import workflow
from trajecten.choices import GebeurtenisSoort, Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.permissions import TOETSSTUKKEN, rechten_voor
from trajecten.services import WorkflowFout
from verbeterplan import toetsing
from verbeterplan.choices import Oordeel, ToetsverzoekStatus, VoorwaardeStatus
from verbeterplan.models import Toetsoordeel, Toetsverzoek, Verbeteractie, Voorwaarde
from verbeterplan.momentopname import acties_in, plan_momentopname
from wasstraat.bewerking import Bewerkingsconflict, versie_van
from wasstraat.meldingen.models import Melding
from wasstraat.werkdagen import werkdagen_na

pytestmark = pytest.mark.django_db

PRIVACY, ICT = "privacy_officer", "ict"


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


@pytest.fixture
def pl(gebruikers):
    return gebruikers[Rol.PROJECTLEIDER]


@pytest.fixture
def plan(traject):
    """Step 6 completed and step 7 in progress, a plan of two actions."""
    zet_stappen(
        traject,
        {Stap.S6: StapStatusKeuze.AFGEROND, Stap.S7: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    return [
        VerbeteractieFactory(traject=traject, titel="Eén loket"),
        VerbeteractieFactory(traject=traject, titel="Digitaal formulier"),
    ]


@pytest.fixture
def specialist():
    """A privacy officer who is not on the team."""
    return UserFactory(username="privacy", first_name="Priya", last_name="Vacy", email="privacy@example.nl")


def _aanvragen(traject, pl, specialist, discipline=PRIVACY, **kwargs) -> Toetsverzoek:
    return toetsing.toetsverzoek_aanvragen(
        traject=traject, door=pl, specialist=specialist, discipline=discipline, **kwargs
    )


def _akkoord(verzoek, wie, actie=None, **kwargs) -> Toetsoordeel:
    antwoorden = kwargs.pop("antwoorden", {"avg_conform": "ja", "dpia_nodig": "nee"})
    return toetsing.toetsoordeel_geven(
        verzoek=verzoek,
        door=wie,
        actie=actie,
        oordeel=kwargs.pop("oordeel", Oordeel.AKKOORD),
        toelichting=kwargs.pop("toelichting", "Geen bezwaar."),
        antwoorden=antwoorden,
        **kwargs,
    )


# --- the term -----------------------------------------------------------------------------------


def test_ten_working_days_skip_weekends_and_dutch_public_holidays():
    # Thursday 23 April 2026: King's Day (Monday 27 April) and the weekends are skipped.
    assert werkdagen_na(dt.date(2026, 4, 23), 10) == dt.date(2026, 5, 8)
    # Monday 28 December 2026: New Year's Day is skipped.
    assert werkdagen_na(dt.date(2026, 12, 28), 10) == dt.date(2027, 1, 12)


def test_the_default_term_is_ten_working_days_from_today(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    assert verzoek.termijn == werkdagen_na(timezone.localdate(), 10)


def test_a_term_in_the_past_is_refused_at_the_field(traject, pl, plan, specialist):
    with pytest.raises(ValidationError) as fout:
        _aanvragen(traject, pl, specialist, termijn=timezone.localdate() - dt.timedelta(days=1))
    assert "termijn" in fout.value.message_dict


# --- requesting ---------------------------------------------------------------------------------


def test_a_request_takes_a_snapshot_gives_access_and_notifies_once(
    traject, pl, plan, specialist, django_capture_on_commit_callbacks
):
    assert rechten_voor(specialist, traject) == frozenset()
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = _aanvragen(traject, pl, specialist, bericht="Let op de bewaartermijn.")
    assert [a["titel"] for a in verzoek.momentopname["acties"]] == ["Eén loket", "Digitaal formulier"]
    assert set(verzoek.acties.all()) == set(plan)
    assert rechten_voor(specialist, traject) == {TOETSSTUKKEN}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["privacy@example.nl"]
    assert "Let op de bewaartermijn." in mail.outbox[0].body
    melding = Melding.objects.get(ontvanger=specialist)
    assert melding.sleutel == f"toetsverzoek-{verzoek.pk}" and melding.url == verzoek.get_absolute_url()
    gebeurtenis = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.TOETSING).get()
    assert (gebeurtenis.stap, gebeurtenis.actor, gebeurtenis.gegevens["verzoek"]) == (Stap.S7, pl, verzoek.pk)


def test_the_notification_task_sends_one_mail_when_run_twice(traject, pl, plan, specialist):
    from verbeterplan.tasks import toetsverzoek_melden

    verzoek = _aanvragen(traject, pl, specialist)  # on-commit callbacks are not run here
    toetsverzoek_melden.delay(verzoek.pk)
    toetsverzoek_melden.delay(verzoek.pk)
    assert len(mail.outbox) == 1
    assert Melding.objects.filter(ontvanger=specialist).count() == 1


def test_only_the_projectleider_requests_reviews(traject, gebruikers, plan, specialist):
    for rol in (Rol.PROCESEIGENAAR, Rol.PROCESADVISEUR, Rol.SPECIALIST):
        with pytest.raises(PermissionDenied):
            _aanvragen(traject, gebruikers[rol], specialist)


def test_reviews_are_requested_while_step_7_is_in_progress(traject, pl, plan, specialist):
    zet_stappen(traject, {Stap.S7: StapStatusKeuze.NIET_GESTART})
    with pytest.raises(WorkflowFout, match="start step 7 first"):
        _aanvragen(traject, pl, specialist)


def test_a_second_open_request_for_the_same_person_and_discipline_is_refused(traject, pl, plan, specialist):
    _aanvragen(traject, pl, specialist)
    with pytest.raises(ValidationError) as fout:
        _aanvragen(traject, pl, specialist)
    assert "specialist" in fout.value.message_dict
    assert _aanvragen(traject, pl, specialist, discipline=ICT).discipline == ICT


def test_a_plan_without_actions_cannot_be_reviewed(traject, pl, specialist):
    zet_stappen(traject, {Stap.S7: StapStatusKeuze.BEZIG}, traject_status=TrajectStatus.LOPEND)
    with pytest.raises(WorkflowFout, match="no actions"):
        _aanvragen(traject, pl, specialist)


# --- withdrawing --------------------------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_takes_the_access_away(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    with pytest.raises(ValidationError) as fout:
        toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="  ")
    assert "intrekreden" in fout.value.message_dict
    toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="Geen persoonsgegevens in het plan.")
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.ingetrokken_door) == (ToetsverzoekStatus.INGETROKKEN, pl)
    assert rechten_voor(specialist, traject) == frozenset()
    assert Gebeurtenis.objects.filter(traject=traject, reden="Geen persoonsgegevens in het plan.").exists()


def test_the_specialist_is_told_once_that_the_review_is_no_longer_needed(
    traject, pl, plan, specialist, django_capture_on_commit_callbacks
):
    from verbeterplan.tasks import toetsverzoek_ingetrokken_melden

    verzoek = _aanvragen(traject, pl, specialist)
    with django_capture_on_commit_callbacks(execute=True):
        toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="ICT zit al in het team.")
    toetsverzoek_ingetrokken_melden.delay(verzoek.pk)  # a retried task
    melding = Melding.objects.get(sleutel=f"toetsverzoek-ingetrokken-{verzoek.pk}")
    assert melding.ontvanger == specialist and "ICT zit al in het team." in melding.tekst
    assert [m.to for m in mail.outbox] == [["privacy@example.nl"]]


def test_an_answered_request_cannot_be_withdrawn(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    _akkoord(verzoek, specialist)
    with pytest.raises(WorkflowFout, match="answered"):
        toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="Te laat.")


def test_withdrawing_a_request_someone_else_withdrew_meanwhile_is_a_conflict(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    gezien = versie_van(verzoek, toetsing.INTREKVELDEN)
    toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="Eerste reden.")
    with pytest.raises(Bewerkingsconflict):
        toetsing.toetsverzoek_intrekken(verzoek=verzoek, door=pl, reden="Tweede reden.", gezien=gezien)


def test_access_stays_while_another_request_of_the_person_stands(traject, pl, plan, specialist):
    eerste = _aanvragen(traject, pl, specialist)
    _aanvragen(traject, pl, specialist, discipline=ICT)
    toetsing.toetsverzoek_intrekken(verzoek=eerste, door=pl, reden="Dubbel gevraagd.")
    assert rechten_voor(specialist, traject) == {TOETSSTUKKEN}


def test_a_team_change_keeps_the_access_a_request_gives(traject, pl, plan, specialist):
    from trajecten import services

    _aanvragen(traject, pl, specialist)
    lid = services.teamlid_toevoegen(traject=traject, door=pl, gebruiker=specialist, rol=Rol.SPONSOR)
    services.teamlid_verwijderen(teamlid=lid, door=pl)
    assert rechten_voor(specialist, traject) == {TOETSSTUKKEN}


# --- the verdict --------------------------------------------------------------------------------


def test_a_verdict_per_action_answers_the_request_when_every_action_has_one(
    traject, pl, plan, specialist, django_capture_on_commit_callbacks
):
    verzoek = _aanvragen(traject, pl, specialist)
    _akkoord(verzoek, specialist, plan[0])
    verzoek.refresh_from_db()
    assert verzoek.status == ToetsverzoekStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        _akkoord(verzoek, specialist, plan[1], oordeel=Oordeel.NIET_AKKOORD, toelichting="Geen grondslag.")
    verzoek.refresh_from_db()
    assert verzoek.status == ToetsverzoekStatus.BEANTWOORD and verzoek.beantwoord_op is not None
    assert Melding.objects.filter(ontvanger=pl, sleutel=f"toetsverzoek-beantwoord-{verzoek.pk}").exists()


def test_a_verdict_on_the_whole_plan_answers_the_request(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    oordeel = _akkoord(verzoek, specialist)
    verzoek.refresh_from_db()
    assert oordeel.actie is None and verzoek.status == ToetsverzoekStatus.BEANTWOORD
    assert oordeel.antwoorden == {"avg_conform": "ja", "dpia_nodig": "nee"}


def test_only_the_specialist_asked_gives_the_verdict(traject, gebruikers, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    for wie in (pl, gebruikers[Rol.SPECIALIST], UserFactory()):
        with pytest.raises(PermissionDenied):
            _akkoord(verzoek, wie)
    assert not Toetsoordeel.objects.exists()


def test_an_approval_with_conditions_needs_them_and_each_becomes_a_tracked_item(
    traject, pl, plan, specialist
):
    plan[0].voorgestelde_eigenaar = pl
    plan[0].save()
    verzoek = _aanvragen(traject, pl, specialist)
    with pytest.raises(ValidationError) as fout:
        _akkoord(verzoek, specialist, plan[0], oordeel=Oordeel.ONDER_VOORWAARDEN, voorwaarden=[" "])
    assert "voorwaarden" in fout.value.message_dict
    oordeel = _akkoord(
        verzoek,
        specialist,
        plan[0],
        oordeel=Oordeel.ONDER_VOORWAARDEN,
        voorwaarden=["DPIA uitvoeren", "Verwerkersovereenkomst sluiten"],
        antwoorden={"avg_conform": "ja", "dpia_nodig": "ja"},
    )
    voorwaarden = list(Voorwaarde.objects.filter(oordeel=oordeel).order_by("pk"))
    assert [v.tekst for v in voorwaarden] == ["DPIA uitvoeren", "Verwerkersovereenkomst sluiten"]
    assert {(v.actie, v.eigenaar, v.status) for v in voorwaarden} == {(plan[0], pl, VoorwaardeStatus.OPEN)}


def test_the_discipline_questions_are_checked_at_their_field(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist, discipline=ICT)
    with pytest.raises(ValidationError) as fout:
        _akkoord(verzoek, specialist, antwoorden={"ict_kosten": "veel", "doorlooptijd": "zes"})
    assert set(fout.value.message_dict) == {
        "vraag_technisch_haalbaar",
        "vraag_ict_kosten",
        "vraag_doorlooptijd",
    }
    oordeel = _akkoord(
        verzoek,
        specialist,
        antwoorden={"technisch_haalbaar": "ja", "ict_kosten": "12000,5", "doorlooptijd": "6"},
    )
    assert oordeel.antwoorden == {"technisch_haalbaar": "ja", "ict_kosten": "12000.50", "doorlooptijd": 6}


def test_a_submitted_verdict_is_final(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    oordeel = _akkoord(verzoek, specialist, plan[0])
    with pytest.raises(WorkflowFout, match="final"):
        _akkoord(verzoek, specialist, plan[0], oordeel=Oordeel.NIET_AKKOORD)
    oordeel.toelichting = "Toch niet."
    with pytest.raises(PermissionError):
        oordeel.save()
    with pytest.raises(PermissionError):
        oordeel.delete()
    with pytest.raises(PermissionError):
        Toetsoordeel.objects.filter(pk=oordeel.pk).update(toelichting="Toch niet.")
    assert Toetsoordeel.objects.get(pk=oordeel.pk).toelichting == "Geen bezwaar."


def test_an_answered_or_withdrawn_request_takes_no_more_verdicts(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    _akkoord(verzoek, specialist)
    with pytest.raises(WorkflowFout, match="final"):
        _akkoord(verzoek, specialist, plan[0])
    ander = _aanvragen(traject, pl, specialist, discipline=ICT)
    toetsing.toetsverzoek_intrekken(verzoek=ander, door=pl, reden="Niet nodig.")
    with pytest.raises(WorkflowFout, match="withdrawn"):
        _akkoord(ander, specialist, antwoorden={"technisch_haalbaar": "ja"})


def test_an_action_outside_the_request_is_refused(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist, acties=[plan[0]])
    with pytest.raises(ValidationError) as fout:
        _akkoord(verzoek, specialist, plan[1])
    assert "actie" in fout.value.message_dict


# --- changes after the verdict ------------------------------------------------------------------


def test_a_changed_action_shows_its_verdict_as_given_on_an_earlier_version(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    _akkoord(verzoek, specialist, plan[0])
    _akkoord(verzoek, specialist, plan[1])
    assert toetsing.gewijzigde_acties(verzoek) == []
    Verbeteractie.objects.filter(pk=plan[1].pk).update(volgorde=9)  # a move alone is no change
    assert toetsing.gewijzigde_acties(verzoek) == []
    Verbeteractie.objects.filter(pk=plan[0].pk).update(omschrijving="Eén loket, ook op zaterdag.")
    assert toetsing.gewijzigde_acties(verzoek) == [plan[0].pk]


def test_a_fresh_review_asks_about_just_the_changed_and_the_new_actions(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    _akkoord(verzoek, specialist)
    with pytest.raises(WorkflowFout, match="No action changed"):
        toetsing.toetsing_herhalen(verzoek=verzoek, door=pl)
    Verbeteractie.objects.filter(pk=plan[0].pk).update(titel="Eén loket voor alles")
    nieuw_actie = VerbeteractieFactory(traject=traject, titel="Terugbelservice")
    nieuw = toetsing.toetsing_herhalen(verzoek=verzoek, door=pl)
    assert set(nieuw.acties.all()) == {plan[0], nieuw_actie}
    assert (nieuw.specialist, nieuw.discipline, nieuw.herhaling_van) == (specialist, PRIVACY, verzoek)
    assert acties_in(nieuw.momentopname)[plan[0].pk]["titel"] == "Eén loket voor alles"


def test_a_fresh_review_needs_an_answered_request(traject, pl, plan, specialist):
    verzoek = _aanvragen(traject, pl, specialist)
    with pytest.raises(WorkflowFout, match="answered"):
        toetsing.toetsing_herhalen(verzoek=verzoek, door=pl)


def test_the_snapshot_is_plain_data_of_every_action(traject, plan, pl):
    from tests.factories import AfdelingFactory
    from tests.kpi.factories import KpiFactory
    from verbeterplan.models import ActieKpi

    actie = plan[0]
    actie.kosten_eenmalig = 2500
    actie.voorgestelde_eigenaar = pl
    actie.save()
    actie.afdelingen.add(AfdelingFactory(naam="Burgerzaken"))
    ActieKpi.objects.create(
        actie=actie, kpi=KpiFactory(traject=traject, naam="Doorlooptijd"), verwacht_effect="-50%"
    )
    eerste = plan_momentopname(traject)["acties"][0]
    assert eerste["kosten_eenmalig"] == "2500.00" and eerste["afdelingen"] == ["Burgerzaken"]
    assert eerste["kpi_effecten"] == [{"kpi": "Doorlooptijd", "effect": "-50%"}]
    assert eerste["voorgestelde_eigenaar"] == (pl.get_full_name() or pl.get_username())
    import json

    json.dumps(plan_momentopname(traject))  # storable as it is


# --- the conditions -----------------------------------------------------------------------------


@pytest.fixture
def voorwaarde(traject, pl, plan, specialist) -> Voorwaarde:
    verzoek = _aanvragen(traject, pl, specialist)
    oordeel = _akkoord(verzoek, specialist, plan[0], oordeel=Oordeel.ONDER_VOORWAARDEN, voorwaarden=["DPIA"])
    return oordeel.voorwaarde_items.get()


def test_a_condition_is_met_or_set_aside_with_a_reason(voorwaarde, pl, gebruikers):
    pe = gebruikers[Rol.PROCESEIGENAAR]
    with pytest.raises(ValidationError) as fout:
        toetsing.voorwaarde_bijwerken(
            voorwaarde=voorwaarde, door=pl, eigenaar=pe, status=VoorwaardeStatus.TERZIJDE
        )
    assert "toelichting" in fout.value.message_dict
    toetsing.voorwaarde_bijwerken(
        voorwaarde=voorwaarde,
        door=pl,
        eigenaar=pe,
        status=VoorwaardeStatus.VERVULD,
        toelichting="DPIA gedaan.",
    )
    voorwaarde.refresh_from_db()
    assert (voorwaarde.eigenaar, voorwaarde.status, voorwaarde.afgehandeld_door) == (pe, "vervuld", pl)


def test_keeping_up_conditions_is_for_who_edits_the_plan(voorwaarde, gebruikers):
    for rol in (Rol.SPONSOR, Rol.SPECIALIST, Rol.TEAMMANAGER):
        with pytest.raises(PermissionDenied):
            toetsing.voorwaarde_bijwerken(
                voorwaarde=voorwaarde, door=gebruikers[rol], eigenaar=gebruikers[rol], status="vervuld"
            )


# --- completion condition of step 7 -------------------------------------------------------------


def test_step_7_needs_every_request_answered_or_withdrawn_and_one_answered(traject, pl, plan, specialist):
    assert workflow.ontbrekend(traject, Stap.S7) == [
        "Request a review from at least one specialist and wait for the verdict."
    ]
    verzoek = _aanvragen(traject, pl, specialist)
    ict = _aanvragen(traject, pl, UserFactory(first_name="Ivo", last_name="Tee"), discipline=ICT)
    ontbreekt = workflow.ontbrekend(traject, Stap.S7)
    assert (
        len(ontbreekt) == 2 and "Priya Vacy (Privacy officer)" in ontbreekt[1] and "Ivo Tee" in ontbreekt[1]
    )
    _akkoord(verzoek, specialist)
    toetsing.toetsverzoek_intrekken(verzoek=ict, door=pl, reden="ICT zit al in het team.")
    assert workflow.ontbrekend(traject, Stap.S7) == []


def test_the_condition_costs_one_query(traject, pl, plan, specialist, django_assert_num_queries):
    _aanvragen(traject, pl, specialist)
    with django_assert_num_queries(1):
        workflow.ontbrekend(traject, Stap.S7)
