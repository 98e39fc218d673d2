"""Sessions of a trajectory: the list, planning, the session page with its notes, and the .ics file."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..choices import SessieSoort
from ..forms.sessies import SessieForm
from ..models import Sessie, Traject
from ..permissions import traject_met_recht


def _sessie_van(traject: Traject, sessie_pk: int) -> Sessie:
    """A session of this trajectory; one of another trajectory is not found."""
    sessie = get_object_or_404(
        Sessie.objects.select_related("aangemaakt_door"), pk=sessie_pk, traject=traject
    )
    sessie.traject = traject
    return sessie


def _soorten(rechten: frozenset[str]) -> list[SessieSoort]:
    """The session types the user may plan here; none means planning is not theirs to do."""
    return services.sessiesoorten_voor(rechten)


@require_GET
@login_required
def lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """Upcoming sessions first (soonest on top), then past ones (latest on top)."""
    traject, rechten = traject_met_recht(request.user, pk)
    sessies = list(traject.sessies.annotate(aantal_aanwezigen=Count("aanwezigen")))
    nu = timezone.now()
    komend = sorted((s for s in sessies if s.eindigt_op >= nu), key=lambda s: s.begint_op)
    voorbij = [s for s in sessies if s.eindigt_op < nu]  # already newest first (model ordering)
    context = {
        "traject": traject,
        "tab": "sessies",
        "rechten": rechten,
        "komend": komend,
        "voorbij": voorbij,
        "mag_plannen": bool(_soorten(rechten)),
    }
    return render(request, "trajecten/sessies.html", context)


def _formulier_afhandelen(form: SessieForm, opslaan: Callable[..., Sessie]) -> Sessie | None:
    """Validate the form and save through the service; on a refusal the errors go to the form."""
    if not form.is_valid():
        return None
    try:
        return opslaan(**form.servicevelden())
    except (ValidationError, services.WorkflowFout) as fout:
        form.servicefout_tonen(fout)
    return None


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan a session. A klantreiscoach may plan journey sessions only."""
    traject, rechten = traject_met_recht(request.user, pk)
    soorten = _soorten(rechten)
    if not soorten:
        raise PermissionDenied
    if request.method == "POST":
        form = SessieForm(request.POST, traject=traject, soorten=soorten)
        sessie = _formulier_afhandelen(
            form,
            lambda **velden: services.sessie_plannen(traject=traject, door=request.user, **velden),
        )
        if sessie is not None:
            messages.success(request, _("Session “%(titel)s” planned.") % {"titel": sessie.titel})
            return redirect(sessie)
    else:
        gevraagd = request.GET.get("soort")  # e.g. "plan the start session" from the overview
        beginsoort = gevraagd if gevraagd in soorten else soorten[0]
        form = SessieForm(initial={"soort": beginsoort}, traject=traject, soorten=soorten)
    context = {"traject": traject, "tab": "sessies", "rechten": rechten, "form": form}
    return render(request, "trajecten/sessie_form.html", context)


@require_GET
@login_required
def detail(request: HttpRequest, pk: int, sessie_pk: int) -> HttpResponse:
    """The session with its notes, attendees and the improvement points raised in it."""
    traject, rechten = traject_met_recht(request.user, pk)
    sessie = _sessie_van(traject, sessie_pk)
    context = {
        "traject": traject,
        "tab": "sessies",
        "rechten": rechten,
        "sessie": sessie,
        "aanwezigen": sessie.aanwezigen.select_related("afdeling").order_by("first_name", "last_name"),
        "verbeterpunten": sessie.verbeterpunten.select_related("ingediend_door"),
        "mag_bewerken": sessie.soort in _soorten(rechten),
    }
    return render(request, "trajecten/sessie_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def bewerken(request: HttpRequest, pk: int, sessie_pk: int) -> HttpResponse:
    """Change a session or record its notes; the same people as may plan a session of its type."""
    traject, rechten = traject_met_recht(request.user, pk)
    sessie = _sessie_van(traject, sessie_pk)
    soorten = _soorten(rechten)
    if sessie.soort not in soorten:
        raise PermissionDenied
    titel = sessie.titel  # the service changes the object even when it refuses the input
    if request.method == "POST":
        form = SessieForm(request.POST, traject=traject, soorten=soorten, sessie=sessie)
        opgeslagen = _formulier_afhandelen(
            form,
            lambda **velden: services.sessie_wijzigen(
                sessie=sessie, door=request.user, gezien=form.gezien_versie(), **velden
            ),
        )
        if opgeslagen is not None:
            messages.success(request, _("Session “%(titel)s” saved.") % {"titel": opgeslagen.titel})
            return redirect(opgeslagen)
    else:
        form = SessieForm(traject=traject, soorten=soorten, sessie=sessie)
    context = {
        "traject": traject,
        "tab": "sessies",
        "rechten": rechten,
        "form": form,
        "sessie": sessie,
        "sessie_titel": titel,
    }
    return render(request, "trajecten/sessie_form.html", context)


@require_GET
@login_required
def agenda(request: HttpRequest, pk: int, sessie_pk: int) -> HttpResponse:
    """The session as an .ics file, to put it in one's calendar."""
    from ..documenten import sessie_ics  # builds the calendar file; only needed here

    traject, _rechten = traject_met_recht(request.user, pk)
    sessie = _sessie_van(traject, sessie_pk)
    response = HttpResponse(sessie_ics(sessie=sessie), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sessie-{sessie.pk}.ics"'
    return response
