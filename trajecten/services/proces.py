"""Process maps (steps 3a and 8): versions of a trajectory's process and their ordered steps.

Every write checks the right `bewerk_proces`, locks the trajectory row and refuses to change a
version that was checked in 3b (*gecontroleerd*): that is the agreed picture of the current process,
copied to a new version to change it. A version still *ter controle* stays under check when it
changes, but each change is recorded in the timeline (marked `tijdens_controle`) so the 3b overview
can show what changed while people were checking it.

What goes in the timeline: creating and copying a version, renaming it, deleting a step, importing
steps, and every change made while the version is being checked. Adding, editing and moving steps
of a draft happen dozens of times in one mapping session and would drown the timeline; the
version's `gewijzigd_op` records when the map last changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from ..choices import GebeurtenisSoort, TrajectStatus, VersieStatus
from ..models import ProcesStap, ProcesVersie, Traject
from ..procesanalyse import actor_sleutel
from .traject import WorkflowFout, _eis_recht, _vergrendel, gebeurtenis_vastleggen

__all__ = [
    "PROCESRECHT",
    "STAPVELDEN",
    "TIJDENS_CONTROLE",
    "procesversie_aanmaken",
    "procesversie_wijzigen",
    "processtap_toevoegen",
    "processtap_verplaatsen",
    "processtap_verwijderen",
    "processtap_wijzigen",
    "processtappen_importeren",
]

PROCESRECHT = "bewerk_proces"

#: The fields of a step a user (or an import) may set; `volgorde` is the services' business.
STAPVELDEN = (
    "naam",
    "omschrijving",
    "actor",
    "kanaal",
    "soort",
    "bewerkingstijd",
    "bewerkingstijd_eenheid",
    "wachttijd",
    "wachttijd_eenheid",
    "lean",
    "verspilling",
    "vertakking_naar",
    "vertakking_label",
)

#: The key in a PROCES event's `gegevens` that marks a change made while the version was under check.
TIJDENS_CONTROLE = "tijdens_controle"

OMHOOG, OMLAAG = "omhoog", "omlaag"


# --- guards -------------------------------------------------------------------------------------


def _eis_open_traject(traject: Traject) -> None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        raise WorkflowFout(
            _("This trajectory is %(status)s: its process maps can no longer change.")
            % {"status": traject.status_keuze.label.lower()}
        )


def _vergrendel_versie(versie: ProcesVersie, door: User) -> tuple[Traject, ProcesVersie]:
    """Check the right, lock the trajectory and return it with the version's fresh, editable state."""
    _eis_recht(door, versie.traject, PROCESRECHT)
    traject = _vergrendel(versie.traject)
    _eis_open_traject(traject)
    versie = ProcesVersie.objects.get(pk=versie.pk)
    versie.traject = traject
    if not versie.is_bewerkbaar:
        raise WorkflowFout(
            _(
                "This version has been checked (step 3b) and can no longer be changed. "
                "Copy it to a new version to change it."
            )
        )
    return traject, versie


def _stap_van(stap: ProcesStap, versie: ProcesVersie) -> ProcesStap:
    stap = ProcesStap.objects.get(pk=stap.pk)
    stap.versie = versie
    return stap


def _gewijzigd(versie: ProcesVersie, door: User, omschrijving: str, **gegevens) -> None:
    """Note that the map changed: always on the version, in the timeline only while it is under check."""
    ProcesVersie.objects.filter(pk=versie.pk).update(gewijzigd_op=timezone.now())
    if versie.status == VersieStatus.TER_CONTROLE:
        _gebeurtenis(versie, door, omschrijving, **{TIJDENS_CONTROLE: True}, **gegevens)


def _gebeurtenis(versie: ProcesVersie, door: User, omschrijving: str, **gegevens) -> None:
    gebeurtenis_vastleggen(
        traject=versie.traject,
        door=door,
        soort=GebeurtenisSoort.PROCES,
        omschrijving=omschrijving,
        gegevens={"versie": versie.pk, **gegevens},
    )


# --- versions -----------------------------------------------------------------------------------


@transaction.atomic
def procesversie_aanmaken(
    *,
    traject: Traject,
    door: User,
    soort: str,
    naam: str,
    toelichting: str = "",
    kopie_van: ProcesVersie | None = None,
) -> ProcesVersie:
    """Create a process version, empty or as a copy of another version of the same trajectory.

    A copy gets every step in order, its branches pointing at the copied steps, and remembers where
    it came from (`gekopieerd_van`). A new version starts as a draft.
    """
    _eis_recht(door, traject, PROCESRECHT)
    traject = _vergrendel(traject)
    _eis_open_traject(traject)
    if kopie_van is not None and kopie_van.traject_id != traject.pk:
        raise ValidationError({"kopie_van": _("Choose a version of this trajectory.")})
    versie = ProcesVersie(
        traject=traject,
        soort=soort,
        naam=naam,
        toelichting=toelichting,
        gekopieerd_van=kopie_van,
        aangemaakt_door=door,
    )
    versie.full_clean()
    versie.save()
    if kopie_van is None:
        omschrijving = _("Process version “%(naam)s” (%(soort)s) created.")
    else:
        _stappen_kopieren(van=kopie_van, naar=versie)
        omschrijving = _("Process version “%(naam)s” (%(soort)s) created as a copy of “%(bron)s”.")
    _gebeurtenis(
        versie,
        door,
        omschrijving
        % {"naam": naam, "soort": versie.get_soort_display().lower(), "bron": getattr(kopie_van, "naam", "")},
        kopie_van=getattr(kopie_van, "pk", None),
    )
    return versie


def _stappen_kopieren(*, van: ProcesVersie, naar: ProcesVersie) -> list[ProcesStap]:
    """Copy every step in order; a branch points at the copy of the step it pointed at."""
    originelen = list(van.stappen.order_by("volgorde", "pk"))
    velden = [veld for veld in STAPVELDEN if veld != "vertakking_naar"]
    kopieen = [
        ProcesStap(versie=naar, volgorde=nummer, **{veld: getattr(origineel, veld) for veld in velden})
        for nummer, origineel in enumerate(originelen, start=1)
    ]
    kopieen = _opslaan(kopieen)
    kopie_van = {origineel.pk: kopie for origineel, kopie in zip(originelen, kopieen, strict=True)}
    vertakt = []
    for origineel, kopie in zip(originelen, kopieen, strict=True):
        if origineel.vertakking_naar_id in kopie_van:
            kopie.vertakking_naar = kopie_van[origineel.vertakking_naar_id]
            vertakt.append(kopie)
    if vertakt:
        ProcesStap.objects.bulk_update(vertakt, ["vertakking_naar"])
    return kopieen


def _opslaan(stappen: list[ProcesStap]) -> list[ProcesStap]:
    """Insert many steps at once, with their primary keys (PostgreSQL and SQLite ≥ 3.35 return them)."""
    opgeslagen = ProcesStap.objects.bulk_create(stappen)
    if any(stap.pk is None for stap in opgeslagen):  # a database that does not return keys
        for stap in opgeslagen:
            stap.pk = None
            stap.save()
    return opgeslagen


VERSIEVELDEN = ("naam", "toelichting")


@transaction.atomic
def procesversie_wijzigen(
    *, versie: ProcesVersie, door: User, gezien: str | None = None, **velden: Any
) -> ProcesVersie:
    """Change a version's name or explanation (its kind is fixed when it is created). `gezien`: the
    version the user edited (`wasstraat.bewerking`)."""
    _traject, versie = _vergrendel_versie(versie, door)
    versie_controleren(versie, gezien=gezien, velden=velden)
    oud = versie.naam
    gewijzigd = []
    for naam, waarde in velden.items():
        if naam not in VERSIEVELDEN:
            raise ValueError(naam)
        if getattr(versie, naam) != waarde:
            setattr(versie, naam, waarde)
            gewijzigd.append(naam)
    if not gewijzigd:
        return versie
    versie.full_clean()
    versie.save()
    _gebeurtenis(
        versie,
        door,
        _("Process version “%(oud)s” changed: %(velden)s.")
        % {
            "oud": oud,
            "velden": ", ".join(str(ProcesVersie._meta.get_field(n).verbose_name) for n in gewijzigd),
        },
        **({TIJDENS_CONTROLE: True} if versie.status == VersieStatus.TER_CONTROLE else {}),
    )
    return versie


# --- steps --------------------------------------------------------------------------------------


def _stapvelden(velden: Mapping[str, Any]) -> dict[str, Any]:
    onbekend = set(velden) - set(STAPVELDEN)
    if onbekend:
        raise ValueError(", ".join(sorted(onbekend)))
    return dict(velden)


def _actor_gelijktrekken(versie: ProcesVersie, stap: ProcesStap) -> None:
    """Keep the lanes consistent: an actor typed with other capitals or spaces takes the spelling
    already used in this version."""
    stap.actor = " ".join((stap.actor or "").split())
    sleutel = actor_sleutel(stap.actor)
    for bestaand in versie.stappen.exclude(pk=stap.pk).values_list("actor", flat=True).distinct():
        if actor_sleutel(bestaand) == sleutel:
            stap.actor = bestaand
            return


def _hernummeren(versie: ProcesVersie, volgorde: Sequence[ProcesStap] | None = None) -> list[ProcesStap]:
    """Number the steps 1..n without gaps, in the given order or their current one."""
    stappen = list(volgorde) if volgorde is not None else list(versie.stappen.order_by("volgorde", "pk"))
    gewijzigd = []
    for nummer, stap in enumerate(stappen, start=1):
        if stap.volgorde != nummer:
            stap.volgorde = nummer
            gewijzigd.append(stap)
    if gewijzigd:
        ProcesStap.objects.bulk_update(gewijzigd, ["volgorde"])
    return stappen


@transaction.atomic
def processtap_toevoegen(
    *, versie: ProcesVersie, door: User, na: ProcesStap | None = None, **velden: Any
) -> ProcesStap:
    """Add a step at the end of the version, or right after the step `na`."""
    _traject, versie = _vergrendel_versie(versie, door)
    if na is not None and na.versie_id != versie.pk:
        raise ValidationError({"na": _("Choose a step of this process version.")})
    if na is None:
        volgorde = (versie.stappen.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    else:
        volgorde = ProcesStap.objects.get(pk=na.pk).volgorde + 1
    stap = ProcesStap(versie=versie, volgorde=volgorde, **_stapvelden(velden))
    _actor_gelijktrekken(versie, stap)
    stap.full_clean()
    if na is not None:
        versie.stappen.filter(volgorde__gte=volgorde).update(volgorde=F("volgorde") + 1)
    stap.save()
    if na is not None:
        _hernummeren(versie)
        stap.refresh_from_db(fields=["volgorde"])
    omschrijving = _("Step “%(naam)s” added to “%(versie)s”.") % {"naam": stap.naam, "versie": versie.naam}
    _gewijzigd(versie, door, omschrijving, stap=stap.pk)
    return stap


@transaction.atomic
def processtap_wijzigen(
    *, stap: ProcesStap, door: User, gezien: str | None = None, **velden: Any
) -> ProcesStap:
    """Change a step's content (name, actor, times, LEAN classification, branch, ...). `gezien`: the
    version the user edited (`wasstraat.bewerking`)."""
    _traject, versie = _vergrendel_versie(stap.versie, door)
    stap = _stap_van(stap, versie)
    versie_controleren(stap, gezien=gezien, velden=velden)
    gewijzigd = []
    for naam, waarde in _stapvelden(velden).items():
        if getattr(stap, naam) != waarde:
            setattr(stap, naam, waarde)
            gewijzigd.append(naam)
    if not gewijzigd:
        return stap
    _actor_gelijktrekken(versie, stap)
    stap.full_clean()
    stap.save()
    _gewijzigd(
        versie,
        door,
        _("Step %(nummer)s “%(naam)s” of “%(versie)s” changed.")
        % {"nummer": stap.volgorde, "naam": stap.naam, "versie": versie.naam},
        stap=stap.pk,
    )
    return stap


@transaction.atomic
def processtap_verwijderen(*, stap: ProcesStap, door: User) -> None:
    """Delete a step and close the gap in the numbering.

    Refused while improvement points were recorded from it: they would lose their source.
    Decisions that branched to it lose that branch.
    """
    _traject, versie = _vergrendel_versie(stap.versie, door)
    stap = _stap_van(stap, versie)
    punten = stap.verbeterpunten.count()
    if punten:
        raise WorkflowFout(
            ngettext(
                "Step “%(naam)s” cannot be deleted: an improvement point was recorded from it. "
                "Change the step instead, or copy the version to start afresh.",
                "Step “%(naam)s” cannot be deleted: %(aantal)s improvement points were recorded "
                "from it. Change the step instead, or copy the version to start afresh.",
                punten,
            )
            % {"naam": stap.naam, "aantal": punten}
        )
    nummer, naam = stap.volgorde, stap.naam
    stap.delete()
    _hernummeren(versie)
    ProcesVersie.objects.filter(pk=versie.pk).update(gewijzigd_op=timezone.now())
    _gebeurtenis(
        versie,
        door,
        _("Step %(nummer)s “%(naam)s” deleted from “%(versie)s”.")
        % {"nummer": nummer, "naam": naam, "versie": versie.naam},
        **({TIJDENS_CONTROLE: True} if versie.status == VersieStatus.TER_CONTROLE else {}),
    )


@transaction.atomic
def processtap_verplaatsen(
    *, stap: ProcesStap, door: User, richting: str | None = None, positie: int | None = None
) -> ProcesStap:
    """Move a step one place up or down (`richting`), or to `positie` (1 = first); numbering stays 1..n."""
    if (richting is None) == (positie is None):
        raise ValueError("Give either richting or positie.")
    _traject, versie = _vergrendel_versie(stap.versie, door)
    stappen = list(versie.stappen.order_by("volgorde", "pk"))
    index = next((i for i, s in enumerate(stappen) if s.pk == stap.pk), None)
    if index is None:
        raise ValidationError(_("This step is not part of this process version."))
    if richting is not None:
        if richting not in (OMHOOG, OMLAAG):
            raise ValueError(richting)
        doel = index - 1 if richting == OMHOOG else index + 1
    else:
        doel = positie - 1
    if not 0 <= doel < len(stappen):
        raise WorkflowFout(
            _("Step “%(naam)s” cannot move further: it is already the first or the last step.")
            % {"naam": stappen[index].naam}
            if richting is not None
            else _("Choose a position from 1 to %(aantal)s.") % {"aantal": len(stappen)}
        )
    verplaatst = stappen.pop(index)
    stappen.insert(doel, verplaatst)
    _hernummeren(versie, stappen)
    _gewijzigd(
        versie,
        door,
        _("Step “%(naam)s” of “%(versie)s” moved to position %(nummer)s.")
        % {"naam": verplaatst.naam, "versie": versie.naam, "nummer": verplaatst.volgorde},
        stap=verplaatst.pk,
    )
    return verplaatst


@transaction.atomic
def processtappen_importeren(
    *, versie: ProcesVersie, stappen: Sequence[Mapping[str, Any]], door: User
) -> list[ProcesStap]:
    """Add many steps at once, after the existing ones (the BPMN import uses it).

    `stappen` are dicts with ProcesStap's field names (`STAPVELDEN`, without `vertakking_naar`) and
    optionally `vertakking_naar_index`: the 0-based index in `stappen` of the step a decision branches
    to. All or nothing: an invalid step raises a ValidationError naming it, and nothing is saved.
    """
    _traject, versie = _vergrendel_versie(versie, door)
    start = versie.stappen.aggregate(m=Max("volgorde"))["m"] or 0
    nieuw, takken = [], {}
    for index, gegevens in enumerate(stappen):
        velden = dict(gegevens)
        tak = velden.pop("vertakking_naar_index", None)
        if "vertakking_naar" in velden:
            raise ValueError("Use vertakking_naar_index to branch within the imported steps.")
        stap = ProcesStap(versie=versie, volgorde=start + index + 1, **_stapvelden(velden))
        _actor_gelijktrekken_lijst(stap, nieuw)
        _valideer(stap, index, exclude=["vertakking_naar"])
        if tak is not None:
            if not isinstance(tak, int) or not 0 <= tak < len(stappen) or tak == index:
                raise ValidationError(
                    _("Step %(nummer)s (“%(naam)s”): it branches to a step that is not in the import.")
                    % {"nummer": index + 1, "naam": stap.naam}
                )
            takken[index] = tak
        nieuw.append(stap)
    nieuw = _opslaan(nieuw)
    for index, tak in takken.items():
        nieuw[index].vertakking_naar = nieuw[tak]
        _valideer(nieuw[index], index)
    if takken:
        ProcesStap.objects.bulk_update([nieuw[i] for i in takken], ["vertakking_naar"])
    if nieuw:
        ProcesVersie.objects.filter(pk=versie.pk).update(gewijzigd_op=timezone.now())
        _gebeurtenis(
            versie,
            door,
            ngettext(
                "%(aantal)s step imported into “%(versie)s”.",
                "%(aantal)s steps imported into “%(versie)s”.",
                len(nieuw),
            )
            % {"aantal": len(nieuw), "versie": versie.naam},
            aantal=len(nieuw),
            **({TIJDENS_CONTROLE: True} if versie.status == VersieStatus.TER_CONTROLE else {}),
        )
    return nieuw


def _actor_gelijktrekken_lijst(stap: ProcesStap, eerder: list[ProcesStap]) -> None:
    stap.actor = " ".join((stap.actor or "").split())
    sleutel = actor_sleutel(stap.actor)
    for ander in eerder:
        if actor_sleutel(ander.actor) == sleutel:
            stap.actor = ander.actor
            return


def _valideer(stap: ProcesStap, index: int, exclude: list[str] | None = None) -> None:
    """full_clean, with the step named in every message (an import has no form to show them at)."""
    try:
        stap.full_clean(exclude=exclude)
    except ValidationError as fout:
        berichten = [
            _("Step %(nummer)s (“%(naam)s”): %(fout)s") % {"nummer": index + 1, "naam": stap.naam, "fout": b}
            for b in fout.messages
        ]
        raise ValidationError(berichten) from fout
