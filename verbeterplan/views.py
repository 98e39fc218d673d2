"""Pages of the improvement plan: the trajectory's improvement points and recording a new one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from trajecten.models import Kpi, ProcesStap, Sessie, Traject
from trajecten.permissions import traject_met_recht

from .choices import VerbeterpuntStatus
from .forms import VerbeterpuntForm
from .models import Verbeterpunt
from .services import verbeterpunt_vastleggen

RECHT = "vastleggen_verbeterpunt"
LIJST = "verbeterplan/verbeterpunten.html"


def _vastleggen(
    request: HttpRequest,
    traject: Traject,
    form: VerbeterpuntForm,
    sessie: Sessie | None = None,
    kpi: Kpi | None = None,
    processtap: ProcesStap | None = None,
) -> Verbeterpunt | None:
    """Record the point through the service; on a refusal the errors go to the form."""
    if not form.is_valid():
        return None
    try:
        punt = verbeterpunt_vastleggen(
            traject=traject,
            door=request.user,
            sessie=sessie,
            kpi=kpi,
            processtap=processtap,
            **form.cleaned_data,
        )
    except ValidationError as fout:
        form.servicefout_tonen(fout)
        return None
    messages.success(request, _("Improvement point “%(titel)s” recorded.") % {"titel": punt.titel})
    return punt


def _bron_uit_verzoek(request: HttpRequest, naam: str, queryset, **binnen_traject):
    """The source object a point comes from (`?<naam>=` or the hidden field), or None.

    Only an object of this trajectory (`binnen_traject` filters on it); anything else is a 404.
    """
    waarde = request.POST.get(naam) or request.GET.get(naam)
    if not waarde:
        return None
    try:
        bron_pk = int(waarde)
    except ValueError:
        raise Http404 from None
    return get_object_or_404(queryset, pk=bron_pk, **binnen_traject)


def _sessie_uit_verzoek(request: HttpRequest, traject: Traject) -> Sessie | None:
    sessie = _bron_uit_verzoek(request, "sessie", Sessie.objects.all(), traject=traject)
    if sessie is not None:
        sessie.traject = traject
    return sessie


def _kpi_uit_verzoek(request: HttpRequest, traject: Traject) -> Kpi | None:
    kpi = _bron_uit_verzoek(request, "kpi", Kpi.objects.all(), traject=traject)
    if kpi is not None:
        kpi.traject = traject
    return kpi


def _processtap_uit_verzoek(request: HttpRequest, traject: Traject) -> ProcesStap | None:
    queryset = ProcesStap.objects.select_related("versie")
    stap = _bron_uit_verzoek(request, "processtap", queryset, versie__traject=traject)
    if stap is not None:
        stap.versie.traject = traject
    return stap


@require_http_methods(["GET", "POST"])
@login_required
def verbeterpunten(request: HttpRequest, pk: int) -> HttpResponse:
    """Every improvement point of the trajectory, with where it came from; members add one here."""
    if request.method == "POST":
        traject, rechten = traject_met_recht(request.user, pk, RECHT)
        form = VerbeterpuntForm(request.POST)
        if _vastleggen(request, traject, form) is not None:
            if not request.htmx:
                return redirect("verbeterplan:verbeterpunten", pk=traject.pk)
            form = VerbeterpuntForm()
    else:
        traject, rechten = traject_met_recht(request.user, pk)
        form = VerbeterpuntForm() if RECHT in rechten else None
    punten = list(
        traject.verbeterpunten.select_related("ingediend_door", "sessie", "kpi", "processtap__versie")
    )
    for punt in punten:
        punt.status_kleur = VerbeterpuntStatus(punt.status).kleur  # the badge colour
    context = {
        "traject": traject,
        "tab": "verbeterpunten",
        "rechten": rechten,
        "form": form,
        "punten": punten,
    }
    # htmx swaps only the list and the form; without JavaScript the whole page is served.
    return render(request, f"{LIJST}#punten" if request.htmx else LIJST, context)


@require_http_methods(["GET", "POST"])
@login_required
def verbeterpunt_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an improvement point on a page of its own, from a session (`?sessie=<pk>`) or not."""
    traject, rechten = traject_met_recht(request.user, pk, RECHT)
    sessie = _sessie_uit_verzoek(request, traject)
    kpi = _kpi_uit_verzoek(request, traject)
    processtap = _processtap_uit_verzoek(request, traject)
    if len([b for b in (sessie, kpi, processtap) if b is not None]) > 1:
        raise Http404  # a point has one source
    if request.method == "POST":
        form = VerbeterpuntForm(request.POST)
        if _vastleggen(request, traject, form, sessie=sessie, kpi=kpi, processtap=processtap) is not None:
            if sessie is not None:
                return redirect(sessie)
            if kpi is not None:
                return redirect(kpi)
            if processtap is not None:
                return redirect(f"{processtap.versie.get_absolute_url()}#stap-{processtap.pk}")
            return redirect("verbeterplan:verbeterpunten", pk=traject.pk)
    else:
        form = VerbeterpuntForm()
    context = {
        "traject": traject,
        "tab": "verbeterpunten",
        "rechten": rechten,
        "form": form,
        "sessie": sessie,
        "kpi": kpi,
        "processtap": processtap,
    }
    return render(request, "verbeterplan/verbeterpunt_form.html", context)
