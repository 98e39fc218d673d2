"""Step 3b: the people who do the work check the map of the current process.

The procesadviseur invites vakinhoudelijk medewerkers and the proceseigenaar to check a current
(*huidig*) version; each invited person confirms it or comments per step, online. The procesadviseur
then marks the version *gecontroleerd*: online once everyone invited has responded, or on the
strength of a 3b session that took place and has notes. What was confirmed and commented is kept and
stays visible afterwards; a checked version no longer takes responses.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wasstraat.accounts.models import User

from ..choices import ControleStatus, GebeurtenisSoort, ProcesSoort, Rol, SessieSoort, Stap, VersieStatus
from ..models import ProcesControle, ProcesStap, ProcesVersie, Sessie, StapOpmerking, Teamlid, Traject
from .traject import WorkflowFout, _vergrendel, gebeurtenis_vastleggen, rollen_van

__all__ = [
    "CONTROLE_ROLLEN",
    "controle_bevestigen",
    "controle_uitnodigen",
    "opmerking_verwijderen",
    "stap_opmerking_plaatsen",
    "versie_gecontroleerd_markeren",
]

#: Who can be asked to check a map (SPEC: "the invited medewerkers and proceseigenaar").
CONTROLE_ROLLEN = (Rol.VAKINHOUDELIJK_MEDEWERKER, Rol.PROCESEIGENAAR)


def _namen(gebruikers: Iterable[User]) -> str:
    return ", ".join(str(g) for g in gebruikers)


def _eis_procesadviseur(traject: Traject, door: User) -> None:
    """3b is the procesadviseur's step (the workflow table); so are inviting and marking."""
    if Rol.PROCESADVISEUR not in rollen_van(traject=traject, gebruiker=door):
        raise PermissionDenied(
            _("Only the process adviser of this trajectory organises the check of a process.")
        )


def _vergrendel_versie(versie: ProcesVersie) -> ProcesVersie:
    """Lock the trajectory, then read the version's fresh state."""
    traject = _vergrendel(versie.traject)
    versie = ProcesVersie.objects.get(pk=versie.pk)
    versie.traject = traject
    return versie


def _eis_open_voor_controle(versie: ProcesVersie) -> None:
    if versie.soort != ProcesSoort.HUIDIG:
        raise WorkflowFout(_("Only the current process is checked in step 3b, not a desired one."))
    if versie.status == VersieStatus.GECONTROLEERD:
        raise WorkflowFout(_("This process version has already been checked; it takes no more responses."))


def _eis_eigen_controle(controle: ProcesControle, door: User) -> ProcesControle:
    """The invitation, locked with its trajectory; only the invited person (still in the team) acts on it."""
    versie = _vergrendel_versie(controle.versie)
    controle = ProcesControle.objects.select_related("gebruiker").get(pk=controle.pk)
    controle.versie = versie
    if controle.gebruiker_id != door.pk or not rollen_van(traject=versie.traject, gebruiker=door):
        raise PermissionDenied(_("Only the person who was asked can respond to this check."))
    _eis_open_voor_controle(versie)
    return controle


# --- inviting -----------------------------------------------------------------------------------


@transaction.atomic
def controle_uitnodigen(
    *, versie: ProcesVersie, door: User, gebruikers: Iterable[User]
) -> list[ProcesControle]:
    """Ask team members (vakinhoudelijk medewerkers, the proceseigenaar) to check a current version.

    The version goes *ter controle*. Someone already asked is not asked again (idempotent per
    person); each new invitee is e-mailed after commit. Returns the new invitations.
    """
    versie = _vergrendel_versie(versie)
    traject = versie.traject
    _eis_procesadviseur(traject, door)
    _eis_open_voor_controle(versie)
    if not versie.stappen.exists():
        raise WorkflowFout(_("Add the steps of the process before asking colleagues to check it."))
    gekozen = list({g.pk: g for g in gebruikers}.values())
    if not gekozen:
        raise ValidationError({"gebruikers": _("Choose at least one person.")})
    toegestaan = set(
        Teamlid.objects.filter(
            traject=traject, gebruiker__in=gekozen, rol__in=CONTROLE_ROLLEN, gebruiker__is_active=True
        ).values_list("gebruiker_id", flat=True)
    )
    if geweigerd := [g for g in gekozen if g.pk not in toegestaan]:
        raise ValidationError(
            {
                "gebruikers": _(
                    "Only subject-matter employees and the process owner of this trajectory can be asked "
                    "to check the process; not: %(namen)s."
                )
                % {"namen": _namen(geweigerd)}
            }
        )
    al_gevraagd = set(versie.controles.values_list("gebruiker_id", flat=True))
    nieuw = []
    for gebruiker in gekozen:
        if gebruiker.pk not in al_gevraagd:
            controle = ProcesControle(versie=versie, gebruiker=gebruiker, uitgenodigd_door=door)
            controle.full_clean(validate_constraints=False)  # the row lock makes the pair unique
            controle.save()
            nieuw.append(controle)
    if not nieuw:
        return []
    if versie.status == VersieStatus.CONCEPT:
        versie.status = VersieStatus.TER_CONTROLE
        versie.save(update_fields=["status"])  # not gewijzigd_op: the map itself did not change
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.PROCES,
        omschrijving=_("%(namen)s asked to check the process “%(versie)s”.")
        % {"namen": _namen(c.gebruiker for c in nieuw), "versie": versie.naam},
        stap=Stap.S3B,
        gegevens={
            "versie": versie.pk,
            "controle": "uitgenodigd",
            "gebruikers": [c.gebruiker_id for c in nieuw],
        },
    )
    from ..tasks import controle_uitnodiging  # tasks call services; import here avoids a cycle

    for controle in nieuw:
        transaction.on_commit(lambda pk=controle.pk: controle_uitnodiging.delay(pk))
    return nieuw


# --- responding ---------------------------------------------------------------------------------


@transaction.atomic
def controle_bevestigen(
    *, controle: ProcesControle, door: User, algemene_opmerking: str = ""
) -> ProcesControle:
    """The invited person confirms the map is complete and correct, optionally with a general comment."""
    controle = _eis_eigen_controle(controle, door)
    controle.status = ControleStatus.BEVESTIGD
    controle.algemene_opmerking = algemene_opmerking.strip()
    controle.gereageerd_op = timezone.now()
    controle.full_clean(validate_constraints=False)
    controle.save(update_fields=["status", "algemene_opmerking", "gereageerd_op"])
    versie = controle.versie
    gebeurtenis_vastleggen(
        traject=versie.traject,
        door=door,
        soort=GebeurtenisSoort.PROCES,
        omschrijving=_("%(persoon)s confirmed that the process “%(versie)s” is complete and correct.")
        % {"persoon": door, "versie": versie.naam},
        stap=Stap.S3B,
        gegevens={"versie": versie.pk, "controle": "bevestigd"},
    )
    return controle


@transaction.atomic
def stap_opmerking_plaatsen(
    *, controle: ProcesControle, door: User, stap: ProcesStap, tekst: str
) -> StapOpmerking:
    """The invited person comments on one step of the version they were asked to check."""
    controle = _eis_eigen_controle(controle, door)
    if stap.versie_id != controle.versie_id:
        raise ValidationError({"stap": _("Choose a step of the process version you are checking.")})
    if not tekst.strip():
        raise ValidationError({"tekst": _("Write your comment.")})
    opmerking = StapOpmerking(controle=controle, stap=stap, tekst=tekst.strip())
    opmerking.full_clean()
    opmerking.save()
    controle.status = ControleStatus.OPMERKINGEN
    controle.gereageerd_op = timezone.now()
    controle.save(update_fields=["status", "gereageerd_op"])
    return opmerking


@transaction.atomic
def opmerking_verwijderen(*, opmerking: StapOpmerking, door: User) -> None:
    """Take back one's own comment while the version is not yet checked.

    With no comments left, an invitation that only held comments counts as unanswered again.
    """
    controle = _eis_eigen_controle(opmerking.controle, door)
    StapOpmerking.objects.filter(pk=opmerking.pk, controle=controle).delete()
    if controle.status == ControleStatus.OPMERKINGEN and not controle.opmerkingen.exists():
        controle.status = ControleStatus.UITGENODIGD
        controle.gereageerd_op = None
        controle.save(update_fields=["status", "gereageerd_op"])


# --- marking checked ----------------------------------------------------------------------------


def _eis_geldige_sessie(traject: Traject, sessie: Sessie) -> None:
    if sessie.traject_id != traject.pk or sessie.soort != SessieSoort.PROCES_CONTROLE:
        raise ValidationError({"sessie": _("Choose a 3b session (checking the process) of this trajectory.")})
    if sessie.begint_op > timezone.now():
        raise ValidationError({"sessie": _("This session has not taken place yet.")})
    if not sessie.notities.strip():
        raise ValidationError({"sessie": _("Record the notes of this session first.")})


def _eis_iedereen_gereageerd(controles: list[ProcesControle]) -> None:
    if not controles:
        raise WorkflowFout(
            _(
                "Ask at least one colleague to check the process online, "
                "or choose the 3b session in which it was checked."
            )
        )
    if open_ := [c.gebruiker for c in controles if c.status == ControleStatus.UITGENODIGD]:
        raise WorkflowFout(
            _("Not everyone who was asked has responded yet: %(namen)s.") % {"namen": _namen(open_)}
        )


@transaction.atomic
def versie_gecontroleerd_markeren(
    *, versie: ProcesVersie, door: User, sessie: Sessie | None = None
) -> ProcesVersie:
    """Mark a current version *gecontroleerd*: online, once everyone asked has confirmed or commented,
    or in a 3b session (`sessie`) that took place and has notes. Recorded as a decision."""
    versie = _vergrendel_versie(versie)
    traject = versie.traject
    _eis_procesadviseur(traject, door)
    _eis_open_voor_controle(versie)
    if not versie.stappen.exists():
        raise WorkflowFout(_("A process without steps cannot be checked."))
    controles = list(versie.controles.select_related("gebruiker"))
    if sessie is None:
        _eis_iedereen_gereageerd(controles)
    else:
        _eis_geldige_sessie(traject, sessie)
    versie.status = VersieStatus.GECONTROLEERD
    versie.gecontroleerd_op = timezone.now()
    versie.gecontroleerd_door = door
    versie.controle_sessie = sessie
    versie.save(update_fields=["status", "gecontroleerd_op", "gecontroleerd_door", "controle_sessie"])
    _besluit_vastleggen(versie, door, controles, sessie)
    return versie


def _besluit_vastleggen(
    versie: ProcesVersie, door: User, controles: list[ProcesControle], sessie: Sessie | None
) -> None:
    bevestigd = [c.gebruiker for c in controles if c.status == ControleStatus.BEVESTIGD]
    aantal = StapOpmerking.objects.filter(controle__versie=versie).count()
    if sessie is None:
        hoe = _("online")
    else:
        hoe = _("in the session “%(sessie)s”") % {"sessie": sessie.titel}
    omschrijving = _(
        "The process “%(versie)s” was marked as checked %(hoe)s. Confirmed by: %(bevestigd)s; "
        "comments on steps: %(aantal)s."
    ) % {"versie": versie.naam, "hoe": hoe, "bevestigd": _namen(bevestigd) or "—", "aantal": aantal}
    gebeurtenis_vastleggen(
        traject=versie.traject,
        door=door,
        soort=GebeurtenisSoort.BESLUIT,
        omschrijving=omschrijving,
        stap=Stap.S3B,
        gegevens={
            "versie": versie.pk,
            "controle": "gecontroleerd",
            "sessie": sessie.pk if sessie else None,
            "bevestigd": [g.pk for g in bevestigd],
            "opmerkingen_bij_stappen": aantal,
        },
    )
