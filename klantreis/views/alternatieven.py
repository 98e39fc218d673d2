"""Alternatives to own interviews (step 4): record, change and delete them; attach, download and delete
files of existing customer feedback.

Thin views: the trajectory through `traject_met_recht` (writing: ``bewerk_klantreis``, the
klantreiscoach; downloading an attachment: ``view_traject``, every member and management), the
alternative and the attachment only within that trajectory (another trajectory's is a 404), one
service per action, errors back at their field. Attachments are served through Django, never from
MEDIA_URL: as a download, with the content type of their extension and ``nosniff``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trajecten.models import Traject
from trajecten.services import WorkflowFout
from trajecten.views.hulp import fout_melden, traject_voor_pagina

from .. import alternatieven as services
from ..choices import AlternatiefSoort
from ..forms.alternatieven import AlternatiefForm, BijlageForm
from ..models import Alternatief, AlternatiefBijlage
from ..services import klantreis_van

BEWERKEN = "bewerk_klantreis"
BEKIJKEN = "view_traject"
FORMULIER = "klantreis/alternatief_form.html"
VERWIJDEREN = "klantreis/alternatief_verwijderen.html"


def _alternatief_van(traject: Traject, alt_pk: int) -> Alternatief:
    """An alternative of this trajectory's journey; one of another trajectory is not found."""
    alternatief = get_object_or_404(
        Alternatief.objects.select_related("klantreis"), pk=alt_pk, klantreis__traject=traject
    )
    alternatief.klantreis.traject = traject
    return alternatief


def _bijlage_van(alternatief: Alternatief, bijlage_pk: int) -> AlternatiefBijlage:
    bijlage = get_object_or_404(AlternatiefBijlage, pk=bijlage_pk, alternatief=alternatief)
    bijlage.alternatief = alternatief
    return bijlage


def _naar_overzicht(traject: Traject, anker: str = "alternatieven") -> HttpResponse:
    return redirect(f"{reverse('klantreis:overzicht', args=[traject.pk])}#{anker}")


def _context(traject: Traject, rechten: frozenset[str], **extra) -> dict:
    return {"traject": traject, "tab": "klantreis", "rechten": rechten, **extra}


# --- the alternative ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an alternative of the kind chosen on the page (`?soort=feedback|andere_gemeente`)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    if klantreis_van(traject) is None:
        messages.info(request, _("Describe the target group first."))
        return redirect("klantreis:bewerken", pk=traject.pk)
    soort = request.GET.get("soort", "")
    soort = soort if soort in AlternatiefSoort.values else AlternatiefSoort.FEEDBACK
    form = AlternatiefForm(request.POST if request.method == "POST" else None, soort=soort)
    if request.method == "POST" and form.is_valid():
        try:
            alternatief = services.alternatief_toevoegen(
                traject=traject, door=request.user, soort=soort, **form.servicevelden()
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The alternative source has been recorded."))
            return _naar_overzicht(traject, f"alternatief-{alternatief.pk}")
    soorten = [(keuze, label) for keuze, label in AlternatiefSoort.choices]
    context = _context(traject, rechten, form=form, soort=soort, soorten=soorten, alternatief=None)
    return render(request, FORMULIER, context)


@require_http_methods(["GET", "POST"])
@login_required
def bewerken(request: HttpRequest, pk: int, alt_pk: int) -> HttpResponse:
    """Change the reason and the fields of an alternative (its kind stays)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    alternatief = _alternatief_van(traject, alt_pk)
    form = AlternatiefForm(
        request.POST if request.method == "POST" else None, soort=alternatief.soort, alternatief=alternatief
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.alternatief_wijzigen(
                alternatief=alternatief,
                door=request.user,
                gezien=form.gezien_versie(),
                **form.servicevelden(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The alternative source has been saved."))
            return _naar_overzicht(traject, f"alternatief-{alternatief.pk}")
    context = _context(traject, rechten, form=form, soort=alternatief.soort, alternatief=alternatief)
    return render(request, FORMULIER, context)


@require_http_methods(["GET", "POST"])
@login_required
def verwijderen(request: HttpRequest, pk: int, alt_pk: int) -> HttpResponse:
    """Delete an alternative with its attachments, after a confirmation."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    alternatief = _alternatief_van(traject, alt_pk)
    if request.method == "POST":
        try:
            services.alternatief_verwijderen(alternatief=alternatief, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("The alternative source has been deleted."))
        return _naar_overzicht(traject)
    bijlagen = list(alternatief.bijlagen.all())
    context = _context(traject, rechten, alternatief=alternatief, bijlagen=bijlagen, bijlage=None)
    return render(request, VERWIJDEREN, context)


# --- attachments --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def bijlage_nieuw(request: HttpRequest, pk: int, alt_pk: int) -> HttpResponse:
    """Attach a file to existing customer feedback (checked for size, type and content)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    alternatief = _alternatief_van(traject, alt_pk)
    if alternatief.soort != AlternatiefSoort.FEEDBACK:
        messages.error(request, _("Only existing customer feedback can have attachments."))
        return _naar_overzicht(traject, f"alternatief-{alternatief.pk}")
    form = BijlageForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        try:
            bijlage = services.bijlage_toevoegen(
                alternatief=alternatief, door=request.user, bestand=form.cleaned_data["bestand"]
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Attachment “%(naam)s” added.") % {"naam": bijlage.naam})
            return _naar_overzicht(traject, f"alternatief-{alternatief.pk}")
    context = _context(traject, rechten, alternatief=alternatief, form=form)
    return render(request, "klantreis/bijlage_form.html", context)


@require_GET
@login_required
def bijlage(request: HttpRequest, pk: int, alt_pk: int, bijlage_pk: int) -> FileResponse:
    """Download an attachment: every member and management; as a file, never shown in the browser."""
    traject, _rechten = traject_voor_pagina(request, pk, BEKIJKEN)
    bijlage = _bijlage_van(_alternatief_van(traject, alt_pk), bijlage_pk)
    try:
        bestand = bijlage.bestand.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        bestand, as_attachment=True, filename=bijlage.naam, content_type=services.inhoudstype(bijlage)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def bijlage_verwijderen(request: HttpRequest, pk: int, alt_pk: int, bijlage_pk: int) -> HttpResponse:
    """Delete an attachment after a confirmation; the file goes from storage too."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    alternatief = _alternatief_van(traject, alt_pk)
    bijlage = _bijlage_van(alternatief, bijlage_pk)
    if request.method == "POST":
        try:
            services.bijlage_verwijderen(bijlage=bijlage, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("Attachment “%(naam)s” deleted.") % {"naam": bijlage.naam})
        return _naar_overzicht(traject, f"alternatief-{alternatief.pk}")
    context = _context(traject, rechten, alternatief=alternatief, bijlage=bijlage, bijlagen=[])
    return render(request, VERWIJDEREN, context)
