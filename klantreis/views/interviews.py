"""Interviews of step 4: the list, recording, viewing, changing, deleting and exporting them, and sharing
their insights with the journey.

Only the klantreiscoach (``lees_interviews``) opens these pages; every other member gets 403, management
too, and outsiders 404. Every view, change, export and deletion of notes is logged by the service
(`klantreis.privacy`). Pages with notes are never cached, and personal data never reaches an error
report: the views are marked `sensitive_variables` (every frame beneath them is cleansed) and
`sensitive_post_parameters`.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.services import WorkflowFout
from trajecten.views.hulp import fout_melden, traject_voor_pagina

from .. import privacy
from ..forms.interviews import InterviewForm, InzichtForm
from ..models import Interview, Inzicht, Klantreis
from ..services import klantreis_van
from .privacy import csv_antwoord

LEZEN = privacy.LEZEN
BEWERKEN = privacy.BEWERKEN
#: POST fields that may hold personal data: never in an error report.
GEVOELIG = ("pseudoniem", "notities", "kerninzichten", "tekst", "kerninzicht")


def _interview_van(traject: Traject, interview_pk: int) -> Interview:
    """An interview of this trajectory's journey; one of another trajectory is not found."""
    interview = get_object_or_404(
        Interview.objects.select_related("klantreis", "aangemaakt_door"),
        pk=interview_pk,
        klantreis__traject=traject,
    )
    interview.klantreis.traject = traject
    return interview


def _basis(traject: Traject, rechten: frozenset[str], **extra) -> dict:
    return {"traject": traject, "tab": "klantreis", "rechten": rechten, **extra}


def _bewaartermijn(traject: Traject) -> dict:
    """Until when the notes are kept: the step 4 row, and the date the notes go once the retention period
    began (step 4 completed, or the trajectory stopped)."""
    stap = traject.stappen.get(stap=Stap.S4)
    begin, reden = privacy.bewaartermijn_begin(traject)
    return {
        "stap4": stap,
        "bewaartermijn_einde": privacy.bewaartermijn_einde(begin) if begin else None,
        "bewaartermijn_reden": reden,
        "bewaartermijn_maanden": settings.KLANTREIS_BEWAARTERMIJN_MAANDEN,
    }


def _zonder_reis(request: HttpRequest, traject: Traject) -> HttpResponse:
    messages.warning(request, _("Describe the target group first."))
    return redirect("klantreis:bewerken", pk=traject.pk)


# --- the list and the export --------------------------------------------------------------------


@sensitive_variables()
@require_GET
@login_required
@never_cache
def lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """The journey's interviews (date, customer type, pseudonym, consent, whether the notes still exist)."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    reis: Klantreis | None = klantreis_van(traject)
    interviews = (
        reis.interviews.defer("notities", "kerninzichten").select_related("aangemaakt_door")
        if reis is not None
        else Interview.objects.none()
    )
    context = _basis(traject, rechten, klantreis=reis, interviews=list(interviews), **_bewaartermijn(traject))
    return render(request, "klantreis/interviews.html", context)


@sensitive_variables()
@require_GET
@login_required
@never_cache
def exporteren(request: HttpRequest, pk: int) -> HttpResponse:
    """Every interview of the trajectory, notes included, as a CSV file; the export is logged."""
    traject, _rechten = traject_voor_pagina(request, pk, LEZEN)
    rijen = privacy.interviews_exporteren(traject=traject, door=request.user)
    return csv_antwoord(rijen, f"interviews-traject-{traject.pk}.csv")


# --- one interview ------------------------------------------------------------------------------


@sensitive_variables()
@sensitive_post_parameters(*GEVOELIG)
@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an interview; without a journey, the coach first describes the target group."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    if klantreis_van(traject) is None:
        return _zonder_reis(request, traject)
    if request.method == "POST":
        form = InterviewForm(request.POST)
        if form.is_valid():
            try:
                interview = privacy.interview_aanmaken(
                    traject=traject, door=request.user, **form.servicevelden()
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The interview has been recorded."))
                return redirect(interview)
    else:
        form = InterviewForm()
    return render(
        request, "klantreis/interview_form.html", _basis(traject, rechten, form=form, interview=None)
    )


def _detail(
    request: HttpRequest, traject, rechten, interview: Interview, form: InzichtForm | None
) -> HttpResponse:
    """The interview's page; opening it is logged (also when it comes back with a form error)."""
    privacy.interview_bekijken(interview=interview, door=request.user)
    gedeeld = {i.tekst for i in interview.klantreis.inzichten.all()}
    kerninzichten = interview.kerninzichten_lijst
    context = _basis(
        traject,
        rechten,
        interview=interview,
        kerninzichten=[(tekst, tekst in gedeeld) for tekst in kerninzichten],
        inzichten=list(interview.inzichten.select_related("gedeeld_door")),
        form=form or InzichtForm(kerninzichten=[t for t in kerninzichten if t not in gedeeld]),
        mag_bewerken=BEWERKEN in rechten,
        **_bewaartermijn(traject),
    )
    return render(request, "klantreis/interview_detail.html", context)


@sensitive_variables()
@require_GET
@login_required
@never_cache
def detail(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """The interview with its notes (or when they were deleted) and key insights; sharing an insight."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    interview = _interview_van(traject, interview_pk)
    return _detail(request, traject, rechten, interview, None)


@sensitive_variables()
@sensitive_post_parameters(*GEVOELIG)
@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def bewerken(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Change an interview; opening the form (it shows the notes) is logged like a view."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    interview = _interview_van(traject, interview_pk)
    if request.method == "POST":
        form = InterviewForm(request.POST, instance=copy.copy(interview))
        if form.is_valid():
            try:
                privacy.interview_wijzigen(
                    interview=interview,
                    door=request.user,
                    gezien=form.gezien_versie(),
                    **form.servicevelden(),
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The interview has been saved."))
                return redirect(interview)
    else:
        privacy.interview_bekijken(interview=interview, door=request.user, bewerken=True)
        form = InterviewForm(instance=copy.copy(interview))
    context = _basis(traject, rechten, form=form, interview=interview)
    return render(request, "klantreis/interview_form.html", context)


@sensitive_variables()
@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def verwijderen(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Delete an interview after a confirmation; the insights shared from it stay on the journey."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    interview = _interview_van(traject, interview_pk)
    if request.method == "POST":
        try:
            privacy.interview_verwijderen(interview=interview, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
            return redirect("klantreis:interviews", pk=traject.pk)
        messages.success(request, _("The interview has been deleted with its notes."))
        return redirect("klantreis:interviews", pk=traject.pk)
    context = _basis(traject, rechten, interview=interview, aantal_gedeeld=interview.inzichten.count())
    return render(request, "klantreis/interview_verwijderen.html", context)


# --- insights -----------------------------------------------------------------------------------


@sensitive_variables()
@sensitive_post_parameters(*GEVOELIG)
@require_POST
@login_required
@never_cache
def inzicht_delen(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Share one of the interview's key insights, or one in the coach's words, with the journey."""
    traject, rechten = traject_voor_pagina(request, pk, LEZEN)
    interview = _interview_van(traject, interview_pk)
    form = InzichtForm(request.POST, kerninzichten=interview.kerninzichten_lijst)
    if form.is_valid():
        try:
            privacy.inzicht_delen(interview=interview, door=request.user, tekst=form.gekozen_tekst())
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The insight has been shared with the team on the customer journey."))
            return redirect(f"{interview.get_absolute_url()}#inzichten")
    return _detail(request, traject, rechten, interview, form)


@require_http_methods(["GET", "POST"])
@login_required
def inzicht_verwijderen(request: HttpRequest, pk: int, inzicht_pk: int) -> HttpResponse:
    """Take a shared insight off the journey, after a confirmation (the klantreiscoach)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    inzicht = get_object_or_404(
        Inzicht.objects.select_related("klantreis", "interview").defer(
            "interview__notities", "interview__kerninzichten"
        ),
        pk=inzicht_pk,
        klantreis__traject=traject,
    )
    inzicht.klantreis.traject = traject
    terug = reverse("klantreis:overzicht", args=[traject.pk]) + "#inzichten"
    if request.method == "POST":
        try:
            privacy.inzicht_verwijderen(inzicht=inzicht, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("The insight has been taken off the customer journey."))
        return redirect(terug)
    context = _basis(traject, rechten, inzicht=inzicht, terug=terug)
    return render(request, "klantreis/interview_verwijderen.html", context)
