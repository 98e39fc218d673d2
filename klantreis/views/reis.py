"""Step 4, the customer journey: the overview with the persona, the heartbeat curve and the phases with
their contact moments; editing the persona, phases, contact moments and pain points; a contact moment's
page, from which improvement points are made; the curve as an SVG file.

Thin views: the trajectory through `traject_met_recht` (viewing: every member and management; editing:
``bewerk_klantreis``, the klantreiscoach), child objects looked up inside the trajectory (another
trajectory's object is a 404), one service per action, errors back on the form.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trajecten import workflow
from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.permissions import TOETSSTUKKEN
from trajecten.services import WorkflowFout
from trajecten.views.hulp import fout_melden, traject_voor_pagina

from .. import selectors, services
from ..choices import Reis
from ..curve import curve_svg, curve_tabel
from ..forms.reis import ContactmomentForm, FaseForm, KlantreisForm, PijnpuntForm
from ..models import Contactmoment, Fase, Klantreis, Pijnpunt

BEWERKEN = services.BEWERKEN
TAB = "klantreis"
VERBETERPUNT = "vastleggen_verbeterpunt"
LEZEN_INTERVIEWS = "lees_interviews"
DETAIL = "klantreis/contactmoment_detail.html"


# --- lookups ------------------------------------------------------------------------------------


def _reis(traject: Traject) -> Klantreis | None:
    return services.klantreis_van(traject)


def _fase_van(traject: Traject, fase_pk: int) -> Fase:
    """A phase of this trajectory's journey; one of another trajectory is not found."""
    fase = get_object_or_404(Fase.objects.select_related("klantreis"), pk=fase_pk, klantreis__traject=traject)
    fase.klantreis.traject = traject
    return fase


def _moment_van(traject: Traject, cm_pk: int) -> Contactmoment:
    moment = get_object_or_404(selectors.contactmoment_van(traject, cm_pk))
    moment.fase.klantreis.traject = traject
    moment.score_tekst = selectors.score_tekst(moment.beleving)
    return moment


def _pijnpunt_van(traject: Traject, pijnpunt_pk: int) -> Pijnpunt:
    pijnpunt = get_object_or_404(
        Pijnpunt.objects.select_related("contactmoment__fase__klantreis"),
        pk=pijnpunt_pk,
        contactmoment__fase__klantreis__traject=traject,
    )
    pijnpunt.contactmoment.fase.klantreis.traject = traject
    return pijnpunt


def _eerst_persona(request: HttpRequest, traject: Traject) -> HttpResponse:
    messages.info(request, _("Describe the target group first."))
    return redirect("klantreis:bewerken", pk=traject.pk)


def _naar_overzicht(traject: Traject, anker: str = "") -> HttpResponse:
    url = reverse("klantreis:overzicht", args=[traject.pk])
    return redirect(f"{url}#{anker}" if anker else url)


def _context(traject: Traject, rechten: frozenset[str], **extra) -> dict:
    return {"traject": traject, "tab": TAB, "rechten": rechten, "mag_bewerken": BEWERKEN in rechten, **extra}


# --- the overview -------------------------------------------------------------------------------


@require_GET
@login_required
def overzicht(request: HttpRequest, pk: int) -> HttpResponse:
    """The journey: persona, the heartbeat curve with its table, the phases with the current and desired
    contact moments, the interviews' summary and shared insights, alternative sources, and what step 4
    still needs."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    reis_overzicht = selectors.reisoverzicht(traject)
    reis, fasen, momenten = reis_overzicht.klantreis, reis_overzicht.fasen, reis_overzicht.momenten
    context = _context(
        traject,
        rechten,
        klantreis=reis,
        fasen=fasen,
        curve_svg=curve_svg(fasen, momenten, titel=_curve_titel(reis)) if momenten else None,
        curve_tabel=_curve_tabel(fasen, momenten) if momenten else [],
        interviews=selectors.interviews_samenvatting(reis),
        inzichten=selectors.inzichten_van(reis),
        alternatieven=selectors.alternatieven_van(reis),
        mag_interviews=LEZEN_INTERVIEWS in rechten,
        mag_verbeterpunt=VERBETERPUNT in rechten,
        stap=traject.stappen.get(stap=Stap.S4),
        regel=workflow.WORKFLOW[Stap.S4],
        ontbrekend=workflow.ontbrekend(traject, Stap.S4),
    )
    return render(request, "klantreis/overzicht.html", context)


def _curve_tabel(fasen: list[Fase], momenten: list[Contactmoment]) -> list[dict]:
    """The accessible table's rows, with the averages written out ("−1,5")."""
    rijen = curve_tabel(fasen, momenten)
    for rij in rijen:
        for reis in Reis.values:
            rij[f"gemiddeld_{reis}_tekst"] = selectors.gemiddelde_tekst(rij[f"gemiddeld_{reis}"])
    return rijen


def _curve_titel(reis: Klantreis | None) -> str | None:
    if reis is None:
        return None
    return _("Experience curve of “%(persona)s”: current and desired journey") % {
        "persona": reis.persona_naam
    }


@require_GET
@login_required
def curve(request: HttpRequest, pk: int) -> HttpResponse:
    """The heartbeat curve as an SVG file: the same drawing as on the page."""
    traject, _rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    reis_overzicht = selectors.reisoverzicht(traject)
    if reis_overzicht.klantreis is None:
        return _naar_overzicht(traject)
    svg = curve_svg(
        reis_overzicht.fasen, reis_overzicht.momenten, titel=_curve_titel(reis_overzicht.klantreis)
    )
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="klantreis-{traject.pk}.svg"'
    return response


# --- the persona --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the journey with its target group or persona, or change it."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    reis = _reis(traject)
    if request.method == "POST":
        form = KlantreisForm(request.POST, instance=copy.copy(reis))
        if form.is_valid():
            try:
                services.klantreis_opslaan(
                    traject=traject, door=request.user, gezien=form.gezien_versie(), **form.servicevelden()
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The target group has been saved."))
                return _naar_overzicht(traject)
    else:
        form = KlantreisForm(instance=reis)
    return render(
        request, "klantreis/klantreis_form.html", _context(traject, rechten, form=form, klantreis=reis)
    )


# --- phases -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def fase_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a phase at the end of the journey."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    if _reis(traject) is None:
        return _eerst_persona(request, traject)
    if request.method == "POST":
        form = FaseForm(request.POST)
        if form.is_valid():
            try:
                fase = services.fase_toevoegen(traject=traject, door=request.user, **form.servicevelden())
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("Phase “%(naam)s” added.") % {"naam": fase.naam})
                return _naar_overzicht(traject, f"fase-{fase.pk}")
    else:
        form = FaseForm()
    return render(request, "klantreis/fase_form.html", _context(traject, rechten, form=form, fase=None))


@require_http_methods(["GET", "POST"])
@login_required
def fase_bewerken(request: HttpRequest, pk: int, fase_pk: int) -> HttpResponse:
    """Change a phase's name, description or metric."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    fase = _fase_van(traject, fase_pk)
    if request.method == "POST":
        form = FaseForm(request.POST, instance=copy.copy(fase))
        if form.is_valid():
            try:
                services.fase_wijzigen(
                    fase=fase, door=request.user, gezien=form.gezien_versie(), **form.servicevelden()
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The phase has been saved."))
                return _naar_overzicht(traject, f"fase-{fase.pk}")
    else:
        form = FaseForm(instance=fase)
    return render(request, "klantreis/fase_form.html", _context(traject, rechten, form=form, fase=fase))


@require_http_methods(["GET", "POST"])
@login_required
def fase_verwijderen(request: HttpRequest, pk: int, fase_pk: int) -> HttpResponse:
    """Delete a phase with its contact moments, after a confirmation."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    fase = _fase_van(traject, fase_pk)
    if request.method == "POST":
        try:
            services.fase_verwijderen(fase=fase, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
            return _naar_overzicht(traject, f"fase-{fase.pk}")
        messages.success(request, _("Phase “%(naam)s” deleted.") % {"naam": fase.naam})
        return _naar_overzicht(traject)
    context = _context(
        traject,
        rechten,
        soort="fase",
        object=fase,
        aantal_momenten=fase.contactmomenten.count(),
        bezwaren=services.verwijderbezwaren(fase),
        actie=reverse("klantreis:fase_verwijderen", args=[traject.pk, fase.pk]),
        terug=reverse("klantreis:overzicht", args=[traject.pk]) + f"#fase-{fase.pk}",
    )
    return render(request, "klantreis/verwijderen.html", context)


@require_POST
@login_required
def fase_verplaatsen(request: HttpRequest, pk: int, fase_pk: int) -> HttpResponse:
    """Move a phase one place up or down (`richting` = "op" or "neer")."""
    traject, _rechten = traject_voor_pagina(request, pk, BEWERKEN)
    fase = _fase_van(traject, fase_pk)
    richting = request.POST.get("richting")
    if richting not in (services.OP, services.NEER):
        messages.error(request, _("Choose up or down to move the phase."))
        return _naar_overzicht(traject, f"fase-{fase.pk}")
    try:
        fase = services.fase_verplaatsen(fase=fase, door=request.user, richting=richting)
    except WorkflowFout as fout:
        fout_melden(request, fout)
    else:
        messages.success(
            request,
            _("Phase “%(naam)s” is now phase %(nummer)d.") % {"naam": fase.naam, "nummer": fase.volgorde},
        )
    return _naar_overzicht(traject, f"fase-{fase.pk}")


# --- contact moments ----------------------------------------------------------------------------


def _beginwaarden(request: HttpRequest, reis: Klantreis) -> dict:
    """The phase (`?fase=`) and journey (`?reis=`) the coach clicked "add" in; ignored when not valid."""
    beginwaarden: dict = {}
    fase = request.GET.get("fase", "")
    if fase.isdigit() and reis.fasen.filter(pk=int(fase)).exists():
        beginwaarden["fase"] = int(fase)
    if request.GET.get("reis") in Reis.values:
        beginwaarden["reis"] = request.GET["reis"]
    return beginwaarden


@require_http_methods(["GET", "POST"])
@login_required
def contactmoment_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a contact moment to a phase of the current or the desired journey."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    reis = _reis(traject)
    if reis is None:
        return _eerst_persona(request, traject)
    if not reis.fasen.exists():
        messages.info(request, _("Add a phase first: every contact moment belongs to a phase."))
        return redirect("klantreis:fase_nieuw", pk=traject.pk)
    if request.method == "POST":
        form = ContactmomentForm(request.POST, klantreis=reis)
        if form.is_valid():
            try:
                moment = services.contactmoment_toevoegen(
                    traject=traject, door=request.user, **form.servicevelden()
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("Contact moment “%(titel)s” added.") % {"titel": moment.titel})
                return _naar_overzicht(traject, f"contactmoment-{moment.pk}")
    else:
        form = ContactmomentForm(klantreis=reis, initial=_beginwaarden(request, reis))
    context = _context(traject, rechten, form=form, contactmoment=None)
    return render(request, "klantreis/contactmoment_form.html", context)


def _detail_context(
    traject: Traject, rechten: frozenset[str], moment: Contactmoment, form: PijnpuntForm | None
) -> dict:
    """The contact moment with its pain points and the improvement points made from either.

    The points come through the trajectory's reverse relation: `verbeterplan` builds on the journey,
    the journey does not import it."""
    pijnpunten = list(moment.pijnpunten.annotate(aantal_verbeterpunten=Count("verbeterpunten")))
    verbeterpunten = list(
        traject.verbeterpunten.filter(Q(contactmoment=moment) | Q(pijnpunt__contactmoment=moment))
        .select_related("ingediend_door", "pijnpunt")
        .order_by("-ingediend_op", "-pk")
    )
    for punt in verbeterpunten:
        punt.contactmoment = moment if punt.contactmoment_id else None
    return _context(
        traject,
        rechten,
        contactmoment=moment,
        pijnpunten=pijnpunten,
        verbeterpunten=verbeterpunten,
        form=form,
        mag_verbeterpunt=VERBETERPUNT in rechten,
    )


@require_GET
@login_required
def contactmoment(request: HttpRequest, pk: int, cm_pk: int) -> HttpResponse:
    """A contact moment with every field, its quotes and pain points; improvement points are made here."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    moment = _moment_van(traject, cm_pk)
    form = PijnpuntForm() if BEWERKEN in rechten else None
    return render(request, DETAIL, _detail_context(traject, rechten, moment, form))


@require_http_methods(["GET", "POST"])
@login_required
def contactmoment_bewerken(request: HttpRequest, pk: int, cm_pk: int) -> HttpResponse:
    """Change a contact moment, also its phase or journey (it then goes to the end there)."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    moment = _moment_van(traject, cm_pk)
    reis = moment.fase.klantreis
    if request.method == "POST":
        form = ContactmomentForm(request.POST, instance=copy.copy(moment), klantreis=reis)
        if form.is_valid():
            try:
                services.contactmoment_wijzigen(
                    contactmoment=moment,
                    door=request.user,
                    gezien=form.gezien_versie(),
                    **form.servicevelden(),
                )
            except (ValidationError, WorkflowFout) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("The contact moment has been saved."))
                return redirect(moment)
    else:
        form = ContactmomentForm(instance=moment, klantreis=reis)
    context = _context(traject, rechten, form=form, contactmoment=moment)
    return render(request, "klantreis/contactmoment_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def contactmoment_verwijderen(request: HttpRequest, pk: int, cm_pk: int) -> HttpResponse:
    """Delete a contact moment with its pain points, after a confirmation."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    moment = _moment_van(traject, cm_pk)
    if request.method == "POST":
        try:
            services.contactmoment_verwijderen(contactmoment=moment, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
            return redirect(moment)
        messages.success(request, _("Contact moment “%(titel)s” deleted.") % {"titel": moment.titel})
        return _naar_overzicht(traject, f"fase-{moment.fase_id}")
    context = _context(
        traject,
        rechten,
        soort="contactmoment",
        object=moment,
        aantal_pijnpunten=moment.pijnpunten.count(),
        bezwaren=services.verwijderbezwaren(moment),
        actie=reverse("klantreis:contactmoment_verwijderen", args=[traject.pk, moment.pk]),
        terug=moment.get_absolute_url(),
    )
    return render(request, "klantreis/verwijderen.html", context)


@require_POST
@login_required
def contactmoment_verplaatsen(request: HttpRequest, pk: int, cm_pk: int) -> HttpResponse:
    """Move a contact moment one place up or down within its phase and journey."""
    traject, _rechten = traject_voor_pagina(request, pk, BEWERKEN)
    moment = _moment_van(traject, cm_pk)
    richting = request.POST.get("richting")
    if richting not in (services.OP, services.NEER):
        messages.error(request, _("Choose up or down to move the contact moment."))
    else:
        try:
            services.contactmoment_verplaatsen(contactmoment=moment, door=request.user, richting=richting)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("Contact moment “%(titel)s” moved.") % {"titel": moment.titel})
    return _naar_overzicht(traject, f"contactmoment-{moment.pk}")


# --- pain points --------------------------------------------------------------------------------


@require_POST
@login_required
def pijnpunt_nieuw(request: HttpRequest, pk: int, cm_pk: int) -> HttpResponse:
    """Note a pain point of a contact moment; errors come back on the contact moment's page."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    moment = _moment_van(traject, cm_pk)
    form = PijnpuntForm(request.POST)
    if form.is_valid():
        try:
            services.pijnpunt_toevoegen(contactmoment=moment, door=request.user, **form.servicevelden())
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The pain point has been added."))
            return redirect(f"{moment.get_absolute_url()}#pijnpunten")
    return render(request, DETAIL, _detail_context(traject, rechten, moment, form))


@require_http_methods(["GET", "POST"])
@login_required
def pijnpunt_verwijderen(request: HttpRequest, pk: int, pijnpunt_pk: int) -> HttpResponse:
    """Delete a pain point, after a confirmation."""
    traject, rechten = traject_voor_pagina(request, pk, BEWERKEN)
    pijnpunt = _pijnpunt_van(traject, pijnpunt_pk)
    moment = pijnpunt.contactmoment
    terug = f"{moment.get_absolute_url()}#pijnpunten"
    if request.method == "POST":
        try:
            services.pijnpunt_verwijderen(pijnpunt=pijnpunt, door=request.user)
        except WorkflowFout as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, _("The pain point has been deleted."))
        return redirect(terug)
    context = _context(
        traject,
        rechten,
        soort="pijnpunt",
        object=pijnpunt,
        contactmoment=moment,
        bezwaren=services.verwijderbezwaren(pijnpunt),
        actie=reverse("klantreis:pijnpunt_verwijderen", args=[traject.pk, pijnpunt.pk]),
        terug=terug,
    )
    return render(request, "klantreis/verwijderen.html", context)
