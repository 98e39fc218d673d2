"""Pages of one trajectory and the "Mijn trajecten" list: thin views over selectors and services."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services, workflow
from ..choices import GebeurtenisSoort, Stap, StapActie, StapStatusKeuze, TrajectStatus
from ..forms.traject import RedenForm, TrajectFilterForm, TrajectForm
from ..models import Gebeurtenis, Traject
from ..permissions import traject_met_recht
from ..services import WorkflowFout
from .hulp import fout_melden

PER_PAGINA = 20
GEBEURTENISSEN_PER_PAGINA = 50


def _invoer(request: HttpRequest):
    """The submitted data for a form: bound on every POST, even an empty one."""
    return request.POST if request.method == "POST" else None


def _zonder_nummer(stap: Stap) -> str:
    """A step's title without its leading number, for where the number is shown apart."""
    label = str(stap.label)
    nummer, _spatie, rest = label.partition(" ")
    return rest if nummer == stap.value and rest else label


def _status_label(soort: str, waarde: str) -> str:
    """The readable label of a status stored in an audit event (a step's or the trajectory's)."""
    if not waarde:
        return ""
    keuzes = StapStatusKeuze if soort == GebeurtenisSoort.STAP_TRANSITIE else TrajectStatus
    try:
        return str(keuzes(waarde).label)
    except ValueError:
        return waarde


def _met_statuslabels(gebeurtenissen: Iterable[Gebeurtenis]) -> list[Gebeurtenis]:
    lijst = list(gebeurtenissen)
    for gebeurtenis in lijst:
        gebeurtenis.van_label = _status_label(gebeurtenis.soort, gebeurtenis.van_status)
        gebeurtenis.naar_label = _status_label(gebeurtenis.soort, gebeurtenis.naar_status)
    return lijst


# --- list and create ----------------------------------------------------------------------------


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """The "Mijn trajecten" page: the trajectories the user may see, searchable, filtered and paginated."""
    filter_form = TrajectFilterForm(request.GET or None)
    filters = filter_form.filters()
    trajecten = selectors.trajecten_lijst(gebruiker=request.user, **filters)
    pagina = Paginator(trajecten, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "trajecten/lijst.html",
        {
            "filter_form": filter_form,
            "pagina": pagina,
            "gefilterd": any(filters.values()),
            "mag_aanmaken": request.user.has_perm("trajecten.add_traject"),
        },
    )


@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """Create a trajectory; the creator becomes its projectleider."""
    if not request.user.has_perm("trajecten.add_traject"):
        raise PermissionDenied
    form = TrajectForm(_invoer(request))
    if request.method == "POST" and form.is_valid():
        try:
            traject = services.traject_aanmaken(door=request.user, **form.basisgegevens())
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request,
                _(
                    "The trajectory has been created. You are its project "
                    "leader; start by composing the team."
                ),
            )
            return redirect(traject)
    return render(request, "trajecten/form.html", {"form": form, "traject": None})


# --- one trajectory -----------------------------------------------------------------------------

#: The pages with the trajectory header (traject_base.html) show the product's department.
_MET_AFDELING = Traject.objects.select_related("product__afdeling")

#: The page where a step's content is worked on (URL name; it takes the trajectory's pk).
STAP_PAGINAS = {
    Stap.S1: "trajecten:team",
    Stap.S2: "trajecten:kpis",
    Stap.S3A: "trajecten:procesversies",
    Stap.S3B: "trajecten:procesversies",
    Stap.S4: "klantreis:overzicht",
    Stap.S5: "serviceformules:zes_p",
    Stap.S6: "verbeterplan:plan",
    Stap.S7: "verbeterplan:toetsing",
}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The wasstraat at a glance; below it the steps in progress with what is missing and who acts next,
    the steps that can start, and the others on demand; what the user may do."""
    traject, rechten = traject_met_recht(request.user, pk, queryset=_MET_AFDELING)
    stappen = selectors.wasstraat_overzicht(traject=traject, gebruiker=request.user)
    for weergave in stappen:
        weergave.korte_titel = _zonder_nummer(weergave.regel.stap)
        pagina = STAP_PAGINAS.get(weergave.regel.stap)
        weergave.pagina = reverse(pagina, args=[traject.pk]) if pagina else None
    mag_wijzigen = "change_traject" in rechten
    return render(
        request,
        "trajecten/detail.html",
        {
            "traject": traject,
            "tab": "overzicht",
            "rechten": rechten,
            "stappen": stappen,
            "indeling": selectors.stappen_indelen(stappen),
            "status_acties": services.traject_status_acties(traject) if mag_wijzigen else [],
            "team": traject.teamleden.select_related("gebruiker"),
            "sessies": traject.sessies.filter(eindigt_op__gte=timezone.now()).order_by("begint_op")[:3],
            "aantal_verbeterpunten": traject.verbeterpunten.count(),
            "gebeurtenissen": _met_statuslabels(selectors.tijdlijn(traject=traject)[:3]),
        },
    )


@login_required
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the basics; a change by someone else in the meantime is refused, the input kept."""
    traject, _rechten = traject_met_recht(request.user, pk, "change_traject")
    # The form works on a copy, so the page header keeps the saved title while the user edits.
    form = TrajectForm(_invoer(request), instance=copy.copy(traject))
    if request.method == "POST" and form.is_valid():
        try:
            services.traject_wijzigen(
                traject=traject, door=request.user, gezien=form.gezien_versie(), **form.basisgegevens()
            )
        except (WorkflowFout, ValidationError) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(traject)
    return render(request, "trajecten/form.html", {"form": form, "traject": traject})


STATUS_ACTIES: dict[str, dict] = {
    "pauzeren": {
        "service": services.traject_pauzeren,
        "verplicht": True,
        "titel": gettext_lazy("Pause the trajectory"),
        "uitleg": gettext_lazy(
            "While the trajectory is paused, no step can be started, completed, "
            "skipped or reopened. You can resume it at any time."
        ),
        "knop": gettext_lazy("Pause"),
        "knop_klasse": "btn-warning",
        "gelukt": gettext_lazy("The trajectory has been paused."),
    },
    "hervatten": {
        "service": services.traject_hervatten,
        "verplicht": False,
        "titel": gettext_lazy("Resume the trajectory"),
        "uitleg": gettext_lazy("The trajectory continues where it was paused."),
        "knop": gettext_lazy("Resume"),
        "knop_klasse": "btn-primary",
        "gelukt": gettext_lazy("The trajectory has been resumed."),
    },
    "stoppen": {
        "service": services.traject_stoppen,
        "verplicht": True,
        "titel": gettext_lazy("Stop the trajectory"),
        "uitleg": gettext_lazy(
            "Stopping is final: the steps can no longer change. The trajectory "
            "and its history remain visible to the team."
        ),
        "knop": gettext_lazy("Stop for good"),
        "knop_klasse": "btn-danger",
        "gelukt": gettext_lazy("The trajectory has been stopped."),
    },
}


@login_required
def status_wijzigen(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """Pause, resume or stop the trajectory, after a confirmation with a reason."""
    if actie not in STATUS_ACTIES:
        raise Http404
    traject, _rechten = traject_met_recht(request.user, pk, "change_traject")
    instelling = STATUS_ACTIES[actie]
    if request.method != "POST" and actie not in services.traject_status_acties(traject):
        messages.error(
            request,
            _("This is not possible while the trajectory is %(status)s.")
            % {"status": traject.status_keuze.label.lower()},
        )
        return redirect(traject)
    form = RedenForm(_invoer(request), verplicht=instelling["verplicht"])
    if request.method == "POST" and form.is_valid():
        try:
            instelling["service"](traject=traject, door=request.user, reden=form.cleaned_data["reden"])
        except WorkflowFout as fout:
            fout_melden(request, fout)
            return redirect(traject)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, instelling["gelukt"])
            return redirect(traject)
    return render(
        request,
        "trajecten/bevestigen.html",
        {
            "traject": traject,
            "titel": instelling["titel"],
            "uitleg": [instelling["uitleg"]],
            "form": form,
            "knop": instelling["knop"],
            "knop_klasse": instelling["knop_klasse"],
        },
    )


STAP_SERVICES: dict[StapActie, Callable[..., object]] = {
    StapActie.START: services.stap_starten,
    StapActie.AFRONDEN: services.stap_afronden,
    StapActie.OVERSLAAN: services.stap_overslaan,
    StapActie.HEROPENEN: services.stap_heropenen,
}
MET_REDEN = (StapActie.OVERSLAAN, StapActie.HEROPENEN)
STAP_TITELS = {
    StapActie.START: gettext_lazy("Start step %(stap)s"),
    StapActie.AFRONDEN: gettext_lazy("Complete step %(stap)s"),
    StapActie.OVERSLAAN: gettext_lazy("Skip step %(stap)s"),
    StapActie.HEROPENEN: gettext_lazy("Reopen step %(stap)s"),
}
STAP_GELUKT = {
    StapActie.START: gettext_lazy("Step %(stap)s has been started."),
    StapActie.AFRONDEN: gettext_lazy("Step %(stap)s has been completed."),
    StapActie.OVERSLAAN: gettext_lazy("Step %(stap)s has been skipped."),
    StapActie.HEROPENEN: gettext_lazy("Step %(stap)s has been reopened."),
}


def _stap_uitleg(stap: Stap, actie: StapActie, statussen: dict[Stap, str]) -> list[str]:
    """What the confirmation page tells about the step and the consequences of the action."""
    regel = workflow.WORKFLOW[stap]
    uitleg = [_("What this step requires: %(voorwaarde)s") % {"voorwaarde": regel.voorwaarde}]
    if actie == StapActie.OVERSLAAN and regel.overslaan_uitleg:
        uitleg.append(str(regel.overslaan_uitleg))
    if actie == StapActie.HEROPENEN:
        geraakt = [
            s for s in workflow.afhankelijke_stappen(stap) if statussen[s] != StapStatusKeuze.NIET_GESTART
        ]
        if geraakt:
            uitleg.append(
                _("These steps depend on it and go back to “not started”: %(stappen)s.")
                % {"stappen": ", ".join(str(s.label) for s in geraakt)}
            )
    return uitleg


@login_required
def stap_actie(request: HttpRequest, pk: int, stap: str, actie: str) -> HttpResponse:
    """Start, complete, skip or reopen a step, as the workflow table allows the user's roles."""
    try:
        stap, actie = Stap(stap), StapActie(actie)
    except ValueError:
        raise Http404 from None
    traject, _rechten = traject_met_recht(request.user, pk)
    rollen = services.rollen_van(traject=traject, gebruiker=request.user)
    if not workflow.WORKFLOW[stap].rollen_voor(actie) & rollen:
        raise PermissionDenied
    statussen = {Stap(r.stap): r.status for r in traject.stappen.all()}
    if request.method != "POST":
        fouten = workflow.weigeringen(
            stap=stap,
            actie=actie,
            traject_status=traject.status,
            statussen=statussen,
            rollen=rollen,
            reden="-",
        )
        if not fouten and actie == StapActie.AFRONDEN:
            fouten = workflow.ontbrekend(traject, stap)
        if fouten:
            fout_melden(request, fouten)
            return redirect(traject)
    met_reden = actie in MET_REDEN
    form = RedenForm(_invoer(request)) if met_reden else None
    if request.method == "POST" and (form is None or form.is_valid()):
        extra = {"reden": form.cleaned_data["reden"]} if form else {}
        try:
            STAP_SERVICES[actie](traject=traject, stap=stap, door=request.user, **extra)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, STAP_GELUKT[actie] % {"stap": stap.label})
        return redirect(f"{traject.get_absolute_url()}#stap-{stap.value}")
    return render(
        request,
        "trajecten/bevestigen.html",
        {
            "traject": traject,
            "titel": STAP_TITELS[actie] % {"stap": stap.label},
            "uitleg": _stap_uitleg(stap, actie, statussen),
            "form": form,
            "knop": actie.label,
            "knop_klasse": "btn-primary",
        },
    )


@login_required
def tijdlijn(request: HttpRequest, pk: int) -> HttpResponse:
    """The trajectory's audit trail: every transition and change, who, when and why."""
    traject, _rechten = traject_met_recht(request.user, pk, queryset=_MET_AFDELING)
    pagina = Paginator(selectors.tijdlijn(traject=traject), GEBEURTENISSEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "trajecten/tijdlijn.html",
        {
            "traject": traject,
            "tab": "tijdlijn",
            "pagina": pagina,
            "gebeurtenissen": _met_statuslabels(pagina),
        },
    )


@login_required
def trajectkaart(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page trajectory summary as an accessible PDF, for download."""
    traject, _rechten = traject_met_recht(request.user, pk)
    from wasstraat.pdf import PdfNietBeschikbaar

    from ..documenten import trajectkaart_pdf  # WeasyPrint is slow to import; only here

    try:
        pdf = trajectkaart_pdf(traject=traject)
    except PdfNietBeschikbaar as fout:
        messages.error(request, str(fout))
        return redirect(traject)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="trajectkaart-{traject.pk}.pdf"'
    return response
