"""Role changes other apps must hear of, without `trajecten` importing them: a registry.

An app that builds on `trajecten` registers, in its `AppConfig.ready()`, a function for a role:

    from trajecten.rolwijzigingen import registreer_rolwijziging


    @registreer_rolwijziging(Rol.KLANTREISCOACH)
    def coachrol_vastleggen(*, teamlid, door, toegekend: bool) -> None: ...

The team services (`teamlid_toevoegen`, `teamlid_verwijderen`) call every function registered for the
role, inside their transaction, after the membership was written or deleted (`toegekend`: given or
taken). A function that raises undoes the change, so what it records is never out of step with the team.
klantreis uses it to put every grant and revocation of the klantreiscoach role, which opens the
interview notes, in the privacy log and before the privacy officer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .choices import Rol

if TYPE_CHECKING:
    from wasstraat.accounts.models import User

    from .models import Teamlid

Luisteraar = Callable[..., None]  # (*, teamlid: Teamlid, door: User, toegekend: bool) -> None
_luisteraars: dict[Rol, list[Luisteraar]] = {}


def registreer_rolwijziging(rol: Rol) -> Callable[[Luisteraar], Luisteraar]:
    """Register a function to be called whenever someone gets or loses `rol` in a trajectory."""

    def decorator(functie: Luisteraar) -> Luisteraar:
        lijst = _luisteraars.setdefault(Rol(rol), [])
        if functie not in lijst:
            lijst.append(functie)
        return functie

    return decorator


def rolwijziging_melden(*, teamlid: Teamlid, door: User, toegekend: bool) -> None:
    """Call the functions registered for `teamlid.rol` (the team services do, in their transaction)."""
    for functie in _luisteraars.get(Rol(teamlid.rol), []):
        functie(teamlid=teamlid, door=door, toegekend=toegekend)
