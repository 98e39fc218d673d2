"""BPMN 2.0 exchange of process maps: download a version as .bpmn, import a .bpmn as a new version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..bpmn import BpmnFout, ImportResultaat, bpmn_exporteren, bpmn_importeren
from ..choices import ProcesSoort
from ..forms.bpmn import BpmnImportForm
from ..models import ProcesVersie, Traject
from ..permissions import TOETSSTUKKEN, traject_met_recht
from ..services import WorkflowFout
from ..services.proces import PROCESRECHT
from .hulp import MET_AFDELING

#: How many skipped elements the message after an import lists; the rest is counted.
MAX_GEMELD = 15


@require_GET
@login_required
def exporteren(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """The version as a BPMN 2.0 file, for Camunda Modeler, bpmn.io, Visio and the like."""
    traject, _rechten = traject_met_recht(request.user, pk, queryset=MET_AFDELING, zicht=TOETSSTUKKEN)
    versie = get_object_or_404(ProcesVersie, pk=versie_pk, traject=traject)
    versie.traject = traject
    inhoud = bpmn_exporteren(versie=versie, stappen=list(versie.stappen.order_by("volgorde", "pk")))
    naam = slugify(f"{traject.titel} {versie.naam}")[:80] or "proces"
    response = HttpResponse(inhoud, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}.bpmn"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def importeren(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a BPMN file; it becomes a new process version with its steps, or nothing at all."""
    traject, rechten = traject_met_recht(request.user, pk, PROCESRECHT, queryset=MET_AFDELING)
    if request.method == "POST":
        form = BpmnImportForm(request.POST, request.FILES)
        versie = _importeren(request, traject, form) if form.is_valid() else None
        if versie is not None:
            return redirect(versie)
    else:
        soort = request.GET.get("soort")
        form = BpmnImportForm(initial={"soort": soort if soort in ProcesSoort.values else ProcesSoort.HUIDIG})
    context = {"traject": traject, "tab": "proces", "rechten": rechten, "form": form}
    return render(request, "trajecten/proces_bpmn_import.html", context)


def _importeren(request: HttpRequest, traject: Traject, form: BpmnImportForm) -> ProcesVersie | None:
    """Read the file, then create the version and its steps in one transaction; refusals go on the form."""
    bestand = form.cleaned_data["bestand"]
    try:
        resultaat = bpmn_importeren(bestand.read())
    except BpmnFout as fout:
        form.add_error("bestand", str(fout))
        return None
    naam = form.cleaned_data["naam"] or resultaat.naam or form.bestandsnaam() or _("Imported process")
    try:
        with transaction.atomic():
            versie = services.procesversie_aanmaken(
                traject=traject,
                door=request.user,
                soort=form.cleaned_data["soort"],
                naam=naam[:200],
                toelichting=resultaat.toelichting,
            )
            services.processtappen_importeren(versie=versie, stappen=resultaat.stappen, door=request.user)
    except ValidationError as fout:
        if hasattr(fout, "error_dict") and "naam" in fout.error_dict:
            form.servicefout_tonen(fout)
        else:
            form.add_error("bestand", fout.messages)
        return None
    except WorkflowFout as fout:
        for bericht in fout.berichten:
            form.add_error(None, bericht)
        return None
    _melden(request, versie, resultaat)
    return versie


def _melden(request: HttpRequest, versie: ProcesVersie, resultaat: ImportResultaat) -> None:
    """The steps imported; how the file was read (several pools, handovers); what was left out."""
    aantal = len(resultaat.stappen)
    messages.success(
        request,
        ngettext(
            "Imported %(aantal)s step into the new version “%(naam)s”.",
            "Imported %(aantal)s steps into the new version “%(naam)s”.",
            aantal,
        )
        % {"aantal": aantal, "naam": versie.naam},
    )
    if resultaat.opmerkingen:
        messages.info(
            request,
            _("How the file was read: %(lijst)s")
            % {"lijst": " ".join(f"• {r}" for r in resultaat.opmerkingen)},
        )
    overgeslagen = resultaat.overgeslagen
    if not overgeslagen:
        return
    regels = overgeslagen[:MAX_GEMELD]
    if len(overgeslagen) > MAX_GEMELD:
        rest = len(overgeslagen) - MAX_GEMELD
        regels.append(ngettext("… and %(aantal)s more.", "… and %(aantal)s more.", rest) % {"aantal": rest})
    messages.warning(
        request,
        _("Not everything in the file fits a process map; check the new version. %(lijst)s")
        % {"lijst": " ".join(f"• {regel}" for regel in regels)},
    )
