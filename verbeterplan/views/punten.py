"""Pages of the improvement plan: the trajectory's improvement points and recording a new one.

A point is recorded where it arose; the page `verbeterpunt_nieuw` takes its source from the query
string (`?sessie=`, `?kpi=`, `?processtap=`, `?contactmoment=`, `?pijnpunt=`, `?p_beoordeling=`):
only an object of this trajectory, and at most one. A deviating P of step 5 becomes a point in one
click (`p_verbeterpunt`, the button on the 6P page). The step apps link here by URL name; they do not
import this app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klantreis.models import Contactmoment, Pijnpunt
from serviceformules.choices import P
from serviceformules.models import PBeoordeling
from serviceformules.services import BEOORDELEN
from trajecten.models import Kpi, ProcesStap, Sessie, Traject
from trajecten.permissions import traject_met_recht
from trajecten.services import WorkflowFout
from trajecten.views.hulp import fout_melden

from ..choices import VerbeterpuntStatus
from ..forms import VerbeterpuntForm
from ..models import Verbeterpunt
from ..services import afwijking_naar_verbeterpunt, verbeterpunt_vastleggen

RECHT = "vastleggen_verbeterpunt"
LIJST = "verbeterplan/verbeterpunten.html"

#: What the list needs to name and link every source without a query per point.
BRONNEN = (
    "sessie",
    "kpi",
    "processtap__versie",
    "contactmoment__fase__klantreis",
    "pijnpunt__contactmoment__fase__klantreis",
    "p_beoordeling",
)


def _vastleggen(
    request: HttpRequest, traject: Traject, form: VerbeterpuntForm, **bron
) -> Verbeterpunt | None:
    """Record the point through the service, with its source (`bron`: at most one object given);
    on a refusal the errors go to the form."""
    if not form.is_valid():
        return None
    try:
        punt = verbeterpunt_vastleggen(traject=traject, door=request.user, **bron, **form.cleaned_data)
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


def _contactmoment_uit_verzoek(request: HttpRequest, traject: Traject) -> Contactmoment | None:
    queryset = Contactmoment.objects.select_related("fase__klantreis")
    moment = _bron_uit_verzoek(request, "contactmoment", queryset, fase__klantreis__traject=traject)
    if moment is not None:
        moment.fase.klantreis.traject = traject
    return moment


def _pijnpunt_uit_verzoek(request: HttpRequest, traject: Traject) -> Pijnpunt | None:
    queryset = Pijnpunt.objects.select_related("contactmoment__fase__klantreis")
    pijnpunt = _bron_uit_verzoek(
        request, "pijnpunt", queryset, contactmoment__fase__klantreis__traject=traject
    )
    if pijnpunt is not None:
        pijnpunt.contactmoment.fase.klantreis.traject = traject
    return pijnpunt


def _p_beoordeling_uit_verzoek(request: HttpRequest, traject: Traject) -> PBeoordeling | None:
    beoordeling = _bron_uit_verzoek(request, "p_beoordeling", PBeoordeling.objects.all(), traject=traject)
    if beoordeling is not None:
        beoordeling.traject = traject
    return beoordeling


def _bronnen_uit_verzoek(request: HttpRequest, traject: Traject) -> dict:
    """The source named in the request, as the service's keyword (empty: the trajectory itself).

    Each object must belong to this trajectory (else 404); naming two sources is a 404 as well.
    """
    bronnen = {
        "sessie": _sessie_uit_verzoek(request, traject),
        "kpi": _kpi_uit_verzoek(request, traject),
        "processtap": _processtap_uit_verzoek(request, traject),
        "contactmoment": _contactmoment_uit_verzoek(request, traject),
        "pijnpunt": _pijnpunt_uit_verzoek(request, traject),
        "p_beoordeling": _p_beoordeling_uit_verzoek(request, traject),
    }
    gegeven = {naam: bron for naam, bron in bronnen.items() if bron is not None}
    if len(gegeven) > 1:
        raise Http404  # a point has one source
    return gegeven


def _bron_url(naam: str, bron) -> str:
    """Where the user goes back to: the source's own page, at the source."""
    if naam == "processtap":
        return f"{bron.versie.get_absolute_url()}#stap-{bron.pk}"
    if naam == "pijnpunt":
        return f"{bron.contactmoment.get_absolute_url()}#pijnpunt-{bron.pk}"
    return bron.get_absolute_url()  # a session, KPI, contact moment, or the P on the 6P page


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
    punten = list(traject.verbeterpunten.select_related("ingediend_door", *BRONNEN))
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
    """Record an improvement point on a page of its own, from a source named in the query string (a
    session, KPI, process step, contact moment or moment of truth, pain point, or P) or not."""
    traject, rechten = traject_met_recht(request.user, pk, RECHT)
    bronnen = _bronnen_uit_verzoek(request, traject)
    bron_naam, bron = next(iter(bronnen.items()), (None, None))
    if request.method == "POST":
        form = VerbeterpuntForm(request.POST)
        if _vastleggen(request, traject, form, **bronnen) is not None:
            if bron is None:
                return redirect("verbeterplan:verbeterpunten", pk=traject.pk)
            return redirect(_bron_url(bron_naam, bron))
    else:
        form = VerbeterpuntForm()
    context = {
        "traject": traject,
        "tab": "verbeterpunten",
        "rechten": rechten,
        "form": form,
        "bron_naam": bron_naam,
        "bron_url": _bron_url(bron_naam, bron) if bron is not None else None,
        **{naam: bronnen.get(naam) for naam in ("sessie", "kpi", "processtap", "contactmoment", "pijnpunt")},
        "p_beoordeling": bronnen.get("p_beoordeling"),
    }
    return render(request, "verbeterplan/verbeterpunt_form.html", context)


@require_POST
@login_required
def p_verbeterpunt(request: HttpRequest, pk: int, p: str) -> HttpResponse:
    """The one action of step 5: a deviating P becomes an improvement point (step 5's right
    `beoordeel_6p`); back to the P on the 6P page."""
    traject, _rechten = traject_met_recht(request.user, pk, BEOORDELEN)
    try:
        p = P(p)
    except ValueError:
        raise Http404 from None  # not one of the six P's
    try:
        punt = afwijking_naar_verbeterpunt(traject=traject, door=request.user, p=p.value)
    except WorkflowFout as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, _("Improvement point “%(titel)s” recorded.") % {"titel": punt.titel})
    return redirect(reverse("serviceformules:zes_p", args=[traject.pk]) + f"#p-{p.value}")
