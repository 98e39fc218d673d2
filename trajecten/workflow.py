"""The wasstraat as a state machine: one declarative table, used by the guards, the page and the tests.

Each step has a status (niet gestart, bezig, afgerond, overgeslagen). The table says per step which steps
must be done (completed or validly skipped) before it may start, which roles may start, complete, skip
and reopen it, and whether the method allows skipping it. What must exist before a step may be completed
(its *completion condition*) is registered by the app that holds that step's content, in its
``AppConfig.ready()``, so this module never imports the apps that build on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Rol, Stap, StapActie, StapStatusKeuze, TrajectStatus

if TYPE_CHECKING:
    from .models import Traject

S = Stap
R = Rol


@dataclass(frozen=True)
class StapRegel:
    """The rule of one step."""

    stap: Stap
    vereist: tuple[Stap, ...]
    afronden_door: frozenset[Rol]
    voorwaarde: str
    mag_overslaan: bool = False
    overslaan_uitleg: str = ""
    starten_door: frozenset[Rol] = field(default=frozenset())

    def rollen_voor(self, actie: StapActie) -> frozenset[Rol]:
        """Who may perform `actie` on this step. The projectleider may always start a step."""
        if actie == StapActie.START:
            return self.afronden_door | {R.PROJECTLEIDER} | self.starten_door
        return self.afronden_door


def _regel(stap, vereist, door, voorwaarde, **kwargs) -> StapRegel:
    return StapRegel(
        stap=stap,
        vereist=tuple(vereist),
        afronden_door=frozenset(door),
        voorwaarde=voorwaarde,
        **kwargs,
    )


WORKFLOW: Mapping[Stap, StapRegel] = {
    r.stap: r
    for r in (
        _regel(
            S.S1,
            [],
            [R.PROJECTLEIDER],
            gettext_lazy("Sponsor, process owner and project leader assigned; start session recorded."),
        ),
        _regel(
            S.S2,
            [S.S1],
            [R.PROCESEIGENAAR],
            gettext_lazy(
                "At least one complete KPI (definition, unit, direction, baseline, target), "
                "approved by the process owner."
            ),
        ),
        _regel(
            S.S3A,
            [S.S1],
            [R.PROCESADVISEUR],
            gettext_lazy("A version of the current process with steps exists."),
        ),
        _regel(
            S.S3B,
            [S.S3A],
            [R.PROCESADVISEUR],
            gettext_lazy(
                "The current process has been checked by the invited employees and marked as checked."
            ),
            mag_overslaan=True,
            overslaan_uitleg=gettext_lazy(
                'For a simple process, 3a and 3b may be combined ("3a en 3b samengevoegd").'
            ),
        ),
        _regel(
            S.S4,
            [S.S1],
            [R.KLANTREISCOACH],
            gettext_lazy(
                "A journey with interviews and a current and desired journey, or an alternative "
                "source with a reason."
            ),
        ),
        _regel(
            S.S5,
            [S.S3A, S.S3B],
            [R.PROJECTLEIDER],
            gettext_lazy("A serviceformule is chosen and every P is assessed."),
        ),
        _regel(
            S.S6,
            [S.S2, S.S3A, S.S3B, S.S4, S.S5],
            [R.PROJECTLEIDER],
            gettext_lazy(
                "Every improvement point is accepted into an action, merged or rejected with a "
                "reason; every action is a quick win or long term."
            ),
        ),
        _regel(
            S.S7,
            [S.S6],
            [R.PROJECTLEIDER],
            gettext_lazy("Every requested specialist has given a verdict."),
        ),
        _regel(
            S.S8,
            [S.S7],
            [R.PROJECTLEIDER],
            gettext_lazy("Every verdict is processed and the plan is frozen as a numbered version."),
        ),
        _regel(
            S.S9,
            [S.S8],
            [R.PROCESEIGENAAR],
            gettext_lazy("The process owner decided per action and fixed priority, owner and planning."),
        ),
        _regel(
            S.S10,
            [S.S9],
            [R.PROCESEIGENAAR],
            gettext_lazy("All adopted actions done or cancelled with a reason, and the evaluation held."),
        ),
    )
}

STAPPEN: tuple[Stap, ...] = tuple(WORKFLOW)

Voorwaarde = Callable[["Traject"], list[str]]
_voorwaarden: dict[Stap, list[Voorwaarde]] = {}


def registreer_voorwaarde(stap: Stap) -> Callable[[Voorwaarde], Voorwaarde]:
    """Register a completion condition: a function returning what is still missing (empty = met)."""

    def decorator(functie: Voorwaarde) -> Voorwaarde:
        lijst = _voorwaarden.setdefault(stap, [])
        if functie not in lijst:
            lijst.append(functie)
        return functie

    return decorator


def voorwaarde_verwijderen(stap: Stap, functie: Voorwaarde) -> None:
    """Unregister a completion condition (used by tests that plug in their own)."""
    if functie in _voorwaarden.get(stap, []):
        _voorwaarden[stap].remove(functie)


def ontbrekend(traject: Traject, stap: Stap) -> list[str]:
    """What is still missing before `stap` may be completed, as messages for the user."""
    functies = _voorwaarden.get(stap)
    if not functies:
        return [_("The content of this step is not available in this version of Wasstraat yet.")]
    return [bericht for functie in functies for bericht in functie(traject)]


def afhankelijke_stappen(stap: Stap) -> list[Stap]:
    """Every step that depends on `stap`, directly or through other steps, in table order."""
    geraakt = {stap}
    for kandidaat in STAPPEN:
        if any(v in geraakt for v in WORKFLOW[kandidaat].vereist):
            geraakt.add(kandidaat)
    return [s for s in STAPPEN if s in geraakt and s != stap]


def weigeringen(
    *,
    stap: Stap,
    actie: StapActie,
    traject_status: str,
    statussen: Mapping[Stap, str],
    rollen: Iterable[str],
    reden: str = "",
) -> list[str]:
    """Why `actie` on `stap` is not allowed now (empty list: allowed), apart from completion conditions.

    A pure function of the trajectory's state, so the same rule serves the service, the buttons on the
    page and the exhaustive tests.
    """
    regel = WORKFLOW[stap]
    status = StapStatusKeuze(statussen[stap])
    fouten: list[str] = []
    if traject_status == TrajectStatus.GEPAUZEERD:
        fouten.append(_("The trajectory is paused; resume it first."))
    elif traject_status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        fouten.append(
            _("The trajectory is %(status)s; its steps can no longer change.")
            % {"status": TrajectStatus(traject_status).label.lower()}
        )
    toegestaan = regel.rollen_voor(actie)
    if not toegestaan.intersection(rollen):
        fouten.append(
            _("Only the %(rollen)s may do this.")
            % {"rollen": _(" or the ").join(str(Rol(r).label).lower() for r in sorted(toegestaan))}
        )
    fouten.extend(_status_weigeringen(regel, actie, status, statussen, reden))
    return fouten


def _status_weigeringen(
    regel: StapRegel,
    actie: StapActie,
    status: StapStatusKeuze,
    statussen: Mapping[Stap, str],
    reden: str,
) -> list[str]:
    open_vereist = [v for v in regel.vereist if not StapStatusKeuze(statussen[v]).is_klaar]
    vereist_bericht = _("First finish step %(stappen)s.") % {
        "stappen": ", ".join(v.value for v in open_vereist)
    }
    fouten: list[str] = []
    if actie == StapActie.START:
        if status != StapStatusKeuze.NIET_GESTART:
            fouten.append(_("This step has already been started."))
        if open_vereist:
            fouten.append(vereist_bericht)
    elif actie == StapActie.AFRONDEN:
        if status != StapStatusKeuze.BEZIG:
            fouten.append(_("Only a step in progress can be completed."))
    elif actie == StapActie.OVERSLAAN:
        if not regel.mag_overslaan:
            fouten.append(_("The method does not allow skipping this step."))
        elif status.is_klaar:
            fouten.append(_("This step is already completed or skipped."))
        if open_vereist:
            fouten.append(vereist_bericht)
        if not reden.strip():
            fouten.append(_("Give the reason for skipping this step."))
    elif actie == StapActie.HEROPENEN:
        if not status.is_klaar:
            fouten.append(_("Only a completed or skipped step can be reopened."))
        if not reden.strip():
            fouten.append(_("Give the reason for reopening this step."))
    return fouten


NIEUWE_STATUS: Mapping[StapActie, StapStatusKeuze] = {
    StapActie.START: StapStatusKeuze.BEZIG,
    StapActie.AFRONDEN: StapStatusKeuze.AFGEROND,
    StapActie.OVERSLAAN: StapStatusKeuze.OVERGESLAGEN,
    StapActie.HEROPENEN: StapStatusKeuze.BEZIG,
}
