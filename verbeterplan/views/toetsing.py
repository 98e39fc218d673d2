"""Step 7, the review of the improvement plan: the review page (requests, verdicts, conditions, the
trajectory's basics), requesting a review, a request's page with the plan as the specialist saw it, the
verdict per action or for the whole plan, withdrawing, a fresh review of changed actions, keeping up a
condition, and "Mijn toetsingen" across trajectories.

Thin views. Every page of a trajectory goes through `traject_voor_pagina(..., zicht=TOETSSTUKKEN)`: the
team and management see it, and so does a specialist asked for a review who is not on the team, who sees
only their own requests (someone else's: 403). Requesting and withdrawing: ``vraag_toetsing`` (the
projectleider); a verdict: only the specialist asked (the service checks it too); conditions:
``bewerk_verbeterplan``.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from trajecten import workflow
from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.permissions import TOETSSTUKKEN, alleen_toetsing
from trajecten.services import WorkflowFout
from trajecten.views.hulp import traject_voor_pagina

from .. import selectors, toetsing
from ..choices import ToetsverzoekStatus, VoorwaardeStatus
from ..forms import HerhalenForm, IntrekkenForm, ToetsoordeelForm, ToetsverzoekForm, VoorwaardeForm
from ..models import Toetsverzoek, Verbeteractie, Voorwaarde
from ..momentopname import acties_in, gewijzigde_velden, leesbaar, plan_momentopname
from ..toetsvragen import antwoorden_leesbaar

TAB = "toetsing"
AANVRAGEN = toetsing.AANVRAGEN
BEWERKEN = toetsing.BEWERKEN


def _pagina(request: HttpRequest, pk: int, recht: str | None = None) -> tuple[Traject, frozenset[str]]:
    return traject_voor_pagina(request, pk, recht or TOETSSTUKKEN, zicht=TOETSSTUKKEN)


def _context(request: HttpRequest, traject: Traject, rechten: frozenset[str], **extra) -> dict:
    gesloten = toetsing.aanvragen_gesloten(traject)
    return {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "alleen_toetsing": alleen_toetsing(rechten),
        "aanvragen_gesloten": gesloten,
        "mag_aanvragen": AANVRAGEN in rechten and gesloten is None,
        "mag_voorwaarden": BEWERKEN in rechten,
        **extra,
    }


def _verzoek_van(
    request: HttpRequest, traject: Traject, rechten: frozenset[str], verzoek_pk: int
) -> Toetsverzoek:
    """A request of this trajectory (another's: 404); a specialist outside the team sees only their own
    (someone else's: 403)."""
    verzoek = get_object_or_404(
        Toetsverzoek.objects.select_related(
            "specialist", "aangevraagd_door", "ingetrokken_door", "herhaling_van"
        ),
        pk=verzoek_pk,
        traject=traject,
    )
    if alleen_toetsing(rechten) and verzoek.specialist_id != request.user.pk:
        raise PermissionDenied
    verzoek.traject = traject
    return verzoek


def _huidig(traject: Traject) -> dict[int, dict]:
    return acties_in(plan_momentopname(traject))


def _stand(verzoek: Toetsverzoek, huidig: dict[int, dict]) -> None:
    """Annotate a request (verdicts and actions loaded) with what changed since its snapshot: per
    verdict `eerdere_versie`, on the request `gewijzigd` (action pks) and `oordeel_per_actie`."""
    gewijzigd = set(toetsing.gewijzigde_acties(verzoek, huidig))
    verzoek.gewijzigd = gewijzigd
    verzoek.oordeel_per_actie = {}
    verzoek.planoordeel = None
    for oordeel in verzoek.oordelen.all():
        if oordeel.actie_id is None:
            oordeel.eerdere_versie = bool(gewijzigd)
            verzoek.planoordeel = oordeel
        else:
            oordeel.eerdere_versie = oordeel.actie_id in gewijzigd
            verzoek.oordeel_per_actie[oordeel.actie_id] = oordeel
        oordeel.antwoorden_leesbaar = antwoorden_leesbaar(verzoek.discipline, oordeel.antwoorden)
    verzoek.kan_herhalen = verzoek.status == ToetsverzoekStatus.BEANTWOORD and bool(gewijzigd)


# --- the review page ----------------------------------------------------------------------------


@require_GET
@login_required
def overzicht(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 7: the trajectory's basics, the review requests with their verdicts (marked when given on an
    earlier version of the action), the conditions, and what step 7 still needs. A specialist outside
    the team sees their own requests only."""
    traject, rechten = _pagina(request, pk)
    eigen = alleen_toetsing(rechten)
    verzoeken = selectors.toetsverzoeken_van(traject=traject, specialist=request.user if eigen else None)
    huidig = _huidig(traject)
    for verzoek in verzoeken:
        _stand(verzoek, huidig)
    context = _context(
        request,
        traject,
        rechten,
        verzoeken=verzoeken,
        voorwaarden=[] if eigen else selectors.voorwaarden_van(traject=traject),
        aantal_acties=len(huidig),
        stap=traject.stappen.get(stap=Stap.S7),
        regel=workflow.WORKFLOW[Stap.S7],
        ontbrekend=[] if eigen else workflow.ontbrekend(traject, Stap.S7),
    )
    return render(request, "verbeterplan/toetsing.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def aanvragen(request: HttpRequest, pk: int) -> HttpResponse:
    """Request a review from a specialist: person, discipline, term (default ten working days)."""
    traject, rechten = _pagina(request, pk, AANVRAGEN)
    form = ToetsverzoekForm(request.POST or None, termijn=toetsing.standaardtermijn())
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = toetsing.toetsverzoek_aanvragen(
                traject=traject,
                door=request.user,
                specialist=form.cleaned_data["specialist"],
                discipline=form.cleaned_data["discipline"],
                termijn=form.cleaned_data["termijn"],
                bericht=form.cleaned_data["bericht"],
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request,
                _("Review requested from %(persoon)s; they get an e-mail and a notification.")
                % {"persoon": verzoek.specialist},
            )
            return redirect("verbeterplan:toetsing", pk=traject.pk)
    return render(
        request, "verbeterplan/toetsverzoek_form.html", _context(request, traject, rechten, form=form)
    )


# --- one request --------------------------------------------------------------------------------


def _actierijen(verzoek: Toetsverzoek, huidig: dict[int, dict]) -> list[dict]:
    """The actions asked about, as in the snapshot, with their verdict and what changed since."""
    eerder = acties_in(verzoek.momentopname)
    rijen = []
    for actie in verzoek.acties.all():
        gezien = eerder.get(actie.pk)
        rijen.append(
            {
                "pk": actie.pk,
                "gezien": leesbaar(gezien),
                "gewijzigd": _veldlabels(gewijzigde_velden(gezien, huidig.get(actie.pk))) if gezien else [],
                "oordeel": verzoek.oordeel_per_actie.get(actie.pk),
            }
        )
    return rijen


def _veldlabels(namen: list[str]) -> list[str]:
    """The snapshot's keys as the reader knows them (the action form's labels)."""
    extra = {"kpi_effecten": _("expected effects on KPIs"), "punten": _("improvement points")}
    return [str(extra.get(n) or Verbeteractie._meta.get_field(n).verbose_name) for n in namen]


@require_GET
@login_required
def verzoek(request: HttpRequest, pk: int, verzoek_pk: int) -> HttpResponse:
    """A request: who, discipline, term, status; the actions asked about as the specialist saw them, each
    with its verdict (or, for the specialist, the way to give it); the verdict on the whole plan."""
    traject, rechten = _pagina(request, pk)
    gevonden = _verzoek_van(request, traject, rechten, verzoek_pk)
    verzoek_ = selectors.toetsverzoeken_van(traject=traject, pk=gevonden.pk)[0]
    huidig = _huidig(traject)
    _stand(verzoek_, huidig)
    context = _context(
        request,
        traject,
        rechten,
        verzoek=verzoek_,
        rijen=_actierijen(verzoek_, huidig),
        is_eigen=verzoek_.specialist_id == request.user.pk,
        mag_oordelen=verzoek_.specialist_id == request.user.pk and verzoek_.is_open,
    )
    return render(request, "verbeterplan/toetsverzoek.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def oordeel(request: HttpRequest, pk: int, verzoek_pk: int, actie_pk: int | None = None) -> HttpResponse:
    """The specialist's verdict on one action of the request, or (no action) on the whole plan."""
    traject, rechten = _pagina(request, pk)
    verzoek_ = _verzoek_van(request, traject, rechten, verzoek_pk)
    if verzoek_.specialist_id != request.user.pk:
        raise PermissionDenied
    actie = None
    if actie_pk is not None:
        actie = get_object_or_404(verzoek_.acties.select_related("voorgestelde_eigenaar"), pk=actie_pk)
    form = ToetsoordeelForm(request.POST or None, discipline=verzoek_.discipline)
    if request.method == "POST" and form.is_valid():
        try:
            toetsing.toetsoordeel_geven(
                verzoek=verzoek_,
                door=request.user,
                actie=actie,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
                voorwaarden=form.voorwaarde_regels(),
                antwoorden=form.antwoorden(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Your verdict has been submitted. Thank you."))
            return redirect(verzoek_)
    eerder = acties_in(verzoek_.momentopname)
    gezien = eerder.get(actie.pk) if actie else None
    context = _context(
        request,
        traject,
        rechten,
        verzoek=verzoek_,
        actie=actie,
        gezien=leesbaar(gezien),
        gewijzigd_sinds=bool(actie and gewijzigde_velden(gezien, _huidig(traject).get(actie.pk))),
        gegeven=verzoek_.oordelen.filter(actie=actie).exists(),
        form=form,
    )
    return render(request, "verbeterplan/toetsoordeel_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def intrekken(request: HttpRequest, pk: int, verzoek_pk: int) -> HttpResponse:
    """Withdraw a request that has not been answered, with the reason."""
    traject, rechten = _pagina(request, pk, AANVRAGEN)
    verzoek_ = _verzoek_van(request, traject, rechten, verzoek_pk)
    form = IntrekkenForm(request.POST or None, verzoek=verzoek_)
    if request.method == "POST" and form.is_valid():
        try:
            toetsing.toetsverzoek_intrekken(
                verzoek=verzoek_,
                door=request.user,
                reden=form.cleaned_data["intrekreden"],
                gezien=form.gezien_versie(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request, _("The request to %(persoon)s is withdrawn.") % {"persoon": verzoek_.specialist}
            )
            return redirect("verbeterplan:toetsing", pk=traject.pk)
    return render(
        request,
        "verbeterplan/toetsverzoek_intrekken.html",
        _context(request, traject, rechten, verzoek=verzoek_, form=form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def herhalen(request: HttpRequest, pk: int, verzoek_pk: int) -> HttpResponse:
    """Ask the same specialist for a fresh review of just the actions that changed since their verdict."""
    traject, rechten = _pagina(request, pk, AANVRAGEN)
    verzoek_ = _verzoek_van(request, traject, rechten, verzoek_pk)
    huidig = _huidig(traject)
    gewijzigd = toetsing.gewijzigde_acties(verzoek_, huidig)
    form = HerhalenForm(request.POST or None, termijn=toetsing.standaardtermijn())
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = toetsing.toetsing_herhalen(
                verzoek=verzoek_,
                door=request.user,
                termijn=form.cleaned_data["termijn"],
                bericht=form.cleaned_data["bericht"],
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            aantal = nieuw.acties.count()
            messages.success(
                request,
                ngettext(
                    "A fresh review of %(aantal)d action is requested from %(persoon)s.",
                    "A fresh review of %(aantal)d actions is requested from %(persoon)s.",
                    aantal,
                )
                % {"aantal": aantal, "persoon": nieuw.specialist},
            )
            return redirect("verbeterplan:toetsing", pk=traject.pk)
    context = _context(
        request,
        traject,
        rechten,
        verzoek=verzoek_,
        gewijzigd=[huidig[pk_] for pk_ in gewijzigd],
        form=form,
    )
    return render(request, "verbeterplan/toetsing_herhalen.html", context)


# --- a condition --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def voorwaarde(request: HttpRequest, pk: int, voorwaarde_pk: int) -> HttpResponse:
    """Keep up a condition: its owner; met, set aside with the reason, or open again."""
    traject, rechten = _pagina(request, pk, BEWERKEN)
    bestaand = get_object_or_404(
        Voorwaarde.objects.select_related("actie", "eigenaar", "oordeel__verzoek__specialist"),
        pk=voorwaarde_pk,
        traject=traject,
    )
    bestaand.traject = traject
    if request.method == "POST":
        form = VoorwaardeForm(request.POST, instance=copy.copy(bestaand), traject=traject)
        if form.is_valid():
            try:
                toetsing.voorwaarde_bijwerken(
                    voorwaarde=bestaand,
                    door=request.user,
                    eigenaar=form.cleaned_data["eigenaar"],
                    status=form.cleaned_data["status"],
                    toelichting=form.cleaned_data["toelichting"],
                    gezien=form.gezien_versie(),
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The condition is saved."))
                return redirect(reverse("verbeterplan:toetsing", args=[traject.pk]) + "#voorwaarden")
    else:
        form = VoorwaardeForm(instance=bestaand, traject=traject)
    return render(
        request,
        "verbeterplan/voorwaarde_form.html",
        _context(request, traject, rechten, voorwaarde=bestaand, form=form, statussen=VoorwaardeStatus),
    )


# --- across trajectories ------------------------------------------------------------------------


@require_GET
@login_required
def mijn_toetsingen(request: HttpRequest) -> HttpResponse:
    """Every review asked of the user, open ones first by their term, then the answered and withdrawn."""
    return render(
        request,
        "verbeterplan/mijn_toetsingen.html",
        {"verzoeken": selectors.mijn_toetsingen(gebruiker=request.user)},
    )
