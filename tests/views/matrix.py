"""Building blocks of the permission matrix: who is who, the SPEC contract, and how a row is written.

Rows for the pages of a step live in their own module (``matrix_<topic>.py``, a dict ``RIJEN``) and
are merged into `MATRIX` in test_permissiematrix.py, so areas can grow without editing one file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.views.conftest import Omgeving
from wasstraat.accounts.models import User

# --- who ----------------------------------------------------------------------------------------

SPONSOR = "sponsor"
PE = "proceseigenaar"
PL = "projectleider"
PA = "procesadviseur"
KRC = "klantreiscoach"
VM = "vakinhoudelijk_medewerker"
TM = "teammanager"
SPECIALIST = "specialist"  # with a discipline (ICT)
MANAGEMENT = "management"  # global group Management: sees every trajectory, read-only
BEHEERDER = "functioneel_beheerder"  # master data only; no member of the trajectory
BUITENSTAANDER = "buitenstaander"  # logged in, no membership anywhere
TOETSER = "toetser"  # a privacy officer outside the team, asked for a review of the plan (step 7)
ANONIEM = "anoniem"

LEDEN = frozenset({SPONSOR, PE, PL, PA, KRC, VM, TM, SPECIALIST})
INGELOGD = LEDEN | {MANAGEMENT, BEHEERDER, BUITENSTAANDER, TOETSER}
PERSONEN = (
    SPONSOR,
    PE,
    PL,
    PA,
    KRC,
    VM,
    TM,
    SPECIALIST,
    MANAGEMENT,
    BEHEERDER,
    BUITENSTAANDER,
    TOETSER,
    ANONIEM,
)

# --- the contract of SPEC.md, "Roles and permissions" ---------------------------------------------

#: "view the trajectory, its team, timeline, ...; download its PDFs": every member; management.
BEKIJKEN = LEDEN | {MANAGEMENT}
#: "Specialists see the plans they were asked to review": a request opens the plan, the trajectory's
#: basics, the process maps and the journey without interview notes — nothing else (404 elsewhere).
TOETSZICHT = BEKIJKEN | {TOETSER}
#: "edit its basics; pause, stop, resume"
BASIS_WIJZIGEN = frozenset({PL, PE})
#: "manage the team"
TEAM_BEHEREN = frozenset({PL, PE})
#: "plan sessions, record their notes": projectleider, procesadviseur; klantreiscoach for journey sessions
SESSIES_PLANNEN = frozenset({PL, PA})
KLANTREISSESSIES_PLANNEN = frozenset({PL, PA, KRC})
#: "record an improvement point; comment": every member
VERBETERPUNT_VASTLEGGEN = LEDEN
#: "create a trajectory": users allowed to lead trajectories (the global group Trajectleiders; in
#: these fixtures only the projectleider, who created the trajectory, is in it)
AANMAKEN = frozenset({PL})

#: Every row of the SPEC's table that the code expresses as a per-trajectory permission, with the
#: roles that hold it. (Not permissions of a role, so not here: "confirm or comment on a map in 3b"
#: (the invited medewerkers), "give a verdict" (the specialist asked), "update an action's progress"
#: for its owner, and interview notes beyond reading; later issues test those where they are built.)
SPEC_CONTRACT: dict[str, frozenset[str]] = {
    "view_traject": LEDEN,
    "vastleggen_verbeterpunt": LEDEN,
    "change_traject": frozenset({PL, PE}),
    "beheer_team": frozenset({PL, PE}),
    "beheer_sessies": frozenset({PL, PA}),
    "beheer_klantreissessies": frozenset({KRC}),
    "beheer_kpis": frozenset({PL, PA, PE, TM}),
    "keur_kpis": frozenset({PE}),
    "bewerk_proces": frozenset({PA, PL}),
    "bewerk_klantreis": frozenset({KRC}),
    "lees_interviews": frozenset({KRC}),
    "beoordeel_6p": frozenset({PL, PE, VM, KRC}),
    "bewerk_verbeterplan": frozenset({PL, PA, KRC, PE}),
    "vraag_toetsing": frozenset({PL}),
    # Given by a review request, not by a role (every member sees the same through view_traject).
    "bekijk_toetsstukken": frozenset(),
    "stel_implementatieplan_op": frozenset({PL, PA}),
    "besluit_implementatie": frozenset({PE}),
    "werk_voortgang_bij": frozenset({PL, TM}),
    "houd_evaluatie": frozenset({PE, PL}),
}

#: The workflow table's "who completes it" column, and the rule that the projectleider may always
#: start a step (so nobody waits for a step's owner to press "start").
SPEC_AFRONDEN_DOOR: dict[str, frozenset[str]] = {
    "1": frozenset({PL}),
    "2": frozenset({PE}),
    "3a": frozenset({PA}),
    "3b": frozenset({PA}),
    "4": frozenset({KRC}),
    "5": frozenset({PL}),
    "6": frozenset({PL}),
    "7": frozenset({PL}),
    "8": frozenset({PL}),
    "9": frozenset({PE}),
    "10": frozenset({PE}),
}

#: Step actions checked through the URL: pairs whose allowed roles differ.
STAP_ACTIES: dict[tuple[str, str], frozenset[str]] = {
    ("1", "start"): frozenset({PL}),
    ("1", "afronden"): frozenset({PL}),
    ("2", "start"): frozenset({PE, PL}),
    ("3a", "heropenen"): frozenset({PA}),
    ("3b", "overslaan"): frozenset({PA}),
    ("4", "start"): frozenset({KRC, PL}),
}


# --- how to make each request ---------------------------------------------------------------------


@dataclass(frozen=True)
class Verzoek:
    kwargs: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)


Voorbereiding = Callable[[Omgeving, User | None], Verzoek]


@dataclass(frozen=True)
class Controle:
    """One request to a URL and who may make it."""

    methode: str  # "get" or "post"
    mogen: frozenset[str]
    voorbereiden: Voorbereiding
    per_traject: bool = True  # a URL inside a trajectory: outsiders get 404
    zicht: frozenset[str] = BEKIJKEN  # who sees the trajectory at this URL (others: 404, not 403)
    publiek: bool = False  # anonymous users get the same answer as the allowed
    naar: str | None = None  # URL name of the expected redirect of a success, when it matters
    antwoord: int | None = None  # the status of a success, if not 200 for GET and 302 for POST

    @property
    def gelukt(self) -> int:
        if self.antwoord is not None:
            return self.antwoord
        return 302 if self.methode == "post" else 200


def get(mogen, voorbereiden: Voorbereiding, **kwargs) -> Controle:
    return Controle("get", frozenset(mogen), voorbereiden, **kwargs)


def post(mogen, voorbereiden: Voorbereiding, **kwargs) -> Controle:
    return Controle("post", frozenset(mogen), voorbereiden, **kwargs)


def _traject(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk})


def _geen(o: Omgeving, _wie) -> Verzoek:
    return Verzoek()
