"""Step 5 in a trajectory: the serviceformule chosen for the product and the assessment of the six P's.

The page shows the formule (or the choice, proposing the product's formule), the 6P overview as a
picture and as a table, per P the promise, the internal agreement and the verdict with its
explanation, a one-click improvement point for each deviation (its button posts to the improvement
plan's `verbeterplan:p_verbeterpunt`: step 5 does not import `verbeterplan`), and the current process map
beside it for the comparison. Viewing: every member and management; choosing, assessing and the
improvement point: ``beoordeel_6p``. Thin views: the trajectory through `traject_met_recht`, one service
each.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trajecten import workflow
from trajecten.choices import ProcesSoort, Stap, TrajectStatus, VersieStatus
from trajecten.models import ProcesVersie, Traject
from trajecten.permissions import BEKIJKEN
from trajecten.services import WorkflowFout
from trajecten.swimlane import swimlane_svg
from trajecten.views.hulp import traject_voor_pagina

from .. import services
from ..choices import P
from ..forms.zes_p import FormulekeuzeForm, PBeoordelingForm
from ..models import Formulekeuze, FormuleP, PBeoordeling, Serviceformule
from ..overzicht import zes_p_svg

BEOORDELEN = services.BEOORDELEN
TAB = "zes_p"

#: The trajectory header shows the product's department; step 5 proposes the product's formule.
_TRAJECTEN = Traject.objects.select_related("product__afdeling", "product__serviceformule")


def _traject(request: HttpRequest, pk: int, recht: str = BEKIJKEN) -> tuple[Traject, frozenset[str]]:
    return traject_voor_pagina(request, pk, recht, queryset=_TRAJECTEN)


def _p(p: str) -> P:
    """One of the six P's from the URL; anything else is not found."""
    try:
        return P(p)
    except ValueError:
        raise Http404 from None


def _keuze(traject: Traject) -> Formulekeuze | None:
    keuze = Formulekeuze.objects.filter(traject=traject).select_related("formule", "gekozen_door").first()
    if keuze is not None:
        keuze.traject = traject
    return keuze


def _afgesloten(traject: Traject) -> bool:
    return traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND)


def _naar_p(traject: Traject, p: str) -> HttpResponse:
    return redirect(reverse("serviceformules:zes_p", args=[traject.pk]) + f"#p-{p}")


def _beoordelingen(traject: Traject, formule: Serviceformule | None) -> dict[str, PBeoordeling | None]:
    """Per P value the assessment against `formule` (None: not assessed), with its improvement points."""
    beoordelingen: dict[str, PBeoordeling | None] = {p.value: None for p in P}
    if formule is None:
        return beoordelingen
    for beoordeling in (
        PBeoordeling.objects.filter(traject=traject, formule=formule)
        .select_related("beoordeeld_door")
        .prefetch_related("verbeterpunten")  # the reverse relation: step 5 does not import verbeterplan
    ):
        beoordeling.traject, beoordeling.formule = traject, formule
        beoordelingen[beoordeling.p] = beoordeling
    return beoordelingen


def _huidig_proces(traject: Traject) -> tuple[ProcesVersie | None, str]:
    """The current-process map of step 3 (the latest checked version, else the latest) and its diagram."""
    versie = (
        traject.procesversies.filter(soort=ProcesSoort.HUIDIG)
        .annotate(
            gecontroleerd=Case(
                When(status=VersieStatus.GECONTROLEERD, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-gecontroleerd", "-aangemaakt_op", "-pk")
        .first()
    )
    if versie is None:
        return None, ""
    versie.traject = traject
    return versie, swimlane_svg(versie=versie, stappen=list(versie.stappen.order_by("volgorde", "pk")))


def _rijen(formule: Serviceformule | None, beoordelingen: dict[str, PBeoordeling | None]) -> list[dict]:
    """Per P, in the method's order: the formule's texts, the assessment and its improvement point."""
    teksten = {rij.p: rij for rij in FormuleP.objects.filter(formule=formule)} if formule else {}
    rijen = []
    for p in P:
        beoordeling = beoordelingen[p.value]
        punten = sorted(beoordeling.verbeterpunten.all(), key=lambda punt: punt.pk) if beoordeling else []
        huidig = teksten.get(p.value)
        nu = (huidig.zekerheid, huidig.interne_afspraak) if huidig else ("", "")
        # What was assessed: the texts as they read then; the formule's own texts otherwise.
        getoond = (beoordeling.zekerheid, beoordeling.interne_afspraak) if beoordeling else nu
        rijen.append(
            {
                "p": p,
                "zekerheid": getoond[0],
                "interne_afspraak": getoond[1],
                "tekst_gewijzigd": beoordeling is not None and getoond != nu,
                "beoordeling": beoordeling,
                "oordeel": beoordeling.oordeel_keuze if beoordeling else None,
                "afwijking": bool(beoordeling and beoordeling.oordeel_keuze.is_afwijking),
                "verbeterpunt": punten[0] if punten else None,
            }
        )
    return rijen


def _keuzeform(traject: Traject, keuze: Formulekeuze | None, data=None) -> FormulekeuzeForm:
    """The choice form; a new choice proposes the product's formule (if it is active)."""
    huidige = keuze.formule if keuze else None
    if keuze is not None:
        beginwaarden = {"formule": keuze.formule_id, "toelichting": keuze.toelichting}
    else:
        voorstel = traject.product.serviceformule
        beginwaarden = {"formule": voorstel.pk} if voorstel is not None and voorstel.actief else {}
    return FormulekeuzeForm(data, initial=beginwaarden, huidige=huidige, keuze=keuze)


def _stapblok(traject: Traject) -> dict:
    return {
        "stap": traject.stappen.get(stap=Stap.S5),
        "regel": workflow.WORKFLOW[Stap.S5],
        "ontbrekend": workflow.ontbrekend(traject, Stap.S5),
    }


# --- the page -----------------------------------------------------------------------------------


@require_GET
@login_required
def overzicht(request: HttpRequest, pk: int) -> HttpResponse:
    """The 6P page of a trajectory (the "6 P's" tab)."""
    traject, rechten = _traject(request, pk)
    keuze = _keuze(traject)
    formule = keuze.formule if keuze else None
    beoordelingen = _beoordelingen(traject, formule)
    mag_beoordelen = BEOORDELEN in rechten and not _afgesloten(traject)
    versie, proces_svg = _huidig_proces(traject)
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "keuze": keuze,
        "formule": formule,
        "voorstel": traject.product.serviceformule,
        "keuze_form": _keuzeform(traject, keuze) if mag_beoordelen and keuze is None else None,
        "mag_beoordelen": mag_beoordelen,
        "rijen": _rijen(formule, beoordelingen),
        "aantal_beoordeeld": sum(1 for b in beoordelingen.values() if b is not None),
        "zes_p_svg": zes_p_svg(formule, beoordelingen) if formule else "",
        "procesversie": versie,
        "proces_svg": proces_svg,
        **_stapblok(traject),
    }
    return render(request, "serviceformules/zes_p.html", context)


@require_GET
@login_required
def svg(request: HttpRequest, pk: int) -> HttpResponse:
    """The 6P overview alone, as an SVG file (every P "not assessed yet" while no formule is chosen)."""
    traject, _rechten = _traject(request, pk)
    keuze = _keuze(traject)
    formule = keuze.formule if keuze else None
    tekening = zes_p_svg(formule, _beoordelingen(traject, formule))
    response = HttpResponse(tekening, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="6p-{traject.pk}.svg"'
    return response


# --- choosing the formule -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def formule_kiezen(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose (or change) the formule the product is assessed against: a page of its own, and the
    target of the choice form on the 6P page."""
    traject, rechten = _traject(request, pk, BEOORDELEN)
    keuze = _keuze(traject)
    form = _keuzeform(traject, keuze, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.formule_kiezen(
                traject=traject,
                door=request.user,
                formule=form.cleaned_data["formule"],
                toelichting=form.cleaned_data["toelichting"],
                gezien=form.gezien_versie(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Serviceformule “%(naam)s” chosen.") % {"naam": nieuw.formule.naam})
            return redirect("serviceformules:zes_p", pk=traject.pk)
    eerdere = PBeoordeling.objects.filter(traject=traject, formule=keuze.formule).count() if keuze else 0
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "form": form,
        "keuze": keuze,
        "aantal_beoordeeld": eerdere,
        "afgesloten": _afgesloten(traject),
    }
    return render(request, "serviceformules/formule_kiezen.html", context)


# --- assessing a P ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def beoordelen(request: HttpRequest, pk: int, p: str) -> HttpResponse:
    """Assess one P against the chosen formule: its promise and agreement above the form."""
    traject, rechten = _traject(request, pk, BEOORDELEN)
    p = _p(p)
    keuze = _keuze(traject)
    if keuze is None:
        messages.error(request, _("Choose the serviceformule that fits the product first."))
        return redirect("serviceformules:zes_p", pk=traject.pk)
    bestaand = PBeoordeling.objects.filter(traject=traject, formule=keuze.formule, p=p).first()
    beginwaarden = {"oordeel": bestaand.oordeel, "toelichting": bestaand.toelichting} if bestaand else {}
    form = PBeoordelingForm(
        request.POST if request.method == "POST" else None, initial=beginwaarden, beoordeling=bestaand
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.p_beoordelen(
                traject=traject,
                door=request.user,
                p=p.value,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
                gezien=form.gezien_versie(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("%(p)s assessed.") % {"p": p.label})
            return _naar_p(traject, p.value)
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "form": form,
        "p": p,
        "formule": keuze.formule,
        "teksten": FormuleP.objects.filter(formule=keuze.formule, p=p).first(),
        "beoordeling": bestaand,
        "afgesloten": _afgesloten(traject),
    }
    return render(request, "serviceformules/p_beoordelen.html", context)
