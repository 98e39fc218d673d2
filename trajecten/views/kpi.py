"""Step 2, the KPI's: the list with what step 2 still needs, a KPI with its chart and measurements,
defining, changing, approving and deleting KPI's, and entering measurements.

Thin views: the trajectory through `traject_met_recht` (viewing: every member and management;
writing: ``beheer_kpis``; approving: ``keur_kpis``), one service per action, errors back on the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wasstraat.svg import met_eenheid

from .. import selectors, services, workflow
from ..choices import Stap
from ..forms.kpi import KpiForm, MetingForm
from ..forms.traject import RedenForm
from ..grafieken import kpi_grafiek_svg
from ..kpi_voorbeelden import VOORBEELDEN
from ..models import Kpi, KpiMeting, Traject
from .hulp import fout_melden, traject_voor_pagina

BEHEREN = "beheer_kpis"
GOEDKEUREN = "keur_kpis"
DETAIL = "trajecten/kpi_detail.html"


def _kpi_van(traject: Traject, kpi_pk: int) -> Kpi:
    """A KPI of this trajectory; one of another trajectory is not found."""
    kpi = get_object_or_404(
        Kpi.objects.select_related("goedgekeurd_door", "aangemaakt_door"), pk=kpi_pk, traject=traject
    )
    kpi.traject = traject
    return kpi


def _meting_van(kpi: Kpi, meting_pk: int) -> KpiMeting:
    meting = get_object_or_404(KpiMeting.objects.select_related("ingevoerd_door"), pk=meting_pk, kpi=kpi)
    meting.kpi = kpi
    return meting


def _met_teksten(kpi: Kpi, metingen: list[KpiMeting]) -> None:
    """Baseline, target and values written as the user's language does, with the unit ("56 dagen")."""
    kpi.nulmeting_tekst = met_eenheid(kpi.nulmeting, kpi.eenheid)
    kpi.streefwaarde_tekst = met_eenheid(kpi.streefwaarde, kpi.eenheid)
    for meting in metingen:
        meting.waarde_tekst = met_eenheid(meting.waarde, kpi.eenheid)
        meting.doel_gehaald = kpi.doel_gehaald(meting.waarde)
    kpi.laatste_meting = metingen[-1] if metingen else None


# --- the list -----------------------------------------------------------------------------------


@require_GET
@login_required
def lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """Every KPI with its approval, baseline, target, latest measurement and a small chart; what step 2
    still needs; the approve button for the proceseigenaar."""
    traject, rechten = traject_voor_pagina(request, pk)
    kpis = list(selectors.kpis_van(traject=traject))
    for kpi in kpis:  # measurements are prefetched: no query per KPI
        metingen = list(kpi.metingen.all())
        _met_teksten(kpi, metingen)
        kpi.minigrafiek = kpi_grafiek_svg(kpi=kpi, metingen=metingen, breedte=220, hoogte=64)
    ongekeurd = [k for k in kpis if not k.is_goedgekeurd]
    context = {
        "traject": traject,
        "tab": "kpis",
        "rechten": rechten,
        "kpis": kpis,
        "ongekeurd": ongekeurd,
        "stap": traject.stappen.get(stap=Stap.S2),
        "regel": workflow.WORKFLOW[Stap.S2],
        "ontbrekend": workflow.ontbrekend(traject, Stap.S2),
        "mag_beheren": BEHEREN in rechten,
        "mag_goedkeuren": GOEDKEUREN in rechten and bool(ongekeurd),
    }
    return render(request, "trajecten/kpis.html", context)


@require_POST
@login_required
def goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    """The proceseigenaar approves every KPI not approved yet (POST only)."""
    traject, _rechten = traject_voor_pagina(request, pk, GOEDKEUREN)
    try:
        goedgekeurd = services.kpis_goedkeuren(traject=traject, door=request.user)
    except services.WorkflowFout as fout:
        fout_melden(request, fout)
    else:
        messages.success(
            request,
            ngettext("%(aantal)d KPI approved.", "%(aantal)d KPIs approved.", len(goedgekeurd))
            % {"aantal": len(goedgekeurd)},
        )
    return redirect("trajecten:kpis", pk=traject.pk)


# --- one KPI ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Define a KPI, from scratch or from a ready-made example (`?voorbeeld=<key>`)."""
    traject, rechten = traject_voor_pagina(request, pk, BEHEREN)
    voorbeeld = VOORBEELDEN.get(request.GET.get("voorbeeld", ""))
    if request.method == "POST":
        form = KpiForm(request.POST)
        if form.is_valid():
            try:
                kpi = services.kpi_aanmaken(traject=traject, door=request.user, **form.servicevelden())
            except (ValidationError, services.WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("KPI “%(naam)s” defined.") % {"naam": kpi.naam})
                return redirect(kpi)
    else:
        form = KpiForm(initial=voorbeeld.beginwaarden() if voorbeeld else {})
    context = {
        "traject": traject,
        "tab": "kpis",
        "rechten": rechten,
        "form": form,
        "voorbeelden": VOORBEELDEN.values(),
        "voorbeeld": voorbeeld,
    }
    return render(request, "trajecten/kpi_form.html", context)


def _detail_context(
    request: HttpRequest, traject: Traject, rechten: frozenset[str], kpi: Kpi, form: MetingForm | None
) -> dict:
    metingen = list(kpi.metingen.select_related("ingevoerd_door"))
    _met_teksten(kpi, metingen)
    return {
        "traject": traject,
        "tab": "kpis",
        "rechten": rechten,
        "kpi": kpi,
        "metingen": metingen,
        "grafiek": kpi_grafiek_svg(kpi=kpi, metingen=metingen),
        "form": form,
        "mag_beheren": BEHEREN in rechten,
        "verbeterpunten": kpi.verbeterpunten.select_related("ingediend_door"),
    }


@require_GET
@login_required
def detail(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """The KPI: its definition, the chart with a table of the measurements, and entering one."""
    traject, rechten = traject_voor_pagina(request, pk)
    kpi = _kpi_van(traject, kpi_pk)
    form = MetingForm() if BEHEREN in rechten else None
    return render(request, DETAIL, _detail_context(request, traject, rechten, kpi, form))


@require_http_methods(["GET", "POST"])
@login_required
def bewerken(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """Change a KPI; for an approved one the service asks a reason when the definition, unit, baseline
    or target changes."""
    traject, rechten = traject_voor_pagina(request, pk, BEHEREN)
    kpi = _kpi_van(traject, kpi_pk)
    if request.method == "POST":
        form = KpiForm(request.POST, kpi=kpi)
        if form.is_valid():
            try:
                services.kpi_wijzigen(
                    kpi=kpi,
                    door=request.user,
                    reden=form.gegeven_reden(),
                    gezien=form.gezien_versie(),
                    **form.servicevelden(),
                )
            except (ValidationError, services.WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The KPI has been saved."))
                return redirect(kpi)
    else:
        form = KpiForm(kpi=kpi)
    context = {"traject": traject, "tab": "kpis", "rechten": rechten, "form": form, "kpi": kpi}
    return render(request, "trajecten/kpi_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def verwijderen(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """Delete a KPI after a confirmation; an approved one with a reason."""
    traject, rechten = traject_voor_pagina(request, pk, BEHEREN)
    kpi = _kpi_van(traject, kpi_pk)
    form = RedenForm(request.POST if request.method == "POST" else None, verplicht=kpi.is_goedgekeurd)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_verwijderen(kpi=kpi, door=request.user, reden=form.cleaned_data["reden"])
        except services.WorkflowFout as fout:
            fout_melden(request, fout)
            return redirect(kpi)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("KPI “%(naam)s” deleted.") % {"naam": kpi.naam})
            return redirect("trajecten:kpis", pk=traject.pk)
    context = {
        "traject": traject,
        "tab": "kpis",
        "rechten": rechten,
        "kpi": kpi,
        "form": form,
        "aantal_metingen": kpi.metingen.count(),
        "bezwaren": services.kpi_verwijderbezwaren(kpi=kpi),
    }
    return render(request, "trajecten/kpi_verwijderen.html", context)


@require_GET
@login_required
def grafiek(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """The KPI's chart as an SVG file (the same drawing as on the page)."""
    traject, _rechten = traject_voor_pagina(request, pk)
    kpi = _kpi_van(traject, kpi_pk)
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + kpi_grafiek_svg(kpi=kpi)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="kpi-{kpi.pk}.svg"'
    return response


# --- measurements -------------------------------------------------------------------------------


@require_POST
@login_required
def meting_nieuw(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """Enter a measurement. With htmx only the chart, the table and the form are swapped; without
    JavaScript the page reloads (or comes back with the errors at their fields)."""
    traject, rechten = traject_voor_pagina(request, pk, BEHEREN)
    kpi = _kpi_van(traject, kpi_pk)
    form = MetingForm(request.POST)
    if form.is_valid():
        try:
            meting = services.meting_vastleggen(kpi=kpi, door=request.user, **form.cleaned_data)
        except (ValidationError, services.WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request,
                _("Measurement of %(datum)s recorded.") % {"datum": date_format(meting.datum, "j F Y")},
            )
            if not request.htmx:
                return redirect(kpi)
            form = MetingForm()
    context = _detail_context(request, traject, rechten, kpi, form)
    return render(request, f"{DETAIL}#metingen" if request.htmx else DETAIL, context)


@require_http_methods(["GET", "POST"])
@login_required
def meting_verwijderen(request: HttpRequest, pk: int, kpi_pk: int, meting_pk: int) -> HttpResponse:
    """Delete a measurement entered by mistake, after a confirmation."""
    traject, rechten = traject_voor_pagina(request, pk, BEHEREN)
    kpi = _kpi_van(traject, kpi_pk)
    meting = _meting_van(kpi, meting_pk)
    _met_teksten(kpi, [meting])
    if request.method == "POST":
        try:
            services.meting_verwijderen(meting=meting, door=request.user)
        except services.WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("The measurement has been deleted."))
        return redirect(kpi)
    context = {"traject": traject, "tab": "kpis", "rechten": rechten, "kpi": kpi, "meting": meting}
    return render(request, "trajecten/kpi_meting_verwijderen.html", context)
