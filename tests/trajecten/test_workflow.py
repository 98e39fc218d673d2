"""The workflow table against SPEC.md, transition by transition.

The cases are generated from the table (`workflow.STAPPEN` × `StapActie` × every starting state) and
each outcome is compared with an expectation computed here from SPEC.md's rules, which are written
out below as literals on purpose: a wrong prerequisite or role in `trajecten.workflow.WORKFLOW` makes
these tests fail instead of being copied into them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from django.utils import timezone

from tests.factories import SessieFactory, TrajectFactory, lid, zet_stappen
from trajecten import services, workflow
from trajecten.choices import (
    GebeurtenisSoort,
    Rol,
    SessieSoort,
    Stap,
    StapActie,
    StapStatusKeuze,
    TrajectStatus,
)
from trajecten.models import Gebeurtenis, StapStatus, Traject
from trajecten.services import WorkflowFout
from trajecten.voorwaarden import projectteam_compleet

K = StapStatusKeuze
A = StapActie

# --- SPEC.md "The ten steps", written out -------------------------------------------------------

#: "may start when": the steps that must be done (completed or validly skipped) first.
VEREIST: dict[str, list[str]] = {
    "1": [],
    "2": ["1"],
    "3a": ["1"],
    "3b": ["3a"],
    "4": ["1"],
    "5": ["3a", "3b"],
    "6": ["2", "3a", "3b", "4", "5"],
    "7": ["6"],
    "8": ["7"],
    "9": ["8"],
    "10": ["9"],
}
#: "who completes it". The same roles skip and reopen it ("by whoever may complete it").
AFRONDEN_DOOR: dict[str, set[str]] = {
    "1": {"projectleider"},
    "2": {"proceseigenaar"},
    "3a": {"procesadviseur"},
    "3b": {"procesadviseur"},
    "4": {"klantreiscoach"},
    "5": {"projectleider"},
    "6": {"projectleider"},
    "7": {"projectleider"},
    "8": {"projectleider"},
    "9": {"proceseigenaar"},
    "10": {"proceseigenaar"},
}
#: Only 3b may be skipped ("3a en 3b samengevoegd"), always with a reason.
OVERSLAANBAAR = {"3b"}
KLAAR = {"afgerond", "overgeslagen"}
STILGEZET = {"gepauzeerd", "gestopt", "afgerond"}
REDEN = "Eenvoudig proces, 3a en 3b samengevoegd."


def mag_rollen(stap: str, actie: str) -> set[str]:
    """Who may do `actie`: the completer; starting also the projectleider, who steers the trajectory."""
    if actie == A.START:
        return AFRONDEN_DOOR[stap] | {"projectleider"}
    return AFRONDEN_DOOR[stap]


def mag_volgens_spec(
    stap: str,
    actie: str,
    statussen: dict[str, str],
    rollen: Iterable[str],
    traject_status: str = "lopend",
    reden: str = REDEN,
) -> bool:
    """The expected outcome, from SPEC.md alone (completion conditions aside)."""
    if traject_status in STILGEZET or not mag_rollen(stap, actie) & set(rollen):
        return False
    eigen = statussen[stap]
    vereisten_klaar = all(statussen[v] in KLAAR for v in VEREIST[stap])
    heeft_reden = bool(reden.strip())
    return {
        A.START: eigen == "niet_gestart" and vereisten_klaar,
        A.AFRONDEN: eigen == "bezig",
        A.OVERSLAAN: stap in OVERSLAANBAAR and eigen not in KLAAR and vereisten_klaar and heeft_reden,
        A.HEROPENEN: eigen in KLAAR and heeft_reden,
    }[actie]


def alle_vereisten(stap: str) -> set[str]:
    """Prerequisites of `stap`, directly and through other steps."""
    return {v for d in VEREIST[stap] for v in {d, *alle_vereisten(d)}}


def afhankelijk_volgens_spec(stap: str) -> list[str]:
    return [s for s in VEREIST if stap in alle_vereisten(s)]


def toestand(**statussen: str) -> dict[str, str]:
    """A state: every step not started, except those given (``s3a="afgerond"``)."""
    basis = dict.fromkeys(VEREIST, "niet_gestart")
    basis.update({naam.removeprefix("s"): status for naam, status in statussen.items()})
    return basis


def klaar_tot(stap: str, **overig: str) -> dict[str, str]:
    """Every (transitive) prerequisite of `stap` completed; `overig` overrides."""
    return toestand(**{**{f"s{v}": "afgerond" for v in alle_vereisten(stap)}, **overig})


def scenarios(stap: str) -> list[tuple[str, dict[str, str]]]:
    """Prerequisite situations: all completed; skippable ones skipped; each one still open."""
    gevallen = [("vereisten_afgerond", klaar_tot(stap))]
    if OVERSLAANBAAR & alle_vereisten(stap):
        gevallen.append(
            ("vereiste_overgeslagen", klaar_tot(stap, **{f"s{s}": "overgeslagen" for s in OVERSLAANBAAR}))
        )
    for open_stap in VEREIST[stap]:
        for open_status in ("niet_gestart", "bezig"):
            state = klaar_tot(stap)
            state[open_stap] = open_status
            for later in afhankelijk_volgens_spec(open_stap):
                state[later] = "niet_gestart"
            gevallen.append((f"{open_stap}_{open_status}", state))
    return gevallen


def weigeringen(
    stap: str,
    actie: str,
    statussen: dict[str, str],
    rollen: Iterable[str],
    traject_status: str = "lopend",
    reden: str = REDEN,
) -> list[str]:
    return workflow.weigeringen(
        stap=Stap(stap),
        actie=StapActie(actie),
        traject_status=traject_status,
        statussen={Stap(s): v for s, v in statussen.items()},
        rollen=rollen,
        reden=reden,
    )


def _gevallen():
    for stap in workflow.STAPPEN:
        for actie in StapActie:
            redenen = [REDEN, "  "] if actie in (A.OVERSLAAN, A.HEROPENEN) else [REDEN]
            for eigen in StapStatusKeuze:
                for naam, vereisten in scenarios(stap.value):
                    statussen = {**vereisten, stap.value: eigen.value}
                    for reden in redenen:
                        yield pytest.param(
                            stap.value,
                            actie.value,
                            statussen,
                            reden,
                            id=f"{stap.value}-{actie.value}-van_{eigen.value}-{naam}"
                            + ("" if reden.strip() else "-zonder_reden"),
                        )


# --- the table itself ---------------------------------------------------------------------------


def test_the_table_has_the_steps_of_the_spec_in_order():
    assert [s.value for s in workflow.STAPPEN] == list(VEREIST)


@pytest.mark.parametrize("stap", list(VEREIST))
def test_the_table_says_what_the_spec_says_about_each_step(stap):
    regel = workflow.WORKFLOW[Stap(stap)]
    assert sorted(v.value for v in regel.vereist) == sorted(VEREIST[stap])
    assert set(regel.afronden_door) == AFRONDEN_DOOR[stap]
    assert regel.mag_overslaan == (stap in OVERSLAANBAAR)
    assert str(regel.voorwaarde)


@pytest.mark.parametrize("stap", list(VEREIST))
def test_reopening_a_step_reaches_exactly_the_steps_that_depend_on_it(stap):
    assert [s.value for s in workflow.afhankelijke_stappen(Stap(stap))] == afhankelijk_volgens_spec(stap)


def test_the_dependants_of_3a_are_3b_5_and_everything_after_6_but_not_2_or_4():
    assert [s.value for s in workflow.afhankelijke_stappen(Stap.S3A)] == ["3b", "5", "6", "7", "8", "9", "10"]


def test_every_step_depends_on_step_1():
    assert workflow.afhankelijke_stappen(Stap.S1) == [s for s in workflow.STAPPEN if s != Stap.S1]


# --- every transition, pure ---------------------------------------------------------------------


@pytest.mark.parametrize(("stap", "actie", "statussen", "reden"), list(_gevallen()))
def test_every_transition_is_allowed_or_refused_as_the_spec_says(stap, actie, statussen, reden):
    rollen = AFRONDEN_DOOR[stap]
    fouten = weigeringen(stap, actie, statussen, rollen, reden=reden)
    verwacht = mag_volgens_spec(stap, actie, statussen, rollen, reden=reden)
    assert (not fouten) == verwacht, fouten
    assert all(isinstance(f, str) and f for f in fouten)


@pytest.mark.parametrize("stap", workflow.STAPPEN, ids=str)
@pytest.mark.parametrize("actie", StapActie, ids=str)
@pytest.mark.parametrize("rol", [*Rol, None], ids=str)
def test_only_the_roles_of_the_spec_may_move_a_step(stap, actie, rol):
    eigen = {
        A.START: "niet_gestart",
        A.AFRONDEN: "bezig",
        A.OVERSLAAN: "niet_gestart",
        A.HEROPENEN: "afgerond",
    }[actie]
    statussen = klaar_tot(stap.value, **{f"s{stap.value}": eigen})
    rollen = [rol] if rol else []
    fouten = weigeringen(stap.value, actie, statussen, rollen)
    rol_geweigerd = any(f.startswith("Only the ") and f.endswith(" may do this.") for f in fouten)
    assert rol_geweigerd == (rol not in mag_rollen(stap.value, actie))
    assert (not fouten) == mag_volgens_spec(stap.value, actie, statussen, rollen)


def test_the_role_message_names_who_may():
    fouten = weigeringen("4", A.AFRONDEN, klaar_tot("4", s4="bezig"), [Rol.SPONSOR])
    assert fouten == ["Only the customer journey coach may do this."]


def test_a_person_with_several_roles_may_do_what_each_role_may():
    rollen = [Rol.PROCESADVISEUR, Rol.KLANTREISCOACH]
    statussen = klaar_tot("5", s3a="bezig", s4="bezig")
    assert weigeringen("3a", A.AFRONDEN, statussen, rollen) == []
    assert weigeringen("4", A.AFRONDEN, statussen, rollen) == []
    assert weigeringen("2", A.START, statussen, rollen) != []


@pytest.mark.parametrize("traject_status", sorted(STILGEZET))
@pytest.mark.parametrize("stap", workflow.STAPPEN, ids=str)
@pytest.mark.parametrize("actie", StapActie, ids=str)
def test_a_paused_stopped_or_finished_trajectory_refuses_everything(traject_status, stap, actie):
    eigen = {
        A.START: "niet_gestart",
        A.AFRONDEN: "bezig",
        A.OVERSLAAN: "niet_gestart",
        A.HEROPENEN: "afgerond",
    }[actie]
    statussen = klaar_tot(stap.value, **{f"s{stap.value}": eigen})
    fouten = weigeringen(stap.value, actie, statussen, mag_rollen(stap.value, actie), traject_status)
    verwacht = (
        "The trajectory is paused; resume it first."
        if traject_status == "gepauzeerd"
        else f"The trajectory is {TrajectStatus(traject_status).label.lower()}; "
        "its steps can no longer change."
    )
    assert verwacht in fouten


# --- the cases SPEC.md names, pure ----------------------------------------------------------------

PL, PE, PA, KRC = ["projectleider"], ["proceseigenaar"], ["procesadviseur"], ["klantreiscoach"]


def test_step_4_may_start_while_steps_2_and_3_have_not_started():
    statussen = toestand(s1="afgerond")
    assert weigeringen("4", A.START, statussen, KRC) == []
    assert weigeringen("2", A.START, statussen, PE) == []
    assert weigeringen("3a", A.START, statussen, PA) == []


def test_steps_2_3a_and_4_run_in_parallel():
    statussen = toestand(s1="afgerond", s2="bezig", s3a="bezig", s4="bezig")
    assert weigeringen("2", A.AFRONDEN, statussen, PE) == []
    assert weigeringen("3a", A.AFRONDEN, statussen, PA) == []
    assert weigeringen("4", A.AFRONDEN, statussen, KRC) == []


def test_step_2_refused_before_step_1_is_done():
    assert weigeringen("2", A.START, toestand(s1="bezig"), PE) == ["First finish step 1."]


@pytest.mark.parametrize("drie_b", ["niet_gestart", "bezig"])
def test_step_5_refused_before_3b(drie_b):
    statussen = toestand(s1="afgerond", s3a="afgerond", s3b=drie_b)
    assert weigeringen("5", A.START, statussen, PL) == ["First finish step 3b."]


def test_step_5_allowed_after_3b_skipped():
    statussen = toestand(s1="afgerond", s3a="afgerond", s3b="overgeslagen")
    assert weigeringen("5", A.START, statussen, PL) == []


@pytest.mark.parametrize("open_stap", ["2", "3a", "3b", "4", "5"])
def test_step_6_refused_while_one_of_2_to_5_is_open(open_stap):
    statussen = klaar_tot("6", **{f"s{open_stap}": "bezig"})
    assert weigeringen("6", A.START, statussen, PL) == [f"First finish step {open_stap}."]


def test_step_6_lists_every_open_prerequisite():
    statussen = toestand(s1="afgerond", s2="bezig", s4="bezig")
    assert weigeringen("6", A.START, statussen, PL) == ["First finish step 2, 3a, 3b, 4, 5."]


def test_step_6_allowed_when_3b_skipped_and_the_rest_completed():
    statussen = klaar_tot("6", s3b="overgeslagen")
    assert weigeringen("6", A.START, statussen, PL) == []


def test_skipping_3b_requires_a_reason():
    statussen = toestand(s1="afgerond", s3a="afgerond")
    assert weigeringen("3b", A.OVERSLAAN, statussen, PA, reden=REDEN) == []
    assert weigeringen("3b", A.OVERSLAAN, statussen, PA, reden=" \n") == [
        "Give the reason for skipping this step."
    ]


def test_3b_cannot_be_skipped_before_3a_is_done():
    statussen = toestand(s1="afgerond", s3a="bezig")
    assert weigeringen("3b", A.OVERSLAAN, statussen, PA) == ["First finish step 3a."]


@pytest.mark.parametrize("stap", [s for s in VEREIST if s not in OVERSLAANBAAR])
def test_no_other_step_may_be_skipped(stap):
    statussen = klaar_tot(stap)
    fouten = weigeringen(stap, A.OVERSLAAN, statussen, AFRONDEN_DOOR[stap])
    assert fouten == ["The method does not allow skipping this step."]


@pytest.mark.parametrize("stap", list(VEREIST))
def test_reopening_requires_a_reason(stap):
    statussen = klaar_tot(stap, **{f"s{stap}": "afgerond"})
    assert weigeringen(stap, A.HEROPENEN, statussen, AFRONDEN_DOOR[stap], reden="") == [
        "Give the reason for reopening this step."
    ]


@pytest.mark.parametrize("eigen", ["niet_gestart", "bezig"])
def test_only_a_completed_or_skipped_step_can_be_reopened(eigen):
    statussen = klaar_tot("3a", s3a=eigen)
    assert weigeringen("3a", A.HEROPENEN, statussen, PA) == [
        "Only a completed or skipped step can be reopened."
    ]


def test_a_skipped_step_can_be_reopened():
    statussen = klaar_tot("3b", s3b="overgeslagen")
    assert weigeringen("3b", A.HEROPENEN, statussen, PA) == []


def test_only_a_step_in_progress_can_be_completed():
    assert weigeringen("1", A.AFRONDEN, toestand(), PL) == ["Only a step in progress can be completed."]


def test_a_started_step_cannot_start_again():
    assert weigeringen("1", A.START, toestand(s1="bezig"), PL) == ["This step has already been started."]


# --- the services -------------------------------------------------------------------------------


def _stap_rij(traject: Traject, stap: str) -> StapStatus:
    return traject.stappen.get(stap=stap)


def _statussen(traject: Traject) -> dict[str, str]:
    return dict(traject.stappen.values_list("stap", "status"))


def _uitvoeren(traject: Traject, stap: str, actie: str, door, reden: str = REDEN) -> StapStatus:
    functie = {
        A.START: services.stap_starten,
        A.AFRONDEN: services.stap_afronden,
        A.OVERSLAAN: services.stap_overslaan,
        A.HEROPENEN: services.stap_heropenen,
    }[actie]
    extra = {"reden": reden} if actie in (A.OVERSLAAN, A.HEROPENEN) else {}
    return functie(traject=traject, stap=Stap(stap), door=door, **extra)


@pytest.fixture
def startklaar(traject, gebruikers):
    """The full-team trajectory with a start session that took place and has notes."""
    SessieFactory(traject=traject, soort=SessieSoort.START, notities="Rollen en planning afgesproken.")
    return traject


@pytest.mark.django_db
@pytest.mark.usefixtures("alle_voorwaarden_vervuld")
@pytest.mark.parametrize("stap", workflow.STAPPEN, ids=str)
@pytest.mark.parametrize("actie", StapActie, ids=str)
@pytest.mark.parametrize("eigen", StapStatusKeuze, ids=str)
def test_the_services_follow_the_spec_for_every_step_action_and_status(
    startklaar, gebruikers, stap, actie, eigen
):
    statussen = klaar_tot(stap.value, **{f"s{stap.value}": eigen.value})
    traject = zet_stappen(startklaar, statussen, traject_status=TrajectStatus.LOPEND)
    rol = sorted(AFRONDEN_DOOR[stap.value])[0]
    door = gebruikers[rol]
    aantal = Gebeurtenis.objects.filter(traject=traject).count()
    verwacht = mag_volgens_spec(stap.value, actie, statussen, [rol])
    if verwacht:
        rij = _uitvoeren(traject, stap.value, actie, door)
        assert rij.status == workflow.NIEUWE_STATUS[actie]
        assert _stap_rij(traject, stap.value).status == workflow.NIEUWE_STATUS[actie]
        assert Gebeurtenis.objects.filter(traject=traject).count() > aantal
    else:
        with pytest.raises(WorkflowFout) as fout:
            _uitvoeren(traject, stap.value, actie, door)
        assert fout.value.berichten
        assert _statussen(traject) == statussen
        assert Gebeurtenis.objects.filter(traject=traject).count() == aantal


@pytest.mark.django_db
def test_a_transition_is_recorded_with_who_from_to_and_why(startklaar, gebruikers):
    traject = zet_stappen(
        startklaar, toestand(s1="afgerond", s3a="afgerond"), traject_status=TrajectStatus.LOPEND
    )
    adviseur = gebruikers[Rol.PROCESADVISEUR]
    services.stap_overslaan(traject=traject, stap=Stap.S3B, door=adviseur, reden=REDEN)
    gebeurtenis = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.STAP_TRANSITIE).get()
    assert gebeurtenis.actor == adviseur
    assert (gebeurtenis.stap, gebeurtenis.van_status, gebeurtenis.naar_status) == (
        "3b",
        "niet_gestart",
        "overgeslagen",
    )
    assert gebeurtenis.reden == REDEN
    assert gebeurtenis.gegevens == {"actie": "overslaan"}
    assert gebeurtenis.tijdstip is not None
    rij = _stap_rij(traject, "3b")
    assert rij.reden == REDEN and rij.afgerond_op is not None


@pytest.mark.django_db
def test_the_first_start_moves_a_draft_to_running(traject, gebruikers):
    assert traject.status == TrajectStatus.CONCEPT
    services.stap_starten(traject=traject, stap=Stap.S1, door=gebruikers[Rol.PROJECTLEIDER])
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.LOPEND
    status = Gebeurtenis.objects.get(traject=traject, soort=GebeurtenisSoort.TRAJECT_STATUS)
    assert (status.van_status, status.naar_status) == ("concept", "lopend")
    stap = Gebeurtenis.objects.get(traject=traject, soort=GebeurtenisSoort.STAP_TRANSITIE)
    assert (stap.stap, stap.van_status, stap.naar_status) == ("1", "niet_gestart", "bezig")
    assert _stap_rij(traject, "1").gestart_op is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("alle_voorwaarden_vervuld")
def test_completing_step_10_finishes_the_trajectory(traject, gebruikers):
    alles = {s: "afgerond" for s in VEREIST}
    traject = zet_stappen(traject, {**alles, "10": "bezig"}, traject_status=TrajectStatus.LOPEND)
    services.stap_afronden(traject=traject, stap=Stap.S10, door=gebruikers[Rol.PROCESEIGENAAR])
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.AFGEROND
    assert Gebeurtenis.objects.filter(
        traject=traject, soort=GebeurtenisSoort.TRAJECT_STATUS, naar_status="afgerond"
    ).exists()
    with pytest.raises(WorkflowFout):
        services.stap_heropenen(
            traject=traject, stap=Stap.S10, door=gebruikers[Rol.PROCESEIGENAAR], reden=REDEN
        )


@pytest.mark.django_db
def test_reopening_3a_sends_3b_5_and_later_back_but_leaves_2_and_4(traject, gebruikers):
    statussen = {
        **dict.fromkeys(VEREIST, "afgerond"),
        "3b": "overgeslagen",
        "7": "bezig",
        "8": "niet_gestart",
        "9": "niet_gestart",
        "10": "niet_gestart",
    }
    traject = zet_stappen(traject, statussen, traject_status=TrajectStatus.LOPEND)
    StapStatus.objects.filter(traject=traject, stap="3b").update(reden=REDEN)
    services.stap_heropenen(
        traject=traject,
        stap=Stap.S3A,
        door=gebruikers[Rol.PROCESADVISEUR],
        reden="Er ontbrak een processtap.",
    )
    assert _statussen(traject) == {
        **dict.fromkeys(VEREIST, "niet_gestart"),
        "1": "afgerond",
        "2": "afgerond",
        "4": "afgerond",
        "3a": "bezig",
    }
    teruggezet = Gebeurtenis.objects.filter(traject=traject, soort=GebeurtenisSoort.STAP_TRANSITIE)
    assert sorted(teruggezet.values_list("stap", flat=True)) == sorted(["3a", "3b", "5", "6", "7"])
    drie_b = teruggezet.get(stap="3b")
    assert (drie_b.van_status, drie_b.naar_status) == ("overgeslagen", "niet_gestart")
    assert "step 3a was reopened" in drie_b.reden and "Er ontbrak een processtap." in drie_b.reden
    assert _stap_rij(traject, "3b").reden == ""


@pytest.mark.django_db
def test_reopening_step_1_resets_every_other_step(traject, gebruikers):
    traject = zet_stappen(
        traject, {**dict.fromkeys(VEREIST, "afgerond"), "10": "bezig"}, traject_status=TrajectStatus.LOPEND
    )
    services.stap_heropenen(
        traject=traject,
        stap=Stap.S1,
        door=gebruikers[Rol.PROJECTLEIDER],
        reden="De proceseigenaar is vertrokken.",
    )
    assert _statussen(traject) == {**dict.fromkeys(VEREIST, "niet_gestart"), "1": "bezig"}
    rijen = traject.stappen.exclude(stap="1")
    assert not rijen.exclude(gestart_op=None).exists()
    assert not rijen.exclude(afgerond_op=None).exists()


@pytest.mark.django_db
def test_only_who_may_complete_a_step_may_reopen_it(traject, gebruikers):
    traject = zet_stappen(traject, klaar_tot("3b", s3a="afgerond"), traject_status=TrajectStatus.LOPEND)
    with pytest.raises(WorkflowFout) as fout:
        services.stap_heropenen(
            traject=traject, stap=Stap.S3A, door=gebruikers[Rol.PROJECTLEIDER], reden=REDEN
        )
    assert fout.value.berichten == ["Only the process adviser (lean) may do this."]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [r for r in Rol if r != Rol.PROJECTLEIDER] + ["buitenstaander", "management"])
def test_every_role_that_may_not_start_step_1_is_refused_with_the_message(traject, gebruikers, rol):
    with pytest.raises(WorkflowFout) as fout:
        services.stap_starten(traject=traject, stap=Stap.S1, door=gebruikers[rol])
    assert fout.value.berichten == ["Only the project leader may do this."]
    assert str(fout.value) == "Only the project leader may do this."
    assert _stap_rij(traject, "1").status == "niet_gestart"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("traject_status", "bericht"),
    [
        ("gepauzeerd", "The trajectory is paused; resume it first."),
        ("gestopt", "The trajectory is stopped; its steps can no longer change."),
        ("afgerond", "The trajectory is finished; its steps can no longer change."),
    ],
)
def test_the_services_refuse_every_step_move_in_a_halted_trajectory(
    traject, gebruikers, traject_status, bericht
):
    traject = zet_stappen(traject, {"1": "bezig"}, traject_status=traject_status)
    pl = gebruikers[Rol.PROJECTLEIDER]
    for actie, stap in [(A.START, "1"), (A.AFRONDEN, "1"), (A.OVERSLAAN, "3b"), (A.HEROPENEN, "1")]:
        with pytest.raises(WorkflowFout) as fout:
            _uitvoeren(traject, stap, actie, pl)
        assert bericht in fout.value.berichten


@pytest.mark.django_db
def test_skipping_through_the_service_requires_a_reason(traject, gebruikers):
    traject = zet_stappen(
        traject, toestand(s1="afgerond", s3a="afgerond"), traject_status=TrajectStatus.LOPEND
    )
    with pytest.raises(WorkflowFout) as fout:
        services.stap_overslaan(
            traject=traject, stap=Stap.S3B, door=gebruikers[Rol.PROCESADVISEUR], reden="   "
        )
    assert fout.value.berichten == ["Give the reason for skipping this step."]


#: Steps whose content, and so whose completion condition, exists already.
MET_INHOUD = (Stap.S1, Stap.S2, Stap.S3A, Stap.S3B, Stap.S4, Stap.S5, Stap.S6, Stap.S7)


@pytest.mark.django_db
@pytest.mark.parametrize("stap", [s for s in workflow.STAPPEN if s not in MET_INHOUD], ids=str)
def test_steps_without_content_cannot_be_completed_yet(traject, gebruikers, stap):
    traject = zet_stappen(
        traject, klaar_tot(stap.value, **{f"s{stap.value}": "bezig"}), traject_status=TrajectStatus.LOPEND
    )
    door = gebruikers[sorted(AFRONDEN_DOOR[stap.value])[0]]
    with pytest.raises(WorkflowFout) as fout:
        services.stap_afronden(traject=traject, stap=stap, door=door)
    assert fout.value.berichten == [
        "The content of this step is not available in this version of Wasstraat yet."
    ]


# --- step 1's completion condition --------------------------------------------------------------


@pytest.fixture
def alleen_projectleider(db):
    """A trajectory whose team is only its creator, the projectleider; step 1 in progress."""
    traject = TrajectFactory()
    services.stap_starten(traject=traject, stap=Stap.S1, door=traject.aangemaakt_door)
    return traject


@pytest.mark.django_db
def test_step_1_reports_every_missing_role_and_the_start_session(alleen_projectleider):
    assert projectteam_compleet(alleen_projectleider) == [
        "Assign a sponsor.",
        "Assign a process owner.",
        "Record the start session (a session of type “start session” that has taken place).",
    ]


@pytest.mark.django_db
def test_step_1_reports_a_missing_project_leader(alleen_projectleider):
    alleen_projectleider.teamleden.all().delete()  # arrange only: the service never allows this
    assert "Assign a project leader." in projectteam_compleet(alleen_projectleider)


@pytest.mark.django_db
def test_step_1_reports_only_what_is_still_missing(alleen_projectleider):
    lid(alleen_projectleider, Rol.SPONSOR)
    assert projectteam_compleet(alleen_projectleider)[0] == "Assign a process owner."
    lid(alleen_projectleider, Rol.PROCESEIGENAAR)
    assert projectteam_compleet(alleen_projectleider) == [
        "Record the start session (a session of type “start session” that has taken place)."
    ]


@pytest.mark.django_db
def test_step_1_does_not_count_a_start_session_in_the_future(alleen_projectleider):
    SessieFactory(
        traject=alleen_projectleider,
        soort=SessieSoort.START,
        notities="Agenda",
        begint_op=timezone.now() + dt.timedelta(days=2),
    )
    assert projectteam_compleet(alleen_projectleider)[-1].startswith("Record the start session")


@pytest.mark.django_db
def test_step_1_does_not_count_another_kind_of_session(alleen_projectleider):
    SessieFactory(traject=alleen_projectleider, soort=SessieSoort.OVERIG, notities="Notities")
    assert projectteam_compleet(alleen_projectleider)[-1].startswith("Record the start session")


@pytest.mark.django_db
def test_step_1_wants_the_notes_of_the_start_session(alleen_projectleider):
    SessieFactory(traject=alleen_projectleider, soort=SessieSoort.START, notities="")
    assert projectteam_compleet(alleen_projectleider)[-1] == "Record the notes of the start session."


@pytest.mark.django_db
def test_step_1_is_refused_with_what_is_missing(alleen_projectleider):
    lid(alleen_projectleider, Rol.SPONSOR)
    with pytest.raises(WorkflowFout) as fout:
        services.stap_afronden(
            traject=alleen_projectleider, stap=Stap.S1, door=alleen_projectleider.aangemaakt_door
        )
    assert fout.value.berichten == [
        "Assign a process owner.",
        "Record the start session (a session of type “start session” that has taken place).",
    ]
    assert _stap_rij(alleen_projectleider, "1").status == "bezig"


@pytest.mark.django_db
def test_step_1_completes_when_its_condition_holds(alleen_projectleider):
    lid(alleen_projectleider, Rol.SPONSOR)
    lid(alleen_projectleider, Rol.PROCESEIGENAAR)
    SessieFactory(traject=alleen_projectleider, soort=SessieSoort.START, notities="Kick-off gehouden.")
    assert projectteam_compleet(alleen_projectleider) == []
    assert workflow.ontbrekend(alleen_projectleider, Stap.S1) == []
    rij = services.stap_afronden(
        traject=alleen_projectleider, stap=Stap.S1, door=alleen_projectleider.aangemaakt_door
    )
    assert rij.status == "afgerond"
    assert rij.afgerond_op is not None
