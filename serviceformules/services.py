"""Writes of the serviceformule catalogue and of step 5, the 6P assessment of a trajectory.

The catalogue is master data kept by the functioneel beheerder (global permissions); a formule is
always saved with all six of its P's. Step 5 happens inside a trajectory (the per-trajectory right
``beoordeel_6p``): choose the formule the product fits, assess every P of the current process against
the formule's promise and internal agreement; a deviation becomes an improvement point with one action
(`verbeterplan.services.afwijking_naar_verbeterpunt` records it: step 5 finds the deviating assessment,
`afwijkende_beoordeling`, and does not import the improvement plan). Like every trajectory service these
lock the trajectory row first and leave an audit event.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trajecten.choices import GebeurtenisSoort, Stap, TrajectStatus
from trajecten.models import Traject
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from trajecten.services.traject import _eis_recht, _vergrendel
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from .choices import Oordeel, P
from .models import Formulekeuze, FormuleP, PBeoordeling, Product, Serviceformule

__all__ = [
    "BEOORDELEN",
    "FORMULE_VELDEN",
    "P_VELDEN",
    "TOELICHTING_VERPLICHT",
    "afwijkende_beoordeling",
    "afwijking_titel",
    "formule_aanmaken",
    "formule_kiezen",
    "formule_wijzigen",
    "gekozen_formule",
    "p_beoordelen",
    "product_formule_zetten",
]

#: The per-trajectory right of step 5.
BEOORDELEN = "beoordeel_6p"

#: The fields of a formule a person fills in, besides the P texts.
FORMULE_VELDEN = ("naam", "omschrijving", "klantrol", "kernwaarden", "actief")

#: The two texts of every P.
P_VELDEN = ("zekerheid", "interne_afspraak")
#: How the form and a conflict name one P text ("Prijs: promise to the resident").
P_LABELS = {
    "zekerheid": gettext_lazy("%(p)s: promise to the resident"),
    "interne_afspraak": gettext_lazy("%(p)s: internal agreement"),
}
#: What the step-5 forms edit: the choice of formule, and the assessment of one P.
KEUZEVELDEN = ("formule", "toelichting")
BEOORDELINGVELDEN = ("oordeel", "toelichting")

#: Why an assessment without explanation is refused (also the form's message for the empty field).
TOELICHTING_VERPLICHT = gettext_lazy(
    "Explain the verdict: what in the current process matches the promise and the internal agreement, "
    "or how it deviates."
)

#: The P texts as the services take them: per P value a mapping with `P_VELDEN` (missing: empty).
PTeksten = Mapping[str, Mapping[str, str]]


# --- the catalogue ------------------------------------------------------------------------------


def _eis_globaal(door: User, recht: str) -> None:
    if not door.has_perm(recht):
        raise PermissionDenied(_("Only the functional administrator keeps the catalogue."))


def _eis_formule_velden(velden: dict) -> None:
    onbekend = set(velden) - set(FORMULE_VELDEN)
    if onbekend:
        raise ValueError(f"Not a field of a serviceformule: {', '.join(sorted(onbekend))}")


def _gestript(velden: dict) -> dict:
    return {naam: waarde.strip() if isinstance(waarde, str) else waarde for naam, waarde in velden.items()}


def p_stand(formule: Serviceformule) -> dict[str, tuple[str, str]]:
    """The twelve P texts of a stored formule as ``{<p>_<field>: (label, text)}``: what the edit form
    shows beside the formule's own fields, so a change to them by someone else is noticed too
    (`wasstraat.bewerking`)."""
    rijen = {rij.p: rij for rij in formule.ps.all()}
    return {
        f"{p.value}_{veld}": (P_LABELS[veld] % {"p": p.label}, getattr(rijen.get(p.value), veld, ""))
        for p in P
        for veld in P_VELDEN
    }


def _ps_opslaan(formule: Serviceformule, ps: PTeksten | None, bestaand: dict[str, FormuleP]) -> None:
    """Save every P's texts (those not given stay as they are, or empty on a new formule).

    Errors are reported as ``<p>_<field>`` so a form with those fields shows them in place.
    """
    ps = ps or {}
    onbekend = set(ps) - set(P.values)
    if onbekend:
        raise ValueError(f"Not a P: {', '.join(sorted(onbekend))}")
    rijen, fouten = [], {}
    for p in P:
        rij = bestaand.get(p.value) or FormuleP(formule=formule, p=p.value)
        for veld in P_VELDEN:
            if veld in ps.get(p.value, {}):
                setattr(rij, veld, (ps[p.value][veld] or "").strip())
        try:
            rij.full_clean(exclude=["formule"])
        except ValidationError as fout:
            for veld, berichten in fout.message_dict.items():
                fouten[f"{p.value}_{veld}"] = berichten
        rijen.append(rij)
    if fouten:
        raise ValidationError(fouten)
    for rij in rijen:
        rij.formule = formule
        rij.save()


@transaction.atomic
def formule_aanmaken(*, door: User, ps: PTeksten | None = None, **velden) -> Serviceformule:
    """Add a municipality's own formule, always with all six P's (texts not given stay empty)."""
    _eis_globaal(door, "serviceformules.add_serviceformule")
    _eis_formule_velden(velden)
    formule = Serviceformule(landelijk=False, **_gestript(velden))
    formule.full_clean()
    formule.save()
    _ps_opslaan(formule, ps, {})
    return formule


@transaction.atomic
def formule_wijzigen(
    *, formule: Serviceformule, door: User, ps: PTeksten | None = None, gezien: str | None = None, **velden
) -> Serviceformule:
    """Change a formule's name, description, customer role, core values, whether it is active, and the
    texts of its P's, in one go. A national formule stays marked national.

    Assessments made earlier keep the texts as they read then; the next assessment uses the new ones.
    `gezien`: the version the user edited (`wasstraat.bewerking`), its P texts included.
    """
    _eis_globaal(door, "serviceformules.change_serviceformule")
    _eis_formule_velden(velden)
    vers = Serviceformule.objects.select_for_update().filter(pk=formule.pk).first()
    if vers is None:
        raise WorkflowFout(_("This serviceformule no longer exists."))
    versie_controleren(vers, gezien=gezien, velden=velden, extra=p_stand(vers))
    for naam, waarde in _gestript(velden).items():
        setattr(vers, naam, waarde)
    vers.full_clean()
    vers.save()
    _ps_opslaan(vers, ps, {rij.p: rij for rij in vers.ps.all()})
    return vers


@transaction.atomic
def product_formule_zetten(
    *, product: Product, formule: Serviceformule | None, door: User, gezien: str | None = None
) -> Product:
    """Give a product its formule (None: none). Step 5 of a trajectory for it proposes this formule.

    An inactive formule cannot be given (one the product already has may stay). `gezien`: the version
    the user edited (`wasstraat.bewerking`).
    """
    _eis_globaal(door, "serviceformules.change_product")
    vers = Product.objects.select_for_update().get(pk=product.pk)
    versie_controleren(vers, gezien=gezien, velden=["serviceformule"])
    nieuw_id = formule.pk if formule is not None else None
    if nieuw_id == vers.serviceformule_id:
        return vers
    if formule is not None and not Serviceformule.objects.filter(pk=formule.pk, actief=True).exists():
        raise ValidationError({"serviceformule": _("This formule is inactive and cannot be chosen.")})
    vers.serviceformule = formule
    vers.full_clean()
    vers.save(update_fields=["serviceformule"])
    return vers


# --- step 5 in a trajectory ---------------------------------------------------------------------


def _eis_open(traject: Traject) -> None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        raise WorkflowFout(
            _("The trajectory is %(status)s; its 6P assessment can no longer change.")
            % {"status": traject.status_keuze.label.lower()}
        )


def gekozen_formule(traject: Traject) -> Serviceformule | None:
    """The formule chosen in the trajectory's step 5, or None."""
    keuze = Formulekeuze.objects.filter(traject=traject).select_related("formule").first()
    return keuze.formule if keuze else None


def _eis_formule(traject: Traject) -> Serviceformule:
    formule = gekozen_formule(traject)
    if formule is None:
        raise WorkflowFout(_("Choose the serviceformule that fits the product first."))
    return formule


@transaction.atomic
def formule_kiezen(
    *, traject: Traject, door: User, formule: Serviceformule, toelichting: str = "", gezien: str | None = None
) -> Formulekeuze:
    """Choose the formule the product is assessed against (only an active one).

    Choosing another formule starts a fresh assessment of the six P's; the assessments against the
    earlier formule, and the improvement points made from them, stay. `gezien`: the version the user
    edited (`wasstraat.bewerking`; also when someone else chose first).
    """
    _eis_recht(door, traject, BEOORDELEN)
    traject = _vergrendel(traject)
    _eis_open(traject)
    keuze = Formulekeuze.objects.filter(traject=traject).select_related("formule").first()
    versie_controleren(keuze, gezien=gezien, velden=KEUZEVELDEN)
    vorige = keuze.formule if keuze else None
    toelichting = (toelichting or "").strip()
    if vorige is not None and vorige.pk == formule.pk and keuze.toelichting == toelichting:
        return keuze
    if (vorige is None or vorige.pk != formule.pk) and not (
        Serviceformule.objects.filter(pk=formule.pk, actief=True).exists()
    ):
        raise ValidationError({"formule": _("This formule is inactive and cannot be chosen.")})
    keuze = keuze or Formulekeuze(traject=traject)
    keuze.formule, keuze.toelichting, keuze.gekozen_door = formule, toelichting, door
    keuze.full_clean()
    keuze.save()
    if vorige is None:
        omschrijving = _("Serviceformule “%(formule)s” chosen.") % {"formule": formule.naam}
    elif vorige.pk == formule.pk:
        omschrijving = _("Explanation of the choice of serviceformule “%(formule)s” changed.") % {
            "formule": formule.naam
        }
    else:
        omschrijving = _(
            "Serviceformule changed from “%(vorige)s” to “%(formule)s”; the six P's are assessed "
            "afresh against it."
        ) % {"vorige": vorige.naam, "formule": formule.naam}
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.SERVICEFORMULE,
        omschrijving=omschrijving,
        stap=Stap.S5,
        gegevens={"formule": formule.pk, "vorige_formule": vorige.pk if vorige else None},
    )
    return keuze


def _p(p: str) -> P:
    try:
        return P(p)
    except ValueError:
        raise ValidationError({"p": _("This is not one of the six P's.")}) from None


def _valideren(beoordeling: PBeoordeling) -> None:
    """The model's rules, with a clear message when the explanation is missing."""
    fouten: dict[str, list] = {}
    try:
        beoordeling.full_clean(exclude=["traject", "formule", "beoordeeld_door"])
    except ValidationError as fout:
        fouten = dict(fout.error_dict)
    if not beoordeling.toelichting:
        fouten["toelichting"] = [ValidationError(TOELICHTING_VERPLICHT, code="toelichting_verplicht")]
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def p_beoordelen(
    *, traject: Traject, door: User, p: str, oordeel: str, toelichting: str, gezien: str | None = None
) -> PBeoordeling:
    """Assess one P of the current process against the chosen formule, with an explanation.

    The formule's promise and internal agreement are copied into the assessment as they read now.
    Assessing the same P again (for the same formule) changes that assessment. `gezien`: the version
    the user edited (`wasstraat.bewerking`; also when someone else assessed the P first).
    """
    _eis_recht(door, traject, BEOORDELEN)
    traject = _vergrendel(traject)
    _eis_open(traject)
    p = _p(p)
    formule = _eis_formule(traject)
    teksten = FormuleP.objects.filter(formule=formule, p=p).first()
    beoordeling = PBeoordeling.objects.filter(traject=traject, formule=formule, p=p).first()
    versie_controleren(beoordeling, gezien=gezien, velden=BEOORDELINGVELDEN)
    vorig_oordeel = beoordeling.oordeel if beoordeling else None
    beoordeling = beoordeling or PBeoordeling(traject=traject, formule=formule, p=p)
    beoordeling.oordeel = oordeel
    beoordeling.toelichting = (toelichting or "").strip()
    beoordeling.zekerheid = teksten.zekerheid if teksten else ""
    beoordeling.interne_afspraak = teksten.interne_afspraak if teksten else ""
    beoordeling.beoordeeld_door = door
    _valideren(beoordeling)
    beoordeling.save()
    waarden = {"p": p.label, "formule": formule.naam, "oordeel": Oordeel(oordeel).label}
    if vorig_oordeel is None:
        omschrijving = _("%(p)s assessed against the %(formule)s: %(oordeel)s.") % waarden
    else:
        omschrijving = _("%(p)s assessed again against the %(formule)s: %(vorig)s → %(oordeel)s.") % {
            **waarden,
            "vorig": Oordeel(vorig_oordeel).label,
        }
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.SERVICEFORMULE,
        omschrijving=omschrijving,
        stap=Stap.S5,
        gegevens={
            "p_beoordeling": beoordeling.pk,
            "formule": formule.pk,
            "p": p.value,
            "oordeel": oordeel,
            "vorig_oordeel": vorig_oordeel,
        },
    )
    return beoordeling


def afwijking_titel(beoordeling: PBeoordeling) -> str:
    """ "Price deviates from the Flitsformule", in the user's language: the title of the improvement point
    a deviating P becomes."""
    waarden = {"p": P(beoordeling.p).label, "formule": beoordeling.formule.naam}
    if beoordeling.oordeel == Oordeel.WIJKT_DEELS_AF:
        return _("%(p)s partly deviates from the %(formule)s") % waarden
    return _("%(p)s deviates from the %(formule)s") % waarden


def afwijkende_beoordeling(traject: Traject, p: str) -> PBeoordeling:
    """The assessment of `p` against the chosen formule, when it deviates: what an improvement point is
    made from (`verbeterplan.services.afwijking_naar_verbeterpunt`, which holds the trajectory's lock and
    records the point; step 5 itself does not import the improvement plan).

    Refused while the trajectory is stopped or finished, before a formule is chosen, for a P not assessed
    yet and for a P that matches the formule. The assessment comes with its trajectory and formule.
    """
    _eis_open(traject)
    p = _p(p)
    formule = _eis_formule(traject)
    beoordeling = PBeoordeling.objects.filter(traject=traject, formule=formule, p=p).first()
    if beoordeling is None:
        raise WorkflowFout(_("%(p)s has not been assessed yet.") % {"p": p.label})
    if not beoordeling.oordeel_keuze.is_afwijking:
        raise WorkflowFout(
            _("%(p)s matches the %(formule)s; there is no deviation to improve.")
            % {"p": p.label, "formule": formule.naam}
        )
    beoordeling.traject, beoordeling.formule = traject, formule
    return beoordeling
