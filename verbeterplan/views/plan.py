"""Step 6, the improvement plan: every improvement point of the trajectory by step or source with the
team's decision on it (accept into a new action, merge, reject with a reason), the actions in their
order, an action's page and form, and the impact × effort matrix (also as an SVG file).

Thin views: the trajectory through `traject_voor_pagina` (viewing: every member and management;
deciding and editing: ``bewerk_verbeterplan``), points and actions looked up inside the trajectory
(another trajectory's is a 404), one service per action, a refusal back on the form or as a message.
"""

from __future__ import annotations

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trajecten import workflow
from trajecten.choices import Stap
from trajecten.models import Kpi, Traject
from trajecten.permissions import TOETSSTUKKEN, alleen_toetsing
from trajecten.services import WorkflowFout
from trajecten.views.hulp import fout_melden, traject_voor_pagina
from wasstraat.pdf import PdfNietBeschikbaar

from .. import pdf, selectors, services, tasks
from ..choices import VoorwaardeStatus
from ..document import plandocument
from ..forms import AfwijzenForm, OvernemenForm, PlanFilterForm, SamenvoegenForm, VerbeteractieForm
from ..matrix import matrix_svg, matrix_tabel
from ..models import Verbeteractie, Verbeterpunt

BEWERKEN = services.BEWERKEN
TAB = "verbeterplan"
BESLUITPAGINA = "verbeterplan/punt_besluiten.html"
ACTIEFORMULIER = "verbeterplan/actie_form.html"
FILTERS = ("bron", "stap", "besluit", "groeperen")
#: Seconds a requested PDF may take before a new request asks the task again.
PDF_WACHTEN = 120
PDF_STATUS = "verbeterplan/_plan_pdf_status.html"


def _context(traject: Traject, rechten: frozenset[str], **extra) -> dict:
    gesloten = services.plan_gesloten(traject)
    return {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "gesloten": gesloten,
        "mag_bewerken": BEWERKEN in rechten and gesloten is None,
        "alleen_toetsing": alleen_toetsing(rechten),
        **extra,
    }


def _punt_van(traject: Traject, punt_pk: int) -> Verbeterpunt:
    punt = get_object_or_404(
        Verbeterpunt.objects.select_related("actie", "ingediend_door", "besloten_door", *selectors.BRONNEN),
        pk=punt_pk,
        traject=traject,
    )
    punt.traject = traject
    return punt


def _actie_van(traject: Traject, actie_pk: int) -> Verbeteractie:
    actie = get_object_or_404(selectors.verbeteractie_van(traject, actie_pk))
    actie.traject = traject
    for punt in actie.punten.all():
        punt.traject = traject
    return actie


def _kpis(traject: Traject) -> list[Kpi]:
    return list(Kpi.objects.filter(traject=traject).order_by("naam", "pk"))


def _filterdeel(request: HttpRequest) -> str:
    """The plan page's filters from the query string, to take along and back ("?bron=kpi&…" or "")."""
    waarden = {naam: request.GET[naam] for naam in FILTERS if request.GET.get(naam)}
    return f"?{urlencode(waarden)}" if waarden else ""


def _naar_plan(request: HttpRequest, traject: Traject, anker: str = "") -> HttpResponse:
    url = reverse("verbeterplan:plan", args=[traject.pk]) + _filterdeel(request)
    return redirect(f"{url}#{anker}" if anker else url)


def _naar_acties(traject: Traject, anker: str = "") -> HttpResponse:
    url = reverse("verbeterplan:acties", args=[traject.pk])
    return redirect(f"{url}#{anker}" if anker else url)


# --- the plan page ------------------------------------------------------------------------------


@require_GET
@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 6: the trajectory's improvement points under their step or source, filtered by the query
    string, each with where it came from and what became of it; what step 6 still needs."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    filterform = PlanFilterForm(request.GET or None)
    filters = (
        filterform.filters() if request.GET else {"bron": "", "stap": "", "besluit": "", "groeperen": "stap"}
    )
    punten = list(
        selectors.verbeterpunten_van(
            traject=traject, bron=filters["bron"], stap=filters["stap"], besluit=filters["besluit"]
        )
    )
    for punt in punten:
        punt.traject = traject
    aantal_acties = Verbeteractie.objects.filter(traject=traject).count()
    context = _context(
        traject,
        rechten,
        filterform=filterform,
        gefilterd=any(filters[n] for n in ("bron", "stap", "besluit")),
        groepen=selectors.gegroepeerd(punten, op=filters["groeperen"]),
        aantal_punten=len(punten),
        aantal_acties=aantal_acties,
        filterdeel=_filterdeel(request),
        stap=traject.stappen.get(stap=Stap.S6),
        regel=workflow.WORKFLOW[Stap.S6],
        ontbrekend=workflow.ontbrekend(traject, Stap.S6),
    )
    return render(request, "verbeterplan/plan.html", context)


# --- deciding on a point ------------------------------------------------------------------------


def _besluitpagina(
    request: HttpRequest, traject: Traject, rechten: frozenset[str], punt: Verbeterpunt, form=None
) -> HttpResponse:
    """The decision page: the point, what became of it, and the three decisions, `form` the active one
    (bound after a refused POST)."""
    acties = Verbeteractie.objects.filter(traject=traject).order_by("volgorde", "pk")
    formulieren = {
        "overnemen": OvernemenForm(punt=punt),
        "samenvoegen": SamenvoegenForm(punt=punt, acties=acties),
        "afwijzen": AfwijzenForm(punt=punt),
    }
    if form is not None:
        formulieren[form.besluit] = form
    context = _context(
        traject,
        rechten,
        punt=punt,
        form=form,
        actief=form.besluit if form is not None else None,
        heeft_acties=acties.exists(),
        filterdeel=_filterdeel(request),
        **{f"{naam}_form": f for naam, f in formulieren.items()},
    )
    return render(request, BESLUITPAGINA, context)


@require_GET
@login_required
def punt_besluiten(request: HttpRequest, pk: int, punt_pk: int) -> HttpResponse:
    """A point with where it came from and what became of it; for the team, the three decisions."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    return _besluitpagina(request, traject, rechten, _punt_van(traject, punt_pk))


def _besluit(request: HttpRequest, pk: int, punt_pk: int, formklasse, uitvoeren) -> HttpResponse:
    """One decision: GET shows the page with this form; POST calls the service through `uitvoeren`
    (form, point) → message, and returns to the plan."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    punt = _punt_van(traject, punt_pk)
    extra = {"acties": Verbeteractie.objects.filter(traject=traject)} if formklasse is SamenvoegenForm else {}
    if request.method != "POST":
        return _besluitpagina(request, traject, rechten, punt, formklasse(punt=punt, **extra))
    form = formklasse(request.POST, punt=punt, **extra)
    if form.is_valid():
        try:
            bericht = uitvoeren(form, punt)
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, bericht)
            return _naar_plan(request, traject, f"punt-{punt.pk}")
    return _besluitpagina(request, traject, rechten, punt, form)


@require_http_methods(["GET", "POST"])
@login_required
def punt_overnemen(request: HttpRequest, pk: int, punt_pk: int) -> HttpResponse:
    """Accept a point into a new action."""

    def uitvoeren(form: OvernemenForm, punt: Verbeterpunt) -> str:
        actie = services.verbeterpunt_overnemen(
            punt=punt, door=request.user, titel=form.cleaned_data["titel"], gezien=form.gezien_versie()
        )
        return _(
            "“%(punt)s” is now action %(nummer)d, “%(actie)s”. Fill in its impact, effort and the rest."
        ) % {
            "punt": punt.titel,
            "nummer": actie.volgorde,
            "actie": actie.titel,
        }

    return _besluit(request, pk, punt_pk, OvernemenForm, uitvoeren)


@require_http_methods(["GET", "POST"])
@login_required
def punt_samenvoegen(request: HttpRequest, pk: int, punt_pk: int) -> HttpResponse:
    """Merge a point into an existing action."""

    def uitvoeren(form: SamenvoegenForm, punt: Verbeterpunt) -> str:
        actie = services.verbeterpunt_samenvoegen(
            punt=punt, actie=form.cleaned_data["actie"], door=request.user, gezien=form.gezien_versie()
        )
        return _("“%(punt)s” is merged into action “%(actie)s”.") % {"punt": punt.titel, "actie": actie.titel}

    return _besluit(request, pk, punt_pk, SamenvoegenForm, uitvoeren)


@require_http_methods(["GET", "POST"])
@login_required
def punt_afwijzen(request: HttpRequest, pk: int, punt_pk: int) -> HttpResponse:
    """Reject a point with the reason."""

    def uitvoeren(form: AfwijzenForm, punt: Verbeterpunt) -> str:
        services.verbeterpunt_afwijzen(
            punt=punt,
            door=request.user,
            reden=form.cleaned_data["afwijzingsreden"],
            gezien=form.gezien_versie(),
        )
        return _("“%(punt)s” is rejected.") % {"punt": punt.titel}

    return _besluit(request, pk, punt_pk, AfwijzenForm, uitvoeren)


# --- the actions --------------------------------------------------------------------------------


def _matrix_titel(traject: Traject) -> str:
    return _("Impact × effort matrix of “%(traject)s”") % {"traject": traject.titel}


@require_GET
@login_required
def acties(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's actions in their order (moved up and down by the team), with the impact × effort
    matrix and its table."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    lijst = selectors.verbeteracties_van(traject=traject)
    context = _context(
        traject,
        rechten,
        acties=lijst,
        matrix=matrix_svg(lijst, titel=_matrix_titel(traject)) if lijst else None,
        matrix_tabel=matrix_tabel(lijst),
    )
    return render(request, "verbeterplan/acties.html", context)


@require_GET
@login_required
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """The impact × effort matrix as an SVG file: the same drawing as on the page."""
    traject, _rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    svg = matrix_svg(selectors.verbeteracties_van(traject=traject), titel=_matrix_titel(traject))
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="verbeterplan-matrix-{traject.pk}.svg"'
    return response


@require_GET
@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The improvement plan as it stands, as an accessible PDF marked *concept*, for download (every
    member and management, like the trajectkaart, and a specialist asked for a review: it is the plan).

    WeasyPrint needs a second or more for a large plan, so the Celery task renders it: while the PDF
    of this state of the plan is not there yet, the task is asked once and a page says it is being
    made; it asks again every few seconds (htmx) and offers the download once it is there. (Without
    Redis the task runs in-process and the PDF comes at once.)"""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    with translation.override("nl"):
        sleutel = pdf.pdf_sleutel(traject=traject, document=plandocument(traject=traject))
    inhoud = pdf.opgeslagen_pdf(traject=traject, sleutel=sleutel)
    if inhoud is None and cache.add(f"verbeterplan-pdf-{traject.pk}-{sleutel}", True, PDF_WACHTEN):
        try:
            tasks.plan_pdf_maken.delay(traject.pk)
        except PdfNietBeschikbaar as fout:  # in-process, without Redis
            cache.delete(f"verbeterplan-pdf-{traject.pk}-{sleutel}")
            messages.error(request, str(fout))
            return redirect("verbeterplan:acties", pk=traject.pk)
        inhoud = pdf.opgeslagen_pdf(traject=traject, sleutel=sleutel)
    if request.htmx:  # the waiting page asks whether it is there yet
        return render(request, PDF_STATUS, {"traject": traject, "klaar": inhoud is not None})
    if inhoud is None:
        return render(request, "verbeterplan/plan_pdf_wachten.html", _context(traject, rechten, klaar=False))
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verbeterplan-{traject.pk}-concept.pdf"'
    return response


@require_GET
@login_required
def actie(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    """One action: its fields, the KPI's it should move, the points it was made of (with their
    sources), and the open conditions of the specialists' approvals on it."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    gevonden = _actie_van(traject, actie_pk)
    voorwaarden = gevonden.voorwaarden.filter(status=VoorwaardeStatus.OPEN).select_related(
        "eigenaar", "oordeel__verzoek__specialist"
    )
    return render(
        request,
        "verbeterplan/actie_detail.html",
        _context(traject, rechten, actie=gevonden, open_voorwaarden=list(voorwaarden)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def actie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an action at the end of the plan (points are merged into it from their decision page)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    kpis = _kpis(traject)
    form = VerbeteractieForm(request.POST or None, traject=traject, kpis=kpis)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.verbeteractie_aanmaken(
                traject=traject, door=request.user, kpi_effecten=form.kpi_effecten(), **form.servicevelden()
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Action “%(actie)s” added to the plan.") % {"actie": nieuw.titel})
            return redirect(nieuw)
    return render(request, ACTIEFORMULIER, _context(traject, rechten, form=form, actie=None))


@require_http_methods(["GET", "POST"])
@login_required
def actie_bewerken(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    """Change an action: its fields and the expected effect on each KPI."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    bestaand = get_object_or_404(Verbeteractie, pk=actie_pk, traject=traject)
    bestaand.traject = traject
    kpis = _kpis(traject)
    if request.method == "POST":
        form = VerbeteractieForm(request.POST, instance=copy.copy(bestaand), traject=traject, kpis=kpis)
        if form.is_valid():
            try:
                services.verbeteractie_wijzigen(
                    actie=bestaand,
                    door=request.user,
                    gezien=form.gezien_versie(),
                    kpi_effecten=form.kpi_effecten(),
                    **form.servicevelden(),
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(
                    request, _("Action “%(actie)s” saved.") % {"actie": form.cleaned_data["titel"]}
                )
                return redirect(bestaand)
    else:
        form = VerbeteractieForm(instance=bestaand, traject=traject, kpis=kpis)
    return render(request, ACTIEFORMULIER, _context(traject, rechten, form=form, actie=bestaand))


@require_POST
@login_required
def actie_verplaatsen(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    """Move an action one place up or down in the plan (`richting` = "op" or "neer")."""
    traject, _rechten = traject_voor_pagina(request, pk, BEWERKEN)
    bestaand = get_object_or_404(Verbeteractie, pk=actie_pk, traject=traject)
    bestaand.traject = traject
    richting = request.POST.get("richting")
    if richting not in (services.OP, services.NEER):
        messages.error(request, _("Choose up or down to move the action."))
        return _naar_acties(traject, f"actie-{bestaand.pk}")
    try:
        verplaatst = services.verbeteractie_verplaatsen(actie=bestaand, door=request.user, richting=richting)
    except WorkflowFout as fout:
        fout_melden(request, fout)
        return _naar_acties(traject, f"actie-{bestaand.pk}")
    messages.success(
        request,
        _("Action “%(actie)s” is now number %(nummer)d.")
        % {"actie": verplaatst.titel, "nummer": verplaatst.volgorde},
    )
    return _naar_acties(traject, f"actie-{bestaand.pk}")
