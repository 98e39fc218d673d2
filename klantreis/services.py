"""Writes of the customer journey (step 4): persona, phases, contact moments and their pain points.

Every write checks the right `bewerk_klantreis` (the klantreiscoach), locks the trajectory row (so two
people editing the journey at once never lose each other's work), refuses on a stopped or finished
trajectory, validates with the model's `full_clean()` and records an audit event of the kind
`GebeurtenisSoort.KLANTREIS` in the timeline. Audit events name phases and contact moments by their
title; quotes and pain-point texts stay out of the timeline.

Phases are numbered 1..n without gaps; contact moments 1..n within their phase and journey (current or
desired). Improvement points keep their source: a phase, contact moment or pain point from which one was
recorded cannot be deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten.choices import GebeurtenisSoort, Stap, TrajectStatus
from trajecten.models import Traject
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from trajecten.services.traject import _eis_recht, _vergrendel
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from .models import Contactmoment, Fase, Klantreis, Pijnpunt

__all__ = [
    "BEWERKEN",
    "CONTACTMOMENTVELDEN",
    "FASEVELDEN",
    "NEER",
    "OP",
    "PERSONAVELDEN",
    "bewerking_beginnen",
    "contactmoment_toevoegen",
    "contactmoment_verplaatsen",
    "contactmoment_verwijderen",
    "contactmoment_wijzigen",
    "fase_toevoegen",
    "fase_verplaatsen",
    "fase_verwijderen",
    "fase_wijzigen",
    "klantreis_opslaan",
    "klantreis_van",
    "pijnpunt_toevoegen",
    "pijnpunt_verwijderen",
    "verwijderbezwaren",
]

BEWERKEN = "bewerk_klantreis"
OP, NEER = "op", "neer"

#: The fields a person fills in; `volgorde` is the services' business.
PERSONAVELDEN = ("persona_naam", "persona_omschrijving", "persona_behoeften")
FASEVELDEN = ("naam", "omschrijving", "metriek", "huidige_waarde", "streefwaarde")
CONTACTMOMENTVELDEN = (
    "fase",
    "reis",
    "titel",
    "kanaal",
    "klant_doet",
    "klant_ervaart",
    "beleving",
    "citaten",
    "moment_van_waarheid",
)


# --- reading ------------------------------------------------------------------------------------


def klantreis_van(traject: Traject) -> Klantreis | None:
    """The trajectory's customer journey, or None while the coach has not started it."""
    reis = Klantreis.objects.filter(traject_id=traject.pk).first()
    if reis is not None:
        reis.traject = traject
    return reis


def verwijderbezwaren(obj: Fase | Contactmoment | Pijnpunt) -> list[str]:
    """Why a phase, contact moment or pain point cannot be deleted (empty: it can).

    Improvement points recorded from it, from one of its contact moments or from one of their pain
    points keep it as their source (the foreign keys protect it). They are counted through the reverse
    relation `verbeterpunten` of contact moments and pain points: `verbeterplan` builds on klantreis,
    not the other way round. A point has one source, so the two counts never overlap.
    """
    if isinstance(obj, Fase):
        aantal = _aantal_verbeterpunten(obj.contactmomenten.all()) + _aantal_verbeterpunten(
            Pijnpunt.objects.filter(contactmoment__fase=obj)
        )
    elif isinstance(obj, Contactmoment):
        aantal = obj.verbeterpunten.count() + _aantal_verbeterpunten(obj.pijnpunten.all())
    else:
        aantal = obj.verbeterpunten.count()
    if not aantal:
        return []
    if isinstance(obj, Fase):
        tekst = ngettext(
            "Phase “%(naam)s” cannot be deleted: %(aantal)d improvement point was recorded from its "
            "contact moments or pain points and keeps them as its source. Change the phase instead.",
            "Phase “%(naam)s” cannot be deleted: %(aantal)d improvement points were recorded from its "
            "contact moments or pain points and keep them as their source. Change the phase instead.",
            aantal,
        )
    elif isinstance(obj, Contactmoment):
        tekst = ngettext(
            "Contact moment “%(naam)s” cannot be deleted: %(aantal)d improvement point was recorded from "
            "it or its pain points and keeps it as its source. Change the contact moment instead.",
            "Contact moment “%(naam)s” cannot be deleted: %(aantal)d improvement points were recorded "
            "from it or its pain points and keep it as their source. Change the contact moment instead.",
            aantal,
        )
    else:
        tekst = ngettext(
            "This pain point cannot be deleted: %(aantal)d improvement point was recorded from it and "
            "keeps it as its source.",
            "This pain point cannot be deleted: %(aantal)d improvement points were recorded from it and "
            "keep it as their source.",
            aantal,
        )
    return [tekst % {"naam": str(obj), "aantal": aantal}]


# --- guards and helpers -------------------------------------------------------------------------


def _aantal_verbeterpunten(queryset) -> int:
    """How many improvement points were recorded from the contact moments or pain points of `queryset`."""
    return queryset.aggregate(aantal=Count("verbeterpunten"))["aantal"]


def _eis_open(traject: Traject) -> None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        raise WorkflowFout(
            _("The trajectory is %(status)s; its customer journey can no longer change.")
            % {"status": traject.status_keuze.label.lower()}
        )


def bewerking_beginnen(traject: Traject, door: User) -> Traject:
    """Check the right, lock the trajectory and refuse when it is closed; the locked trajectory."""
    _eis_recht(door, traject, BEWERKEN)
    traject = _vergrendel(traject)
    _eis_open(traject)
    return traject


def _reis_onder_slot(traject: Traject) -> Klantreis:
    reis = Klantreis.objects.filter(traject=traject).first()
    if reis is None:
        raise WorkflowFout(_("Describe the target group first."))
    reis.traject = traject
    return reis


def _traject_van(obj: Klantreis | Fase | Contactmoment | Pijnpunt) -> Traject:
    """The trajectory an object belongs to (through the objects the view already loaded)."""
    if isinstance(obj, Pijnpunt):
        obj = obj.contactmoment
    if isinstance(obj, Contactmoment):
        obj = obj.fase
    if isinstance(obj, Fase):
        obj = obj.klantreis
    return obj.traject


def _fase_onder_slot(fase: Fase, door: User) -> Fase:
    """Check, lock, and the phase as the database holds it now; gone: a clear refusal."""
    traject = bewerking_beginnen(_traject_van(fase), door)
    vers = Fase.objects.select_related("klantreis").filter(pk=fase.pk, klantreis__traject=traject).first()
    if vers is None:
        raise WorkflowFout(_("This phase no longer exists; someone deleted it in the meantime."))
    vers.klantreis.traject = traject
    return vers


def _moment_onder_slot(moment: Contactmoment, door: User) -> Contactmoment:
    traject = bewerking_beginnen(_traject_van(moment), door)
    vers = (
        Contactmoment.objects.select_related("fase__klantreis")
        .filter(pk=moment.pk, fase__klantreis__traject=traject)
        .first()
    )
    if vers is None:
        raise WorkflowFout(_("This contact moment no longer exists; someone deleted it in the meantime."))
    vers.fase.klantreis.traject = traject
    return vers


def _velden(velden: dict[str, Any], toegestaan: Sequence[str]) -> dict[str, Any]:
    onbekend = set(velden) - set(toegestaan)
    if onbekend:
        raise ValueError(f"Not a field that can be set: {', '.join(sorted(onbekend))}")
    return velden


def _veldnamen(model, namen: Iterable[str]) -> str:
    return ", ".join(str(model._meta.get_field(n).verbose_name) for n in namen)


def _gebeurtenis(traject: Traject, door: User, omschrijving: str, **gegevens) -> None:
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KLANTREIS,
        omschrijving=omschrijving,
        stap=Stap.S4,
        gegevens=gegevens,
    )


def _hernummeren(objecten: Sequence[Fase] | Sequence[Contactmoment]) -> None:
    """Number the objects 1..n in the given order, saving only what changed."""
    gewijzigd = []
    for nummer, obj in enumerate(objecten, start=1):
        if obj.volgorde != nummer:
            obj.volgorde = nummer
            gewijzigd.append(obj)
    if gewijzigd:
        type(gewijzigd[0]).objects.bulk_update(gewijzigd, ["volgorde"])


def _momenten_van(fase_id: int, reis: str) -> list[Contactmoment]:
    return list(Contactmoment.objects.filter(fase_id=fase_id, reis=reis).order_by("volgorde", "pk"))


def _verplaatst(objecten: list, pk: int, richting: str, fout: str) -> list:
    """The list with the object `pk` moved one place up (`OP`) or down (`NEER`)."""
    if richting not in (OP, NEER):
        raise ValueError(richting)
    index = next(i for i, obj in enumerate(objecten) if obj.pk == pk)
    doel = index - 1 if richting == OP else index + 1
    if not 0 <= doel < len(objecten):
        raise WorkflowFout(fout)
    objecten.insert(doel, objecten.pop(index))
    return objecten


# --- the journey and its persona ----------------------------------------------------------------


@transaction.atomic
def klantreis_opslaan(
    *,
    traject: Traject,
    door: User,
    persona_naam: str,
    persona_omschrijving: str = "",
    persona_behoeften: str = "",
    gezien: str | None = None,
) -> Klantreis:
    """Start the journey with its target group or persona, or change the persona of the existing one.
    `gezien`: the version the user edited (`wasstraat.bewerking`)."""
    traject = bewerking_beginnen(traject, door)
    reis = Klantreis.objects.filter(traject=traject).first()
    nieuw = reis is None
    velden = {
        "persona_naam": persona_naam,
        "persona_omschrijving": persona_omschrijving,
        "persona_behoeften": persona_behoeften,
    }
    if not nieuw:
        versie_controleren(reis, gezien=gezien, velden=velden)
    if nieuw:
        reis = Klantreis(traject=traject, **velden)
        gewijzigd = list(velden)
    else:
        gewijzigd = [n for n, waarde in velden.items() if getattr(reis, n) != waarde]
        if not gewijzigd:
            reis.traject = traject
            return reis
        for naam, waarde in velden.items():
            setattr(reis, naam, waarde)
    reis.traject = traject
    reis.full_clean()
    reis.save()
    if nieuw:
        omschrijving = _("Customer journey started for “%(persona)s”.") % {"persona": reis.persona_naam}
    else:
        omschrijving = _("Target group of the customer journey changed: %(velden)s.") % {
            "velden": _veldnamen(Klantreis, gewijzigd)
        }
    _gebeurtenis(traject, door, omschrijving, klantreis=reis.pk, velden=gewijzigd)
    return reis


# --- phases -------------------------------------------------------------------------------------


@transaction.atomic
def fase_toevoegen(*, traject: Traject, door: User, **velden: Any) -> Fase:
    """Add a phase after the existing ones; it is shared by the current and the desired journey."""
    traject = bewerking_beginnen(traject, door)
    reis = _reis_onder_slot(traject)
    volgorde = (reis.fasen.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    fase = Fase(klantreis=reis, volgorde=volgorde, **_velden(velden, FASEVELDEN))
    fase.full_clean()
    fase.save()
    _gebeurtenis(
        traject,
        door,
        _("Phase “%(naam)s” added to the customer journey.") % {"naam": fase.naam},
        fase=fase.pk,
    )
    return fase


@transaction.atomic
def fase_wijzigen(*, fase: Fase, door: User, gezien: str | None = None, **velden: Any) -> Fase:
    """Change a phase's name, description or metric (current value and target). `gezien`: the version
    the user edited (`wasstraat.bewerking`)."""
    fase = _fase_onder_slot(fase, door)
    versie_controleren(fase, gezien=gezien, velden=velden)
    gewijzigd = []
    for naam, waarde in _velden(velden, FASEVELDEN).items():
        if getattr(fase, naam) != waarde:
            setattr(fase, naam, waarde)
            gewijzigd.append(naam)
    if not gewijzigd:
        return fase
    fase.full_clean()
    fase.save()
    _gebeurtenis(
        fase.klantreis.traject,
        door,
        _("Phase “%(naam)s” changed: %(velden)s.")
        % {"naam": fase.naam, "velden": _veldnamen(Fase, gewijzigd)},
        fase=fase.pk,
    )
    return fase


@transaction.atomic
def fase_verwijderen(*, fase: Fase, door: User) -> None:
    """Delete a phase with its contact moments and their pain points, and close the gap in the numbering.

    Refused while improvement points were recorded from one of them: they would lose their source.
    """
    fase = _fase_onder_slot(fase, door)
    if bezwaren := verwijderbezwaren(fase):
        raise WorkflowFout(bezwaren)
    reis, naam, pk = fase.klantreis, fase.naam, fase.pk
    aantal = fase.contactmomenten.count()
    fase.delete()
    _hernummeren(list(reis.fasen.order_by("volgorde", "pk")))
    _gebeurtenis(
        reis.traject,
        door,
        ngettext(
            "Phase “%(naam)s” deleted, with %(aantal)d contact moment.",
            "Phase “%(naam)s” deleted, with %(aantal)d contact moments.",
            aantal,
        )
        % {"naam": naam, "aantal": aantal},
        fase=pk,
    )


@transaction.atomic
def fase_verplaatsen(*, fase: Fase, door: User, richting: str) -> Fase:
    """Move a phase one place up (`OP`, earlier in the journey) or down (`NEER`); numbering stays 1..n."""
    fase = _fase_onder_slot(fase, door)
    reis = fase.klantreis
    fasen = _verplaatst(
        list(reis.fasen.order_by("volgorde", "pk")),
        fase.pk,
        richting,
        _("Phase “%(naam)s” cannot move further: it is already the first or the last phase.")
        % {"naam": fase.naam},
    )
    _hernummeren(fasen)
    verplaatst = next(f for f in fasen if f.pk == fase.pk)
    _gebeurtenis(
        reis.traject,
        door,
        _("Phase “%(naam)s” moved to position %(nummer)d.")
        % {"naam": verplaatst.naam, "nummer": verplaatst.volgorde},
        fase=fase.pk,
    )
    return verplaatst


# --- contact moments ----------------------------------------------------------------------------


def _eis_fase_van_reis(fase: Fase | None, reis: Klantreis) -> Fase:
    """A phase of this journey, fresh from the database; anything else is a field error."""
    vers = Fase.objects.filter(pk=getattr(fase, "pk", None), klantreis=reis).first() if fase else None
    if vers is None:
        raise ValidationError({"fase": _("Choose a phase of this customer journey.")})
    vers.klantreis = reis
    return vers


@transaction.atomic
def contactmoment_toevoegen(*, traject: Traject, door: User, **velden: Any) -> Contactmoment:
    """Add a contact moment at the end of its phase in the current or the desired journey.

    `velden` are `CONTACTMOMENTVELDEN`; `fase` must be a phase of this trajectory's journey.
    """
    traject = bewerking_beginnen(traject, door)
    reis = _reis_onder_slot(traject)
    velden = dict(_velden(velden, CONTACTMOMENTVELDEN))
    fase = _eis_fase_van_reis(velden.pop("fase", None), reis)
    moment = Contactmoment(fase=fase, **velden)
    moment.volgorde = (
        Contactmoment.objects.filter(fase=fase, reis=moment.reis).aggregate(m=Max("volgorde"))["m"] or 0
    ) + 1
    moment.full_clean()
    moment.save()
    _gebeurtenis(
        traject,
        door,
        _("Contact moment “%(titel)s” added to phase “%(fase)s” (%(reis)s).")
        % {"titel": moment.titel, "fase": fase.naam, "reis": moment.get_reis_display().lower()},
        contactmoment=moment.pk,
        moment_van_waarheid=moment.moment_van_waarheid,
    )
    return moment


@transaction.atomic
def contactmoment_wijzigen(
    *, contactmoment: Contactmoment, door: User, gezien: str | None = None, **velden: Any
) -> Contactmoment:
    """Change a contact moment. Moved to another phase or journey, it goes to the end there. `gezien`:
    the version the user edited (`wasstraat.bewerking`)."""
    moment = _moment_onder_slot(contactmoment, door)
    versie_controleren(moment, gezien=gezien, velden=velden)
    reis = moment.fase.klantreis
    velden = dict(_velden(velden, CONTACTMOMENTVELDEN))
    oud_fase, oud_reis = moment.fase_id, moment.reis
    if "fase" in velden:
        fase = _eis_fase_van_reis(velden.pop("fase"), reis)
        if fase.pk != moment.fase_id:
            moment.fase = fase
    gewijzigd = [n for n in ("fase",) if moment.fase_id != oud_fase]
    for naam, waarde in velden.items():
        if getattr(moment, naam) != waarde:
            setattr(moment, naam, waarde)
            gewijzigd.append(naam)
    if not gewijzigd:
        return moment
    verhuisd = (moment.fase_id, moment.reis) != (oud_fase, oud_reis)
    if verhuisd:
        moment.volgorde = (
            Contactmoment.objects.filter(fase_id=moment.fase_id, reis=moment.reis)
            .exclude(pk=moment.pk)
            .aggregate(m=Max("volgorde"))["m"]
            or 0
        ) + 1
    moment.full_clean()
    moment.save()
    if verhuisd:
        _hernummeren(_momenten_van(oud_fase, oud_reis))
    _gebeurtenis(
        reis.traject,
        door,
        _("Contact moment “%(titel)s” changed: %(velden)s.")
        % {"titel": moment.titel, "velden": _veldnamen(Contactmoment, gewijzigd)},
        contactmoment=moment.pk,
        velden=gewijzigd,
    )
    return moment


@transaction.atomic
def contactmoment_verwijderen(*, contactmoment: Contactmoment, door: User) -> None:
    """Delete a contact moment with its pain points; refused while improvement points come from them."""
    moment = _moment_onder_slot(contactmoment, door)
    if bezwaren := verwijderbezwaren(moment):
        raise WorkflowFout(bezwaren)
    traject, titel, pk = moment.fase.klantreis.traject, moment.titel, moment.pk
    fase_id, reis = moment.fase_id, moment.reis
    moment.delete()
    _hernummeren(_momenten_van(fase_id, reis))
    _gebeurtenis(
        traject,
        door,
        _("Contact moment “%(titel)s” deleted from phase “%(fase)s”.")
        % {"titel": titel, "fase": moment.fase.naam},
        contactmoment=pk,
    )


@transaction.atomic
def contactmoment_verplaatsen(*, contactmoment: Contactmoment, door: User, richting: str) -> Contactmoment:
    """Move a contact moment one place up or down within its phase and journey."""
    moment = _moment_onder_slot(contactmoment, door)
    momenten = _verplaatst(
        _momenten_van(moment.fase_id, moment.reis),
        moment.pk,
        richting,
        _(
            "Contact moment “%(titel)s” cannot move further: it is already the first or the last of its "
            "phase in this journey."
        )
        % {"titel": moment.titel},
    )
    _hernummeren(momenten)
    verplaatst = next(m for m in momenten if m.pk == moment.pk)
    _gebeurtenis(
        moment.fase.klantreis.traject,
        door,
        _("Contact moment “%(titel)s” moved to position %(nummer)d in phase “%(fase)s”.")
        % {"titel": moment.titel, "nummer": verplaatst.volgorde, "fase": moment.fase.naam},
        contactmoment=moment.pk,
    )
    moment.volgorde = verplaatst.volgorde
    return moment


# --- pain points --------------------------------------------------------------------------------


@transaction.atomic
def pijnpunt_toevoegen(*, contactmoment: Contactmoment, door: User, omschrijving: str) -> Pijnpunt:
    """Note a pain point of a contact moment (pseudonymous text: no personal data of residents)."""
    moment = _moment_onder_slot(contactmoment, door)
    pijnpunt = Pijnpunt(contactmoment=moment, omschrijving=omschrijving.strip())
    pijnpunt.full_clean()
    pijnpunt.save()
    _gebeurtenis(
        moment.fase.klantreis.traject,
        door,
        _("Pain point added to contact moment “%(titel)s”.") % {"titel": moment.titel},
        contactmoment=moment.pk,
        pijnpunt=pijnpunt.pk,
    )
    return pijnpunt


@transaction.atomic
def pijnpunt_verwijderen(*, pijnpunt: Pijnpunt, door: User) -> None:
    """Delete a pain point; refused while improvement points were recorded from it."""
    moment = _moment_onder_slot(pijnpunt.contactmoment, door)
    vers = Pijnpunt.objects.filter(pk=pijnpunt.pk, contactmoment=moment).first()
    if vers is None:
        raise WorkflowFout(_("This pain point no longer exists; someone deleted it in the meantime."))
    if bezwaren := verwijderbezwaren(vers):
        raise WorkflowFout(bezwaren)
    pk = vers.pk
    vers.delete()
    _gebeurtenis(
        moment.fase.klantreis.traject,
        door,
        _("Pain point deleted from contact moment “%(titel)s”.") % {"titel": moment.titel},
        contactmoment=moment.pk,
        pijnpunt=pk,
    )
