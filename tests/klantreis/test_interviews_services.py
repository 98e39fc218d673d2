"""The interview services: only the klantreiscoach, a journey first, the personal-data refusal, and the
privacy log (who, when, what; field names, never content) and the timeline (never notes or pseudonym)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from klantreis import privacy
from klantreis.choices import ROLHANDELINGEN, Handeling, Klanttype, Toestemming
from klantreis.models import Interview, InterviewLog, Inzicht
from tests.factories import zet_stappen
from tests.klantreis.factories import InterviewFactory, InzichtFactory, KlantreisFactory
from trajecten.choices import GebeurtenisSoort, Rol, TrajectStatus
from trajecten.models import Gebeurtenis
from trajecten.services import WorkflowFout

pytestmark = pytest.mark.django_db

NOTITIES = "Mevrouw belde drie keer; de website noemde de bijlagen niet."
PSEUDONIEM = "Inwoner Zeeland-7"
NIET_DE_COACH = [r.value for r in Rol if r != Rol.KLANTREISCOACH] + ["management", "buitenstaander"]


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def coach(gebruikers):
    return gebruikers[Rol.KLANTREISCOACH]


@pytest.fixture
def reis(traject):
    return KlantreisFactory(traject=traject)


@pytest.fixture
def interview(reis, coach):
    return InterviewFactory(klantreis=reis, pseudoniem=PSEUDONIEM, notities=NOTITIES, aangemaakt_door=coach)


def velden(**anders) -> dict:
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    return {
        "datum": gisteren,
        "klanttype": Klanttype.ONDERNEMER,
        "pseudoniem": PSEUDONIEM,
        "toestemming_wijze": Toestemming.MONDELING,
        "toestemming_op": gisteren,
        "notities": NOTITIES,
        "kerninzichten": "Bijlagen onduidelijk\nWil status kunnen volgen",
        **anders,
    }


def over_interviews():
    """The privacy log without the entries about the klantreiscoach role (the team fixture gives one)."""
    return InterviewLog.objects.exclude(handeling__in=ROLHANDELINGEN)


def logregels(**filters) -> list[InterviewLog]:
    return list(over_interviews().filter(**filters).order_by("pk"))


def tijdlijn(traject) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.KLANTREIS).order_by("pk"))


def zonder_persoonsgegevens(gebeurtenis: Gebeurtenis) -> None:
    inhoud = f"{gebeurtenis.omschrijving} {gebeurtenis.gegevens} {gebeurtenis.reden}"
    assert PSEUDONIEM not in inhoud
    assert "belde" not in inhoud and "bijlagen" not in inhoud.lower()


# --- recording ----------------------------------------------------------------------------------


def test_the_coach_records_an_interview_and_it_is_logged_without_its_content(traject, reis, coach):
    interview = privacy.interview_aanmaken(traject=traject, door=coach, **velden())
    assert interview.klantreis == reis and interview.aangemaakt_door == coach
    [regel] = logregels()
    assert regel.handeling == Handeling.AANGEMAAKT
    assert regel.actor == coach and regel.traject == traject and regel.interview == interview
    assert regel.interview_label == str(interview) and PSEUDONIEM in regel.interview_label
    assert abs(regel.tijdstip - timezone.now()) < dt.timedelta(minutes=1)
    assert "notes" in regel.omschrijving and "key insights" in regel.omschrijving
    assert "belde" not in regel.omschrijving and "Bijlagen" not in regel.omschrijving


def test_the_timeline_says_an_interview_was_recorded_but_not_by_whom_or_what(traject, reis, coach):
    privacy.interview_aanmaken(traject=traject, door=coach, **velden())
    [gebeurtenis] = tijdlijn(traject)
    assert "interview was recorded" in gebeurtenis.omschrijving
    assert gebeurtenis.stap == "4"
    zonder_persoonsgegevens(gebeurtenis)


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_records_an_interview(traject, reis, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        privacy.interview_aanmaken(traject=traject, door=gebruikers[rol], **velden())
    assert not Interview.objects.exists() and not over_interviews().exists()


def test_an_interview_needs_the_journey_first(traject, coach):
    with pytest.raises(WorkflowFout, match="target group"):
        privacy.interview_aanmaken(traject=traject, door=coach, **velden())
    assert not over_interviews().exists()


@pytest.mark.parametrize("status", [TrajectStatus.GESTOPT, TrajectStatus.AFGEROND])
def test_a_closed_trajectory_takes_no_new_interviews(traject, reis, coach, status):
    zet_stappen(traject, {}, traject_status=status)
    with pytest.raises(WorkflowFout):
        privacy.interview_aanmaken(traject=traject, door=coach, **velden())


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("pseudoniem", "BSN 123456782"),
        ("pseudoniem", "06-12345678"),
        ("pseudoniem", "piet@example.nl"),
        ("notities", "Zijn BSN is 1112 22 333, bellen op +31 6 12345678."),
        ("notities", "Mailt liever: j.de.vries@gemeente.example.nl"),
        ("kerninzichten", "Terugbellen op (020) 123 45 67"),
    ],
)
def test_personal_data_is_refused_at_its_field_and_nothing_is_saved_or_logged(
    traject, reis, coach, veld, waarde
):
    with pytest.raises(ValidationError) as fout:
        privacy.interview_aanmaken(traject=traject, door=coach, **velden(**{veld: waarde}))
    assert set(fout.value.error_dict) == {veld}
    assert not Interview.objects.exists() and not over_interviews().exists()
    assert not tijdlijn(traject)


def test_consent_after_the_interview_is_refused(traject, reis, coach):
    na_het_gesprek = timezone.localdate()  # the interview (velden) was yesterday
    with pytest.raises(ValidationError) as fout:
        privacy.interview_aanmaken(traject=traject, door=coach, **velden(toestemming_op=na_het_gesprek))
    assert set(fout.value.error_dict) == {"toestemming_op"}


def test_an_unknown_field_is_a_programming_error(traject, reis, coach):
    with pytest.raises(ValueError):
        privacy.interview_aanmaken(traject=traject, door=coach, **velden(aangemaakt_door=coach))


# --- changing -----------------------------------------------------------------------------------


def test_a_change_logs_which_fields_changed_never_their_content(traject, interview, coach):
    nieuw = "Na het gesprek: wil een bevestiging per brief."
    privacy.interview_wijzigen(
        interview=interview, door=coach, notities=nieuw, klanttype=Klanttype.ORGANISATIE
    )
    interview.refresh_from_db()
    assert interview.notities == nieuw and interview.klanttype == Klanttype.ORGANISATIE
    [regel] = logregels(handeling=Handeling.GEWIJZIGD)
    assert regel.actor == coach and regel.interview == interview
    assert "notes" in regel.omschrijving and "customer type" in regel.omschrijving
    assert "brief" not in regel.omschrijving and "organisation" not in regel.omschrijving.lower()
    [gebeurtenis] = tijdlijn(traject)
    assert "notes" in gebeurtenis.omschrijving
    zonder_persoonsgegevens(gebeurtenis)
    assert "brief" not in str(gebeurtenis.gegevens)


def test_saving_without_a_change_logs_nothing(interview, coach):
    privacy.interview_wijzigen(interview=interview, door=coach, notities=NOTITIES, pseudoniem=PSEUDONIEM)
    assert not over_interviews().exists()


def test_a_changed_pseudonym_is_named_as_a_field_only(traject, interview, coach):
    privacy.interview_wijzigen(interview=interview, door=coach, pseudoniem="Ondernemer B")
    [regel] = logregels()
    assert regel.omschrijving == "Changed: pseudonym."
    assert regel.interview_label.startswith("Ondernemer B")
    assert "Ondernemer B" not in tijdlijn(traject)[0].omschrijving


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_changes_an_interview(interview, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        privacy.interview_wijzigen(interview=interview, door=gebruikers[rol], notities="Anders.")
    interview.refresh_from_db()
    assert interview.notities == NOTITIES and not over_interviews().exists()


def test_personal_data_in_a_change_is_refused(interview, coach):
    with pytest.raises(ValidationError) as fout:
        privacy.interview_wijzigen(interview=interview, door=coach, notities="BSN 111222333")
    assert set(fout.value.error_dict) == {"notities"}
    interview.refresh_from_db()
    assert interview.notities == NOTITIES and not over_interviews().exists()


def test_deleted_notes_cannot_be_written_again_but_the_rest_can_change(interview, coach):
    Interview.objects.filter(pk=interview.pk).update(notities="", notities_verwijderd_op=timezone.now())
    with pytest.raises(ValidationError) as fout:
        privacy.interview_wijzigen(interview=interview, door=coach, notities="Toch weer notities.")
    assert set(fout.value.error_dict) == {"notities"}
    privacy.interview_wijzigen(interview=interview, door=coach, notities="", kerninzichten="Nieuw inzicht")
    interview.refresh_from_db()
    assert interview.notities == "" and interview.kerninzichten == "Nieuw inzicht"


def test_a_change_to_an_interview_deleted_meanwhile_is_refused(interview, coach):
    Interview.objects.filter(pk=interview.pk).delete()
    with pytest.raises(WorkflowFout):
        privacy.interview_wijzigen(interview=interview, door=coach, notities="Anders.")


def test_a_closed_trajectory_keeps_its_interviews_unchanged(traject, interview, coach):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    with pytest.raises(WorkflowFout):
        privacy.interview_wijzigen(interview=interview, door=coach, notities="Anders.")


# --- viewing and exporting ----------------------------------------------------------------------


def test_every_view_is_logged(traject, interview, coach):
    privacy.interview_bekijken(interview=interview, door=coach)
    privacy.interview_bekijken(interview=interview, door=coach, bewerken=True)
    regels = logregels(handeling=Handeling.BEKEKEN)
    assert len(regels) == 2
    assert all(r.actor == coach and r.interview == interview and r.traject == traject for r in regels)
    assert "edit" in regels[1].omschrijving


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_views_the_notes(interview, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        privacy.interview_bekijken(interview=interview, door=gebruikers[rol])
    assert not over_interviews().exists()


def test_the_export_holds_every_interview_and_logs_one_entry_per_interview(traject, reis, interview, coach):
    tweede = InterviewFactory(klantreis=reis, pseudoniem="Ondernemer 2", notities="Kort gesprek.")
    InterviewFactory(pseudoniem="Van een ander traject")
    rijen = privacy.interviews_exporteren(traject=traject, door=coach)
    kop, *data = rijen
    assert kop[:3] == ["Date", "Customer type", "Pseudonym"]
    assert "Notes" in kop and "Key insights" in kop
    assert {rij[2] for rij in data} == {PSEUDONIEM, "Ondernemer 2"}
    assert any(NOTITIES in rij for rij in data)
    regels = logregels(handeling=Handeling.GEEXPORTEERD)
    assert {r.interview for r in regels} == {interview, tweede}
    assert all(r.actor == coach and r.traject == traject and "2 interviews" in r.omschrijving for r in regels)


def test_an_export_without_interviews_logs_nothing(traject, reis, coach):
    assert len(privacy.interviews_exporteren(traject=traject, door=coach)) == 1  # the header only
    assert not over_interviews().exists()


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_exports(traject, interview, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        privacy.interviews_exporteren(traject=traject, door=gebruikers[rol])
    assert not over_interviews().exists()


# --- deleting -----------------------------------------------------------------------------------


def test_deleting_keeps_the_log_with_the_label_and_the_shared_insights(traject, reis, interview, coach):
    privacy.interview_bekijken(interview=interview, door=coach)
    inzicht = privacy.inzicht_delen(interview=interview, door=coach, tekst="Bijlagen onduidelijk")
    label = str(interview)
    privacy.interview_verwijderen(interview=interview, door=coach)
    assert not Interview.objects.exists()
    bekeken, verwijderd = logregels()
    assert bekeken.interview is None and bekeken.interview_label == label  # the earlier row survives
    assert verwijderd.handeling == Handeling.VERWIJDERD and verwijderd.actor == coach
    assert verwijderd.interview is None and verwijderd.interview_label == label
    assert "1 shared insight kept" in verwijderd.omschrijving
    inzicht.refresh_from_db()
    assert inzicht.interview is None and inzicht.klantreis == reis
    gebeurtenis = tijdlijn(traject)[-1]
    assert "interview was deleted" in gebeurtenis.omschrijving
    zonder_persoonsgegevens(gebeurtenis)


def test_personal_data_can_be_erased_in_a_stopped_trajectory(traject, interview, coach):
    zet_stappen(traject, {}, traject_status=TrajectStatus.GESTOPT)
    privacy.interview_verwijderen(interview=interview, door=coach)
    assert not Interview.objects.exists()
    assert logregels(handeling=Handeling.VERWIJDERD)


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_deletes_an_interview(interview, gebruikers, rol):
    with pytest.raises(PermissionDenied):
        privacy.interview_verwijderen(interview=interview, door=gebruikers[rol])
    assert Interview.objects.filter(pk=interview.pk).exists() and not over_interviews().exists()


def test_the_privacy_log_is_append_only(interview, coach):
    privacy.interview_bekijken(interview=interview, door=coach)
    regel = over_interviews().get()
    regel.omschrijving = "Vervalst."
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.delete()
    with pytest.raises(PermissionError):
        InterviewLog.objects.all().delete()
    with pytest.raises(PermissionError):
        InterviewLog.objects.update(omschrijving="Vervalst.")


# --- insights -----------------------------------------------------------------------------------


def test_the_coach_shares_an_insight_with_the_journey(traject, reis, interview, coach):
    inzicht = privacy.inzicht_delen(interview=interview, door=coach, tekst="  Bijlagen onduidelijk  ")
    assert inzicht.klantreis == reis and inzicht.interview == interview and inzicht.gedeeld_door == coach
    assert inzicht.tekst == "Bijlagen onduidelijk"
    gebeurtenis = tijdlijn(traject)[-1]
    assert "Bijlagen onduidelijk" in gebeurtenis.omschrijving  # the insight is for the team
    assert PSEUDONIEM not in gebeurtenis.omschrijving and "belde" not in gebeurtenis.omschrijving


@pytest.mark.parametrize(
    "tekst", ["", "   ", "Bel haar op 06-12345678", "BSN 123456782", "mail naar jan@example.nl"]
)
def test_an_empty_or_personal_insight_is_refused(interview, coach, tekst):
    with pytest.raises(ValidationError) as fout:
        privacy.inzicht_delen(interview=interview, door=coach, tekst=tekst)
    assert set(fout.value.error_dict) == {"tekst"}
    assert not Inzicht.objects.exists()


def test_the_same_insight_is_shared_once(interview, coach):
    privacy.inzicht_delen(interview=interview, door=coach, tekst="Bijlagen onduidelijk")
    with pytest.raises(ValidationError) as fout:
        privacy.inzicht_delen(interview=interview, door=coach, tekst="Bijlagen onduidelijk")
    assert set(fout.value.error_dict) == {"tekst"}
    assert Inzicht.objects.count() == 1


@pytest.mark.parametrize("rol", NIET_DE_COACH)
def test_nobody_but_the_coach_shares_or_removes_insights(reis, interview, gebruikers, rol):
    inzicht = InzichtFactory(klantreis=reis, interview=interview)
    with pytest.raises(PermissionDenied):
        privacy.inzicht_delen(interview=interview, door=gebruikers[rol], tekst="Iets nieuws")
    with pytest.raises(PermissionDenied):
        privacy.inzicht_verwijderen(inzicht=inzicht, door=gebruikers[rol])
    assert list(Inzicht.objects.all()) == [inzicht]


def test_the_coach_takes_an_insight_off_the_journey(traject, reis, coach):
    inzicht = InzichtFactory(klantreis=reis, tekst="Wachttijd onbekend")
    privacy.inzicht_verwijderen(inzicht=inzicht, door=coach)
    assert not Inzicht.objects.exists()
    assert "Wachttijd onbekend" in tijdlijn(traject)[-1].omschrijving
