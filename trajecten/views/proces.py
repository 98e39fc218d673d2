"""Process maps (steps 3a and 8): the versions, the process page with its swimlane, figures and
steps, editing the steps in place, and the current and desired process side by side.

Editing works with htmx where it saves a reload: a step's row turns into its edit form (or a delete
confirmation) and back; adding, moving and deleting redraw the steps table. Every write answer also
redraws the diagram and the figures (out-of-band swaps). Without JavaScript every action is an
ordinary link or form with a page of its own and a redirect back.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from wasstraat.accounts.models import Afdeling

from .. import services
from ..choices import Kanaal, Lean, ProcesSoort, Rol, StapSoort, TrajectStatus, Verspilling
from ..forms.proces import ProcesStapForm, ProcesVersieForm, VergelijkenForm
from ..models import ProcesStap, ProcesVersie, Traject
from ..permissions import TOETSSTUKKEN
from ..procesanalyse import kengetallen, tijd_tekst, vergelijking
from ..services import WorkflowFout
from ..services.proces import OMHOOG, OMLAAG, PROCESRECHT
from ..swimlane import swimlane_rijen, swimlane_svg
from .hulp import traject_voor_pagina

TAB = "proces"
DETAIL = "trajecten/proces_detail.html"
GEWIJZIGD = "stappen_na_wijziging"  # the steps table with the diagram and figures out of band
NIEUW = "nieuw"  # the prefix of the form that adds a step
NIET_BEWERKBAAR = gettext_lazy(
    "This version can no longer be changed (it has been checked, or the trajectory is closed). "
    "Copy it to a new version to change it."
)


# --- reading --------------------------------------------------------------------------------------


def _versie(traject: Traject, versie_pk: int) -> ProcesVersie:
    """A version of this trajectory, or 404 (also for a version of another trajectory)."""
    versie = get_object_or_404(
        ProcesVersie.objects.select_related("gekopieerd_van", "aangemaakt_door"),
        pk=versie_pk,
        traject=traject,
    )
    versie.traject = traject
    return versie


#: A placeholder step number in a reversed URL, replaced per row (cheaper than a reverse per row).
_STAP_PK = 987654321


def _stap_urls(versie: ProcesVersie) -> dict[str, str]:
    """The URLs of a row's actions, with a placeholder for the step's key."""
    args = [versie.traject_id, versie.pk, _STAP_PK]
    return {
        "bewerken": reverse("trajecten:processtap_bewerken", args=args),
        "verwijderen": reverse("trajecten:processtap_verwijderen", args=args),
        "verplaatsen": reverse("trajecten:processtap_verplaatsen", args=args),
        "verbeterpunt": reverse("verbeterplan:verbeterpunt_nieuw", args=[versie.traject_id])
        + f"?processtap={_STAP_PK}",
    }


#: The buttons of a row that need an accessible name naming the step.
_KNOPPEN = ("bewerken", "omhoog", "omlaag", "verwijderen", "verbeterpunt")


def _rijteksten() -> dict[str, str]:
    """The translated texts a row needs, looked up once per page rather than once per row."""
    return {
        "bewerken": _("Edit step %(nummer)s: %(naam)s"),
        "omhoog": _("Move step %(nummer)s up: %(naam)s"),
        "omlaag": _("Move step %(nummer)s down: %(naam)s"),
        "verwijderen": _("Delete step %(nummer)s: %(naam)s"),
        "verbeterpunt": _("Record an improvement point for step %(nummer)s: %(naam)s"),
        **{f"soort:{k}": str(v) for k, v in StapSoort.choices},
        **{f"kanaal:{k}": str(v) for k, v in Kanaal.choices},
        **{f"lean:{k}": str(v) for k, v in Lean.choices},
        **{f"verspilling:{k}": str(v) for k, v in Verspilling.choices},
    }


def _stappen(versie: ProcesVersie) -> list[ProcesStap]:
    """The steps in order, ready for the table: each with its number of improvement points, its branch
    target, its times in words, its labels, the URLs and accessible names of its buttons, and whether
    it is the first or last (for the move buttons). One query; 60 rows render in milliseconds."""
    stappen = list(versie.stappen.annotate(aantal_punten=Count("verbeterpunten")).order_by("volgorde", "pk"))
    per_pk = {stap.pk: stap for stap in stappen}
    urls, teksten = _stap_urls(versie), _rijteksten()
    plek = str(_STAP_PK)
    for index, stap in enumerate(stappen):
        stap.versie = versie
        stap.doel = per_pk.get(stap.vertakking_naar_id)
        stap.is_eerste = index == 0
        stap.is_laatste = index == len(stappen) - 1
        stap.bewerking_tekst = tijd_tekst(stap.bewerkingstijd_minuten)
        stap.wacht_tekst = tijd_tekst(stap.wachttijd_minuten)
        stap.labels = {
            veld: teksten.get(f"{veld}:{getattr(stap, veld)}", "")
            for veld in ("soort", "kanaal", "lean", "verspilling")
        }
        stap.urls = {actie: url.replace(plek, str(stap.pk)) for actie, url in urls.items()}
        waarden = {"nummer": stap.volgorde, "naam": stap.naam}
        stap.namen = {actie: teksten[actie] % waarden for actie in _KNOPPEN}
    return stappen


def _stap(stappen: list[ProcesStap], stap_pk: int) -> ProcesStap:
    for stap in stappen:
        if stap.pk == stap_pk:
            return stap
    raise Http404


def _actor_suggesties(traject: Traject) -> list[str]:
    """What the actor field suggests: actors already used in this trajectory's maps, the roles in
    its team and the departments, each once whatever the capitals. Three queries."""
    bronnen = [
        ProcesStap.objects.filter(versie__traject=traject).values_list("actor", flat=True).distinct(),
        [str(Rol(rol).label) for rol in traject.teamleden.values_list("rol", flat=True).distinct()],
        Afdeling.objects.values_list("naam", flat=True),
    ]
    gezien: dict[str, str] = {}
    for bron in bronnen:
        for naam in bron:
            naam = " ".join((naam or "").split())
            if naam:
                gezien.setdefault(naam.casefold(), naam)
    return sorted(gezien.values(), key=str.casefold)


def _afgesloten(traject: Traject) -> bool:
    """A stopped or finished trajectory keeps its maps as they are."""
    return traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND)


def _mag_bewerken(traject: Traject, rechten: frozenset[str], versie: ProcesVersie) -> bool:
    return PROCESRECHT in rechten and versie.is_bewerkbaar and not _afgesloten(traject)


def _inhoud(versie: ProcesVersie, stappen: list[ProcesStap]) -> dict:
    """What the diagram and the figures panel show."""
    figuren = kengetallen(stappen)
    return {
        "stappen": stappen,
        "kengetallen": figuren,
        "tijden": _tijden(figuren),
        "svg": swimlane_svg(versie=versie, stappen=stappen),
        "svg_rijen": swimlane_rijen(versie=versie, stappen=stappen),  # for paper
    }


def _tijden(figuren) -> dict[str, str]:
    """The figures' times in words, for the template."""
    return {
        "doorlooptijd": tijd_tekst(figuren.doorlooptijd),
        "bewerkingstijd": tijd_tekst(figuren.bewerkingstijd),
        "wachttijd": tijd_tekst(figuren.wachttijd),
        "waarde_tijd": tijd_tekst(figuren.waarde_tijd),
        "verspilling_totaal": tijd_tekst(figuren.verspilling_totaal),
        "verspilling": [(soort, tijd_tekst(tijd)) for soort, tijd in figuren.verspilling_regels],
    }


def _stapform(versie: ProcesVersie, data=None, *, stap: ProcesStap | None = None) -> ProcesStapForm:
    """The form for a new step (prefix "nieuw") or for `stap` (prefix "stap<pk>"); the actor field
    suggests from the page's datalist."""
    lijst = f"actoren-{versie.pk}"
    if stap is None:
        return ProcesStapForm(data, versie=versie, actoren_lijst=lijst, nieuw=True, prefix=NIEUW)
    # A copy: the form writes the input onto its instance, the page keeps showing what is saved.
    return ProcesStapForm(
        data, instance=copy.copy(stap), versie=versie, actoren_lijst=lijst, prefix=f"stap{stap.pk}"
    )


def _context(
    traject: Traject,
    rechten: frozenset[str],
    versie: ProcesVersie,
    stappen: list[ProcesStap] | None = None,
    **extra,
) -> dict:
    stappen = _stappen(versie) if stappen is None else stappen
    mag_bewerken = _mag_bewerken(traject, rechten, versie)
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "versie": versie,
        "mag_bewerken": mag_bewerken,
        "mag_kopieren": PROCESRECHT in rechten and not _afgesloten(traject),
        "mag_verbeterpunt": "vastleggen_verbeterpunt" in rechten,
        "actoren": _actor_suggesties(traject) if mag_bewerken else [],
        **_inhoud(versie, stappen),
    }
    # The form to add a step is opened on request (it costs more to draw than the whole table),
    # except for an empty version: there it is the only thing to do.
    if mag_bewerken and not stappen and "nieuw_form" not in extra:
        context["nieuw_form"] = _stapform(versie)
    context.update(extra)
    return context


# --- the versions ---------------------------------------------------------------------------------


@require_GET
@login_required
def versies(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Process" tab: every version by kind, with its status, steps and main figures."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    alle = list(
        traject.procesversies.select_related("aangemaakt_door")
        .prefetch_related(Prefetch("stappen", queryset=ProcesStap.objects.order_by("volgorde", "pk")))
        .order_by("-aangemaakt_op", "-pk")
    )
    for versie in alle:
        versie.traject = traject
        versie.figuren = kengetallen(versie.stappen.all())
        versie.doorlooptijd_tekst = tijd_tekst(versie.figuren.doorlooptijd)
    groepen = [(soort, [v for v in alle if v.soort == soort]) for soort in ProcesSoort]
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "groepen": groepen,
        "mag_bewerken": PROCESRECHT in rechten and not _afgesloten(traject),
        "kan_vergelijken": len(alle) >= 2,
    }
    return render(request, "trajecten/procesversies.html", context)


def _versieform_render(request, traject, rechten, form, versie=None) -> HttpResponse:
    context = {"traject": traject, "tab": TAB, "rechten": rechten, "form": form, "versie": versie}
    return render(request, "trajecten/procesversie_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def versie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version, empty or as a copy (`?kopie_van=<pk>` preselects the copy, `?soort=` the kind)."""
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    if request.method == "POST":
        form = ProcesVersieForm(request.POST, traject=traject)
        if form.is_valid():
            try:
                versie = services.procesversie_aanmaken(
                    traject=traject, door=request.user, **form.cleaned_data
                )
            except (WorkflowFout, ValidationError) as fout:
                form.servicefout_tonen(fout)
            else:
                messages.success(request, _("Process version “%(naam)s” created.") % {"naam": versie.naam})
                return redirect(versie)
        return _versieform_render(request, traject, rechten, form)
    form = ProcesVersieForm(initial=_beginwaarden(request, traject), traject=traject)
    return _versieform_render(request, traject, rechten, form)


def _beginwaarden(request: HttpRequest, traject: Traject) -> dict:
    """Initial values from the query string; anything that does not fit is ignored."""
    beginwaarden: dict = {"soort": ProcesSoort.HUIDIG}
    if request.GET.get("soort") in ProcesSoort.values:
        beginwaarden["soort"] = request.GET["soort"]
    bron = request.GET.get("kopie_van", "")
    if bron.isdigit():
        origineel = traject.procesversies.filter(pk=int(bron)).first()
        if origineel is not None:
            beginwaarden["kopie_van"] = origineel.pk
            beginwaarden["naam"] = _("Copy of %(naam)s") % {"naam": origineel.naam}
            if "soort" not in request.GET:
                beginwaarden["soort"] = origineel.soort
    return beginwaarden


@require_http_methods(["GET", "POST"])
@login_required
def versie_bewerken(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """Rename a version or change its explanation."""
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    versie = _versie(traject, versie_pk)
    if (weg := _eis_bewerkbaar(request, traject, rechten, versie)) is not None:
        return weg
    data = request.POST if request.method == "POST" else None
    form = ProcesVersieForm(data, traject=traject, bewerken=versie)
    if request.method == "POST" and form.is_valid():
        try:
            services.procesversie_wijzigen(
                versie=versie, door=request.user, gezien=form.gezien_versie(), **form.versiegegevens()
            )
        except (WorkflowFout, ValidationError) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(versie)
    return _versieform_render(request, traject, rechten, form, versie)


# --- the process page ---------------------------------------------------------------------------


@require_GET
@login_required
def detail(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """THE process page: the swimlane diagram, the figures, and the ordered steps to edit in place."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    versie = _versie(traject, versie_pk)
    return render(request, DETAIL, _context(traject, rechten, versie))


@require_GET
@login_required
def diagram(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """The swimlane diagram alone, as an SVG file."""
    traject, _rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    versie = _versie(traject, versie_pk)
    svg = swimlane_svg(versie=versie, stappen=list(versie.stappen.order_by("volgorde", "pk")))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="proces-{versie.pk}.svg"'
    return response


def _werk_antwoord(request, traject, rechten, versie, partial: str, **extra) -> HttpResponse:
    """An htmx answer after a change: the part asked for, with the diagram and figures out of band."""
    context = _context(traject, rechten, versie, **extra)
    return render(request, f"{DETAIL}#{partial}", context)


def _eis_bewerkbaar(request, traject, rechten, versie) -> HttpResponse | None:
    """A redirect with a message when the version cannot be edited (checked, or trajectory closed)."""
    if _mag_bewerken(traject, rechten, versie):
        return None
    messages.error(request, NIET_BEWERKBAAR)
    if request.htmx:  # the whole page must show the message, not a row
        return HttpResponseClientRedirect(versie.get_absolute_url())
    return redirect(versie)


def _naar_stap(versie: ProcesVersie, stap_pk: int | None = None) -> HttpResponse:
    url = versie.get_absolute_url()
    return redirect(f"{url}#stap-{stap_pk}" if stap_pk else f"{url}#stappen")


@require_http_methods(["GET", "POST"])
@login_required
def stap_nieuw(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """Add a step: in place on the process page (htmx), or on a page of its own."""
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    versie = _versie(traject, versie_pk)
    if (weg := _eis_bewerkbaar(request, traject, rechten, versie)) is not None:
        return weg
    form = _stapform(versie, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            stap = services.processtap_toevoegen(
                versie=versie, door=request.user, na=form.cleaned_data["na"], **form.stapgegevens()
            )
        except (WorkflowFout, ValidationError) as fout:
            form.servicefout_tonen(fout)
        else:
            melding = _("Step %(nummer)s “%(naam)s” added.") % {"nummer": stap.volgorde, "naam": stap.naam}
            if request.htmx:  # the form stays open for the next step
                nieuw_form = _stapform(versie)
                return _werk_antwoord(
                    request, traject, rechten, versie, GEWIJZIGD, toegevoegd=melding, nieuw_form=nieuw_form
                )
            messages.success(request, melding)
            return _naar_stap(versie, stap.pk)
    if request.htmx and request.method == "POST":
        return _werk_antwoord(request, traject, rechten, versie, "stappen", nieuw_form=form)
    if request.htmx:  # "Add a step" opens the form in place, with the focus in its first field
        form.fields["naam"].widget.attrs["autofocus"] = True
        context = {"traject": traject, "versie": versie, "nieuw_form": form, "mag_bewerken": True}
        return render(request, f"{DETAIL}#toevoegen", context)
    return _stapform_pagina(request, traject, rechten, versie, form)


def _stapform_pagina(request, traject, rechten, versie, form, stap=None) -> HttpResponse:
    context = {
        "traject": traject,
        "tab": TAB,
        "rechten": rechten,
        "versie": versie,
        "form": form,
        "stap": stap,
        "actoren": _actor_suggesties(traject),
    }
    return render(request, "trajecten/processtap_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def stap_bewerken(request: HttpRequest, pk: int, versie_pk: int, stap_pk: int) -> HttpResponse:
    """Edit a step: its row turns into the form (htmx) and back, or a page of its own.

    `?weergave=bewerken|verwijderen` (htmx) gives the row as it is, with the focus back on the button
    that opened the form: how "cancel" works in place.
    """
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    versie = _versie(traject, versie_pk)
    stappen = _stappen(versie)
    stap = _stap(stappen, stap_pk)
    if (weg := _eis_bewerkbaar(request, traject, rechten, versie)) is not None:
        return weg
    if request.method == "GET" and "weergave" in request.GET:
        if not request.htmx:
            return _naar_stap(versie, stap.pk)
        focus = request.GET["weergave"] if request.GET["weergave"] in ("bewerken", "verwijderen") else ""
        return _rij(request, traject, rechten, versie, stappen, stap, focus=focus)
    form = _stapform(versie, request.POST if request.method == "POST" else None, stap=stap)
    if request.method == "POST" and form.is_valid():
        try:
            services.processtap_wijzigen(
                stap=stap, door=request.user, gezien=form.gezien_versie(), **form.stapgegevens()
            )
        except (WorkflowFout, ValidationError) as fout:
            form.servicefout_tonen(fout)
        else:
            melding = _("Step %(nummer)s saved.") % {"nummer": stap.volgorde}
            if request.htmx:
                stappen = _stappen(versie)
                stap = _stap(stappen, stap_pk)
                return _werk_antwoord(
                    request,
                    traject,
                    rechten,
                    versie,
                    "rij_na_wijziging",
                    stappen=stappen,
                    stap=stap,
                    rij_melding=melding,
                    rij_melding_pk=stap.pk,
                )
            messages.success(request, melding)
            return _naar_stap(versie, stap.pk)
    if request.htmx:
        if request.method == "GET":
            form.fields["naam"].widget.attrs["autofocus"] = True
        return _rij(request, traject, rechten, versie, stappen, stap, form=form, partial="rij_bewerken")
    return _stapform_pagina(request, traject, rechten, versie, form, stap)


def _rij(request, traject, rechten, versie, stappen, stap, partial: str = "rij", **extra) -> HttpResponse:
    """One row of the steps table (as it is, its edit form or its delete confirmation), no more."""
    context = {
        "traject": traject,
        "rechten": rechten,
        "versie": versie,
        "stap": stap,
        "stappen": stappen,
        "mag_bewerken": True,
        "mag_verbeterpunt": "vastleggen_verbeterpunt" in rechten,
        **extra,
    }
    return render(request, f"{DETAIL}#{partial}", context)


@require_http_methods(["GET", "POST"])
@login_required
def stap_verwijderen(request: HttpRequest, pk: int, versie_pk: int, stap_pk: int) -> HttpResponse:
    """Ask for confirmation (GET: in the row with htmx, else a page), then delete the step (POST)."""
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    versie = _versie(traject, versie_pk)
    stappen = _stappen(versie)
    stap = _stap(stappen, stap_pk)
    if (weg := _eis_bewerkbaar(request, traject, rechten, versie)) is not None:
        return weg
    if request.method == "GET":
        if request.htmx:
            return _rij(request, traject, rechten, versie, stappen, stap, partial="rij_verwijderen")
        context = {"traject": traject, "tab": TAB, "rechten": rechten, "versie": versie, "stap": stap}
        return render(request, "trajecten/processtap_verwijderen.html", context)
    try:
        services.processtap_verwijderen(stap=stap, door=request.user)
    except WorkflowFout as fout:
        if request.htmx:
            return _werk_antwoord(request, traject, rechten, versie, "stappen", fouten=fout.berichten)
        for bericht in fout.berichten:
            messages.error(request, bericht)
        return _naar_stap(versie, stap.pk)
    melding = _("Step %(nummer)s “%(naam)s” deleted.") % {"nummer": stap.volgorde, "naam": stap.naam}
    if request.htmx:
        return _werk_antwoord(request, traject, rechten, versie, GEWIJZIGD, melding=melding)
    messages.success(request, melding)
    return _naar_stap(versie)


@require_POST
@login_required
def stap_verplaatsen(request: HttpRequest, pk: int, versie_pk: int, stap_pk: int) -> HttpResponse:
    """Move a step one place up or down (`richting`), or to a position (`positie`, 1 = first)."""
    traject, rechten = traject_voor_pagina(request, pk, PROCESRECHT)
    versie = _versie(traject, versie_pk)
    stap = _stap(_stappen(versie), stap_pk)
    if (weg := _eis_bewerkbaar(request, traject, rechten, versie)) is not None:
        return weg
    richting, positie = request.POST.get("richting"), request.POST.get("positie", "")
    try:
        if richting in (OMHOOG, OMLAAG):
            services.processtap_verplaatsen(stap=stap, door=request.user, richting=richting)
        elif positie.strip().isdigit():
            services.processtap_verplaatsen(stap=stap, door=request.user, positie=int(positie))
        else:
            raise WorkflowFout(_("Choose up, down or a position to move the step to."))
    except (WorkflowFout, ValidationError) as fout:
        berichten = fout.berichten if isinstance(fout, WorkflowFout) else fout.messages
        if request.htmx:
            return _werk_antwoord(request, traject, rechten, versie, "stappen", fouten=berichten)
        for bericht in berichten:
            messages.error(request, bericht)
        return _naar_stap(versie, stap.pk)
    stappen = _stappen(versie)
    stap = _stap(stappen, stap_pk)
    melding = _("Step “%(naam)s” is now step %(nummer)s.") % {"naam": stap.naam, "nummer": stap.volgorde}
    if request.htmx:
        return _werk_antwoord(
            request,
            traject,
            rechten,
            versie,
            GEWIJZIGD,
            stappen=stappen,
            rij_melding=melding,
            rij_melding_pk=stap.pk,
        )
    messages.success(request, melding)
    return _naar_stap(versie, stap.pk)


# --- current against desired -------------------------------------------------------------------


def _standaardpaar(alle: list[ProcesVersie]) -> tuple[ProcesVersie | None, ProcesVersie | None]:
    """The newest current version and the newest desired one; lacking either, the newest others."""
    links = next((v for v in alle if v.soort == ProcesSoort.HUIDIG), alle[0] if alle else None)
    andere = [v for v in alle if v != links]
    rechts = next((v for v in andere if v.soort == ProcesSoort.GEWENST), andere[0] if andere else None)
    return links, rechts


@require_GET
@login_required
def vergelijken(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (default: the newest current and the newest desired): the figures
    with their differences, and both diagrams."""
    traject, rechten = traject_voor_pagina(request, pk, zicht=TOETSSTUKKEN)
    alle = list(traject.procesversies.order_by("-aangemaakt_op", "-pk"))
    standaard = _standaardpaar(alle)
    beginwaarden = {"huidig": getattr(standaard[0], "pk", None), "gewenst": getattr(standaard[1], "pk", None)}
    gekozen = request.GET if {"huidig", "gewenst"} & set(request.GET) else None
    form = VergelijkenForm(gekozen, initial=beginwaarden, versies=alle)
    context = {"traject": traject, "tab": TAB, "rechten": rechten, "form": form, "aantal_versies": len(alle)}
    paar = standaard
    if gekozen is not None:
        paar = (form.cleaned_data["huidig"], form.cleaned_data["gewenst"]) if form.is_valid() else None
    if paar and all(paar):
        context.update(_vergelijking(traject, *paar))
    return render(request, "trajecten/proces_vergelijken.html", context)


def _vergelijking(traject: Traject, links: ProcesVersie, rechts: ProcesVersie) -> dict:
    stappen: dict[int, list[ProcesStap]] = {links.pk: [], rechts.pk: []}
    for stap in ProcesStap.objects.filter(versie__in=[links, rechts]).order_by("volgorde", "pk"):
        stappen[stap.versie_id].append(stap)
    kanten = []
    for versie in (links, rechts):
        versie.traject = traject
        kanten.append(
            {
                "versie": versie,
                "svg": swimlane_svg(versie=versie, stappen=stappen[versie.pk]),
                "kengetallen": kengetallen(stappen[versie.pk]),
            }
        )
    regels = vergelijking(kanten[0]["kengetallen"], kanten[1]["kengetallen"])
    return {"links": kanten[0], "rechts": kanten[1], "regels": regels}
