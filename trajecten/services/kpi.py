"""KPI's (step 2): define, change, approve and delete them, and record their measurements.

The proceseigenaar approves the set of KPI's. After that the baseline must stay comparable for the
evaluation in step 10: changing an approved KPI's definition, unit, baseline or target (the fields of
`KPI_BEWAAKTE_VELDEN`) needs a reason and is kept in the timeline with the old and new values; the
approval stays. Every service locks the trajectory row first, like the workflow services, so an
approval and a change made at the same moment never cross.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren
from wasstraat.svg import datum as datum_tekst
from wasstraat.svg import getal

from ..choices import GebeurtenisSoort, KpiRichting, Meetfrequentie, Stap, TrajectStatus
from ..models import KPI_BEWAAKTE_VELDEN, KPI_KERNVELDEN, Kpi, KpiMeting, Traject
from .traject import WorkflowFout, _eis_recht, _vergrendel, gebeurtenis_vastleggen

__all__ = [
    "KPI_COMPLEET",
    "KPI_VELDEN",
    "kpi_aanmaken",
    "kpi_compleet",
    "kpi_verwijderbezwaren",
    "kpi_verwijderen",
    "kpi_wijzigen",
    "kpis_goedkeuren",
    "meting_verwijderen",
    "meting_vastleggen",
]

BEHEREN = "beheer_kpis"
GOEDKEUREN = "keur_kpis"

#: The fields of a KPI a person fills in (the services accept these as keyword arguments).
KPI_VELDEN = (
    "naam",
    "definitie",
    "eenheid",
    "richting",
    "nulmeting",
    "nulmeting_datum",
    "streefwaarde",
    "streefdatum",
    "meetfrequentie",
    "bron",
)


def _compleet_filter() -> Q:
    filter_ = Q()
    for naam in KPI_KERNVELDEN:
        filter_ &= Q(**{f"{naam}__isnull": False})
        if isinstance(Kpi._meta.get_field(naam), models.CharField | models.TextField):
            filter_ &= ~Q(**{naam: ""})
    return filter_


#: KPI's with every field of `KPI_KERNVELDEN` filled in (the model requires them, so: every saved KPI).
KPI_COMPLEET: Q = _compleet_filter()


def kpi_compleet(kpi: Kpi) -> bool:
    """Whether every field of `KPI_KERNVELDEN` is filled in."""
    return all(getattr(kpi, naam) not in (None, "") for naam in KPI_KERNVELDEN)


def _eis_open(traject: Traject) -> None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        raise WorkflowFout(
            _("The trajectory is %(status)s; its KPIs can no longer change.")
            % {"status": traject.status_keuze.label.lower()}
        )


def _eis_kpi_velden(velden: dict) -> None:
    onbekend = set(velden) - set(KPI_VELDEN)
    if onbekend:
        raise ValueError(f"Not a KPI field: {', '.join(sorted(onbekend))}")


def _veldnaam(naam: str) -> str:
    return str(Kpi._meta.get_field(naam).verbose_name)


def _leesbaar(naam: str, waarde: object) -> str:
    """A field's value as the timeline shows it."""
    if waarde in (None, ""):
        return "—"
    if isinstance(waarde, Decimal | int | float):
        return getal(waarde)
    if isinstance(waarde, dt.date):
        return datum_tekst(waarde)
    if naam == "richting":
        return str(KpiRichting(waarde).label)
    if naam == "meetfrequentie":
        return str(Meetfrequentie(waarde).label)
    return str(waarde)


def _gelijk(oud: object, nieuw: object) -> bool:
    return (None if oud == "" else oud) == (None if nieuw == "" else nieuw)


def _vers(kpi: Kpi, traject: Traject) -> Kpi:
    """The KPI as the database holds it now (under the trajectory's lock); gone: a clear refusal."""
    vers = Kpi.objects.filter(pk=kpi.pk, traject=traject).first()
    if vers is None:
        raise WorkflowFout(_("This KPI no longer exists; someone deleted it in the meantime."))
    vers.traject = traject
    return vers


# --- KPI's --------------------------------------------------------------------------------------


@transaction.atomic
def kpi_aanmaken(*, traject: Traject, door: User, **velden) -> Kpi:
    """Define a KPI. It starts unapproved, also when the trajectory's other KPI's are approved."""
    _eis_recht(door, traject, BEHEREN)
    _eis_kpi_velden(velden)
    traject = _vergrendel(traject)
    _eis_open(traject)
    kpi = Kpi(traject=traject, aangemaakt_door=door, **velden)
    kpi.full_clean()
    kpi.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KPI,
        omschrijving=_("KPI “%(naam)s” defined: baseline %(nulmeting)s, target %(streefwaarde)s.")
        % {"naam": kpi.naam, "nulmeting": getal(kpi.nulmeting), "streefwaarde": getal(kpi.streefwaarde)},
        stap=Stap.S2,
        gegevens={"kpi": kpi.pk},
    )
    return kpi


@transaction.atomic
def kpi_wijzigen(*, kpi: Kpi, door: User, reden: str = "", gezien: str | None = None, **velden) -> Kpi:
    """Change a KPI. An approved KPI's definition, unit, baseline or target only changes with a reason.

    Such a change is kept in the timeline with the old and the new values and the reason; the
    approval stays. Other changes, and any change to an unapproved KPI, are logged briefly. The `kpi`
    passed in is not changed; the saved KPI is returned. `gezien`: the version the user edited
    (`wasstraat.bewerking`).
    """
    _eis_recht(door, kpi.traject, BEHEREN)
    _eis_kpi_velden(velden)
    traject = _vergrendel(kpi.traject)
    _eis_open(traject)
    kpi = _vers(kpi, traject)
    versie_controleren(kpi, gezien=gezien, velden=velden)
    oud = {naam: getattr(kpi, naam) for naam in velden}
    for naam, waarde in velden.items():
        setattr(kpi, naam, waarde)
    gewijzigd = [naam for naam in KPI_VELDEN if naam in velden and not _gelijk(oud[naam], velden[naam])]
    if not gewijzigd:
        return kpi
    bewaakt = kpi.is_goedgekeurd and any(naam in KPI_BEWAAKTE_VELDEN for naam in gewijzigd)
    _valideren(kpi, reden_ontbreekt=bewaakt and not reden.strip())
    kpi.save()
    wijzigingen = {n: [_leesbaar(n, oud[n]), _leesbaar(n, getattr(kpi, n))] for n in gewijzigd}
    _wijziging_vastleggen(traject, door, kpi, wijzigingen, bewaakt=bewaakt, reden=reden.strip())
    return kpi


def _wijziging_vastleggen(
    traject: Traject, door: User, kpi: Kpi, wijzigingen: dict[str, list[str]], *, bewaakt: bool, reden: str
) -> None:
    """After approval: the old and new values with the reason. Before: which fields changed."""
    if bewaakt:
        lijst = "; ".join(f"{_veldnaam(n)} {van} → {naar}" for n, (van, naar) in wijzigingen.items())
        omschrijving = _("KPI “%(naam)s” changed after its approval: %(wijzigingen)s.") % {
            "naam": kpi.naam,
            "wijzigingen": lijst,
        }
    else:
        omschrijving = _("KPI “%(naam)s” changed: %(velden)s.") % {
            "naam": kpi.naam,
            "velden": ", ".join(_veldnaam(n) for n in wijzigingen),
        }
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KPI,
        omschrijving=omschrijving,
        stap=Stap.S2,
        reden=reden,
        gegevens={"kpi": kpi.pk, "wijzigingen": wijzigingen, "na_goedkeuring": bewaakt},
    )


def _valideren(kpi: Kpi, *, reden_ontbreekt: bool) -> None:
    """The model's own rules and the missing reason, reported together so the user fixes both at once."""
    fouten: dict[str, list] = {}
    try:
        kpi.full_clean()
    except ValidationError as fout:
        fouten = dict(fout.error_dict)
    if reden_ontbreekt:
        velden = ", ".join(_veldnaam(n) for n in KPI_BEWAAKTE_VELDEN)
        fouten["reden"] = [
            ValidationError(
                _(
                    "This KPI has been approved by the process owner. Give the reason for changing "
                    "its %(velden)s: the baseline must stay comparable for the evaluation."
                )
                % {"velden": velden},
                code="reden_verplicht",
            )
        ]
    if fouten:
        raise ValidationError(fouten)


def kpi_verwijderbezwaren(*, kpi: Kpi) -> list[str]:
    """Why the KPI cannot be deleted (empty: it can). Improvement points keep their source, and an
    improvement action of the plan that expects to move it keeps it too (the reverse relation by name:
    `trajecten` does not import `verbeterplan`)."""
    bezwaren = []
    aantal = kpi.verbeterpunten.count()
    if aantal:
        bezwaren.append(
            ngettext(
                "This KPI cannot be deleted: %(aantal)d improvement point was recorded from it and keeps "
                "it as its source. Change the KPI instead.",
                "This KPI cannot be deleted: %(aantal)d improvement points were recorded from it and keep "
                "it as their source. Change the KPI instead.",
                aantal,
            )
            % {"aantal": aantal}
        )
    acties = kpi.actie_effecten.count()
    if acties:
        bezwaren.append(
            ngettext(
                "This KPI cannot be deleted: %(aantal)d improvement action expects to move it. Remove the "
                "expected effect from that action first.",
                "This KPI cannot be deleted: %(aantal)d improvement actions expect to move it. Remove the "
                "expected effect from those actions first.",
                acties,
            )
            % {"aantal": acties}
        )
    return bezwaren


@transaction.atomic
def kpi_verwijderen(*, kpi: Kpi, door: User, reden: str = "") -> None:
    """Delete a KPI with its measurements: freely while unapproved, with a reason once approved.

    Never when improvement points were recorded from it (they keep it as their source).
    """
    _eis_recht(door, kpi.traject, BEHEREN)
    traject = _vergrendel(kpi.traject)
    _eis_open(traject)
    kpi = _vers(kpi, traject)
    if bezwaren := kpi_verwijderbezwaren(kpi=kpi):
        raise WorkflowFout(bezwaren)
    if kpi.is_goedgekeurd and not reden.strip():
        raise ValidationError(
            {"reden": _("This KPI has been approved by the process owner. Give the reason for deleting it.")}
        )
    naam, pk, aantal, goedgekeurd = kpi.naam, kpi.pk, kpi.metingen.count(), kpi.is_goedgekeurd
    waarden = {n: _leesbaar(n, getattr(kpi, n)) for n in KPI_VELDEN}
    try:
        kpi.delete()
    except ProtectedError:
        raise WorkflowFout(_("This KPI is still referred to elsewhere and cannot be deleted.")) from None
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KPI,
        omschrijving=ngettext(
            "KPI “%(naam)s” deleted, with %(aantal)d measurement.",
            "KPI “%(naam)s” deleted, with %(aantal)d measurements.",
            aantal,
        )
        % {"naam": naam, "aantal": aantal},
        stap=Stap.S2,
        reden=reden.strip(),
        gegevens={"kpi": pk, "waarden": waarden, "was_goedgekeurd": goedgekeurd},
    )


@transaction.atomic
def kpis_goedkeuren(*, traject: Traject, door: User) -> list[Kpi]:
    """The proceseigenaar approves every complete KPI that is not approved yet; a decision in the timeline.

    Refused when there is nothing to approve.
    """
    _eis_recht(door, traject, GOEDKEUREN)
    traject = _vergrendel(traject)
    _eis_open(traject)
    kpis = list(traject.kpis.all())
    if not any(kpi_compleet(k) for k in kpis):
        raise WorkflowFout(_("There is no complete KPI to approve yet. Define at least one KPI first."))
    te_keuren = [k for k in kpis if kpi_compleet(k) and not k.is_goedgekeurd]
    if not te_keuren:
        raise WorkflowFout(_("Every KPI has already been approved."))
    nu = timezone.now()
    for kpi in te_keuren:
        kpi.goedgekeurd_op, kpi.goedgekeurd_door = nu, door
        kpi.save(update_fields=["goedgekeurd_op", "goedgekeurd_door"])
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.BESLUIT,
        omschrijving=ngettext(
            "KPI approved by the process owner: %(namen)s.",
            "KPIs approved by the process owner: %(namen)s.",
            len(te_keuren),
        )
        % {"namen": ", ".join(f"“{k.naam}”" for k in te_keuren)},
        stap=Stap.S2,
        gegevens={"kpis": [k.pk for k in te_keuren]},
    )
    return te_keuren


# --- measurements -------------------------------------------------------------------------------


@transaction.atomic
def meting_vastleggen(
    *, kpi: Kpi, door: User, datum: dt.date, waarde: Decimal, toelichting: str = ""
) -> KpiMeting:
    """Record a measurement of a KPI (not in the future), with who entered it."""
    _eis_recht(door, kpi.traject, BEHEREN)
    traject = _vergrendel(kpi.traject)
    _eis_open(traject)
    kpi = _vers(kpi, traject)
    if datum and datum > timezone.localdate():
        raise ValidationError({"datum": _("A measurement cannot be dated in the future.")})
    meting = KpiMeting(kpi=kpi, datum=datum, waarde=waarde, toelichting=toelichting, ingevoerd_door=door)
    meting.full_clean()
    meting.save()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KPI,
        omschrijving=_("Measurement of KPI “%(naam)s”: %(waarde)s on %(datum)s.")
        % {"naam": kpi.naam, "waarde": getal(meting.waarde), "datum": _leesbaar("datum", meting.datum)},
        stap=Stap.S2,
        gegevens={"kpi": kpi.pk, "meting": meting.pk},
    )
    return meting


@transaction.atomic
def meting_verwijderen(*, meting: KpiMeting, door: User) -> None:
    """Delete a measurement entered by mistake; the timeline keeps what it was."""
    _eis_recht(door, meting.kpi.traject, BEHEREN)
    traject = _vergrendel(meting.kpi.traject)
    _eis_open(traject)
    vers = KpiMeting.objects.filter(pk=meting.pk, kpi__traject=traject).select_related("kpi").first()
    if vers is None:
        raise WorkflowFout(_("This measurement no longer exists; someone deleted it in the meantime."))
    gegevens = {
        "kpi": vers.kpi_id,
        "meting": vers.pk,
        "datum": vers.datum.isoformat(),
        "waarde": str(vers.waarde),
    }
    vers.delete()
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KPI,
        omschrijving=_("Measurement of KPI “%(naam)s” of %(datum)s (%(waarde)s) deleted.")
        % {"naam": vers.kpi.naam, "datum": _leesbaar("datum", vers.datum), "waarde": getal(vers.waarde)},
        stap=Stap.S2,
        gegevens=gegevens,
    )
