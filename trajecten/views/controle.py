"""Step 3b pages: the overview of a version's check, marking it checked, and the page of an invited person.

Who may do what is decided by the services (the procesadviseur invites and marks; only the invited
person responds); the views refuse early with the same rules so nobody sees a form they cannot use.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from wasstraat.accounts.models import User

from .. import services
from ..choices import ControleStatus, GebeurtenisSoort, ProcesSoort, Rol, SessieSoort, VersieStatus
from ..forms.controle import (
    BevestigenForm,
    GecontroleerdForm,
    OpmerkingVerwijderenForm,
    StapOpmerkingForm,
    UitnodigenForm,
)
from ..models import Gebeurtenis, ProcesControle, ProcesStap, ProcesVersie, Sessie, StapOpmerking, Traject
from ..permissions import traject_met_recht
from ..services.controle import CONTROLE_ROLLEN
from ..swimlane import swimlane_svg
from .hulp import MET_AFDELING

OVERZICHT = "trajecten/proces_controle.html"
CONTROLEREN = "trajecten/proces_controleren.html"

# --- reading ------------------------------------------------------------------------------------


def _versie_van(traject: Traject, versie_pk: int) -> ProcesVersie:
    """A process version of this trajectory; one of another trajectory is not found."""
    versie = get_object_or_404(
        ProcesVersie.objects.select_related("gecontroleerd_door", "controle_sessie"),
        pk=versie_pk,
        traject=traject,
    )
    versie.traject = traject
    return versie


def _is_procesadviseur(traject: Traject, gebruiker: User) -> bool:
    return Rol.PROCESADVISEUR in services.rollen_van(traject=traject, gebruiker=gebruiker)


def _eis_procesadviseur(traject: Traject, gebruiker: User) -> None:
    if not _is_procesadviseur(traject, gebruiker):
        raise PermissionDenied


def _kandidaten(traject: Traject, versie: ProcesVersie) -> QuerySet[User]:
    """Team members who may be asked (subject-matter employees, the process owner), not yet asked."""
    leden = traject.teamleden.filter(rol__in=CONTROLE_ROLLEN).values("gebruiker")
    return (
        User.objects.filter(pk__in=leden, is_active=True)
        .exclude(pk__in=versie.controles.values("gebruiker"))
        .select_related("afdeling")
        .order_by("first_name", "last_name", "username")
    )


def _controlesessies(traject: Traject) -> QuerySet[Sessie]:
    return traject.sessies.filter(soort=SessieSoort.PROCES_CONTROLE).order_by("-begint_op")


def _gewijzigd_na_uitnodiging(versie: ProcesVersie, controles: list[ProcesControle]) -> bool:
    """Whether the map changed after the first person was asked to check it (they may have seen
    an older picture). The version's own change time, or a process event about it on the timeline."""
    if not controles:
        return False
    eerste = min(c.uitgenodigd_op for c in controles)
    if versie.gewijzigd_op > eerste:
        return True
    return (
        Gebeurtenis.objects.filter(
            traject=versie.traject,
            soort=GebeurtenisSoort.PROCES,
            tijdstip__gt=eerste,
            gegevens__versie=versie.pk,
        )
        .exclude(gegevens__has_key="controle")  # the check's own events
        .exists()
    )


def _opmerkingen_per_stap(versie: ProcesVersie) -> tuple[list[tuple[ProcesStap, list]], dict[int, int]]:
    """Every comment on the version, grouped by step in the order of the process, and the number
    of comments per invitation. One query."""
    opmerkingen = (
        StapOpmerking.objects.filter(controle__versie=versie)
        .select_related("stap", "controle__gebruiker")
        .order_by("stap__volgorde", "stap__pk", "geplaatst_op", "pk")
    )
    groepen: dict[int, tuple[ProcesStap, list]] = {}
    per_controle: dict[int, int] = {}
    for opmerking in opmerkingen:
        groepen.setdefault(opmerking.stap_id, (opmerking.stap, []))[1].append(opmerking)
        per_controle[opmerking.controle_id] = per_controle.get(opmerking.controle_id, 0) + 1
    return list(groepen.values()), per_controle


def _open_voor_controle(versie: ProcesVersie) -> bool:
    """A current version not yet checked: people can be asked, respond, and it can be marked."""
    return versie.soort == ProcesSoort.HUIDIG and versie.status != VersieStatus.GECONTROLEERD


# --- the overview -------------------------------------------------------------------------------


def _render_overzicht(
    request: HttpRequest,
    traject: Traject,
    rechten: frozenset[str],
    versie: ProcesVersie,
    *,
    uitnodigen_form: UitnodigenForm | None = None,
    gecontroleerd_form: GecontroleerdForm | None = None,
) -> HttpResponse:
    controles = list(versie.controles.select_related("gebruiker__afdeling", "uitgenodigd_door"))
    per_stap, per_controle = _opmerkingen_per_stap(versie)
    for controle in controles:
        controle.aantal_opmerkingen = per_controle.get(controle.pk, 0)
    is_pa = _is_procesadviseur(traject, request.user)
    open_ = _open_voor_controle(versie)
    if is_pa and open_:
        uitnodigen_form = uitnodigen_form or UitnodigenForm(kandidaten=_kandidaten(traject, versie))
        gecontroleerd_form = gecontroleerd_form or GecontroleerdForm(sessies=_controlesessies(traject))
    context = {
        "traject": traject,
        "tab": "proces",
        "rechten": rechten,
        "versie": versie,
        "controles": controles,
        "per_stap": per_stap,
        "open": open_,
        "is_huidig": versie.soort == ProcesSoort.HUIDIG,
        "is_procesadviseur": is_pa,
        "uitnodigen_form": uitnodigen_form if is_pa and open_ else None,
        "gecontroleerd_form": gecontroleerd_form if is_pa and open_ else None,
        "nog_open": [c for c in controles if c.status == ControleStatus.UITGENODIGD],
        "gewijzigd_na_uitnodiging": _gewijzigd_na_uitnodiging(versie, controles),
        "eigen_controle": next((c for c in controles if c.gebruiker_id == request.user.pk), None),
    }
    return render(request, OVERZICHT, context)


@require_http_methods(["GET", "POST"])
@login_required
def overzicht(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """Who was asked to check the version, how they responded, their comments per step; the
    procesadviseur invites people here (POST) and marks the version checked."""
    traject, rechten = traject_met_recht(request.user, pk, queryset=MET_AFDELING)
    versie = _versie_van(traject, versie_pk)
    if request.method != "POST":
        return _render_overzicht(request, traject, rechten, versie)
    _eis_procesadviseur(traject, request.user)
    form = UitnodigenForm(request.POST, kandidaten=_kandidaten(traject, versie))
    if form.is_valid():
        try:
            nieuw = services.controle_uitnodigen(
                versie=versie, door=request.user, gebruikers=form.cleaned_data["gebruikers"]
            )
        except services.WorkflowFout as fout:
            for bericht in fout.berichten:
                messages.error(request, bericht)
            return redirect("trajecten:proces_controle", pk=traject.pk, versie_pk=versie.pk)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request,
                ngettext(
                    "%(aantal)d person has been asked to check the process and gets an e-mail.",
                    "%(aantal)d people have been asked to check the process and get an e-mail.",
                    len(nieuw),
                )
                % {"aantal": len(nieuw)},
            )
            return redirect("trajecten:proces_controle", pk=traject.pk, versie_pk=versie.pk)
    return _render_overzicht(request, traject, rechten, versie, uitnodigen_form=form)


@require_POST
@login_required
def gecontroleerd(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """The procesadviseur marks the version checked: online, or in a 3b session."""
    traject, rechten = traject_met_recht(request.user, pk, queryset=MET_AFDELING)
    versie = _versie_van(traject, versie_pk)
    _eis_procesadviseur(traject, request.user)
    form = GecontroleerdForm(request.POST, sessies=_controlesessies(traject))
    if form.is_valid():
        try:
            services.versie_gecontroleerd_markeren(
                versie=versie, door=request.user, sessie=form.sessie_voor_service()
            )
        except services.WorkflowFout as fout:
            if not _open_voor_controle(versie):  # no form to show it at: a desired or checked version
                for bericht in fout.berichten:
                    messages.error(request, bericht)
                return redirect("trajecten:proces_controle", pk=traject.pk, versie_pk=versie.pk)
            for bericht in fout.berichten:
                form.add_error(None, bericht)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request, _("The process “%(versie)s” has been marked as checked.") % {"versie": versie.naam}
            )
            return redirect("trajecten:proces_controle", pk=traject.pk, versie_pk=versie.pk)
    return _render_overzicht(request, traject, rechten, versie, gecontroleerd_form=form)


# --- the invited person's page ------------------------------------------------------------------


def _eigen_controle(traject: Traject, versie: ProcesVersie, gebruiker: User) -> ProcesControle:
    """The user's invitation to check this version; a member who was not asked may not respond."""
    controle = (
        ProcesControle.objects.select_related("uitgenodigd_door")
        .filter(versie=versie, gebruiker=gebruiker)
        .first()
    )
    if controle is None:
        raise PermissionDenied
    controle.versie = versie
    controle.gebruiker = gebruiker
    return controle


def _stappen_met_opmerkingen(controle: ProcesControle) -> list[ProcesStap]:
    """The version's steps in order, each with the user's own comments on it. Two queries."""
    stappen = list(controle.versie.stappen.all())
    eigen: dict[int, list[StapOpmerking]] = {}
    for opmerking in controle.opmerkingen.order_by("geplaatst_op", "pk"):
        eigen.setdefault(opmerking.stap_id, []).append(opmerking)
    per_pk = {s.pk: s for s in stappen}
    for nummer, stap in enumerate(stappen, start=1):
        stap.nummer = nummer
        stap.eigen_opmerkingen = eigen.get(stap.pk, [])
        stap.vertakking = per_pk.get(stap.vertakking_naar_id)
        stap.fouten, stap.invoer = [], ""
    return stappen


def _context_controleren(request: HttpRequest, traject: Traject, controle: ProcesControle, **extra) -> dict:
    return {
        "traject": traject,
        "tab": "proces",
        "versie": controle.versie,
        "controle": controle,
        "open": controle.versie.status != VersieStatus.GECONTROLEERD,
        "url": reverse("trajecten:proces_controleren", args=[traject.pk, controle.versie.pk]),
        **extra,
    }


def _render_controleren(
    request: HttpRequest,
    traject: Traject,
    controle: ProcesControle,
    *,
    fout_form: StapOpmerkingForm | None = None,
    bevestigen_form: BevestigenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    stappen = _stappen_met_opmerkingen(controle)
    if fout_form is not None:  # a comment that was refused: its error and text at its step
        stap_pk = str(fout_form.data.get("stap"))
        for stap in stappen:
            if str(stap.pk) == stap_pk:
                stap.fouten = [*fout_form.non_field_errors(), *fout_form.errors.get("tekst", [])]
                stap.invoer = fout_form.data.get("tekst", "")
    bevestigen_form = bevestigen_form or BevestigenForm(
        initial={"algemene_opmerking": controle.algemene_opmerking}
    )
    context = _context_controleren(
        request,
        traject,
        controle,
        stappen=stappen,
        diagram=swimlane_svg(versie=controle.versie, stappen=stappen),
        bevestigen_form=bevestigen_form,
    )
    return render(request, CONTROLEREN, context, status=status)


def _render_stap(request: HttpRequest, traject: Traject, controle: ProcesControle, stap: ProcesStap, **kw):
    """Only the comment cell of one step (htmx swaps it in place)."""
    stap.eigen_opmerkingen = list(controle.opmerkingen.filter(stap=stap).order_by("geplaatst_op", "pk"))
    stap.fouten = kw.pop("fouten", [])
    stap.invoer = kw.pop("invoer", "")
    context = _context_controleren(request, traject, controle, stap=stap, **kw)
    return render(request, f"{CONTROLEREN}#stap_opmerkingen", context)


@require_http_methods(["GET", "POST"])
@login_required
def controleren(request: HttpRequest, pk: int, versie_pk: int) -> HttpResponse:
    """The invited person's page: the diagram and the steps, a comment per step, and "Klopt"."""
    traject, _rechten = traject_met_recht(request.user, pk, queryset=MET_AFDELING)
    versie = _versie_van(traject, versie_pk)
    controle = _eigen_controle(traject, versie, request.user)
    if request.method != "POST":
        return _render_controleren(request, traject, controle)
    actie = request.POST.get("actie")
    if actie == "opmerking":
        return _opmerking_plaatsen(request, traject, controle)
    if actie == "verwijderen":
        return _opmerking_verwijderen(request, traject, controle)
    if actie == "bevestigen":
        return _bevestigen(request, traject, controle)
    return HttpResponseBadRequest(_("Unknown action."))


def _terug(controle: ProcesControle, anker: str = "") -> HttpResponse:
    url = reverse("trajecten:proces_controleren", args=[controle.versie.traject_id, controle.versie_id])
    return redirect(f"{url}#{anker}" if anker else url)


def _opmerking_plaatsen(request: HttpRequest, traject: Traject, controle: ProcesControle) -> HttpResponse:
    form = StapOpmerkingForm(request.POST, versie=controle.versie)
    if not form.is_valid() and "stap" in form.errors:
        raise Http404  # no step of this version
    if form.is_valid():
        stap = form.cleaned_data["stap"]
        try:
            services.stap_opmerking_plaatsen(
                controle=controle, door=request.user, stap=stap, tekst=form.cleaned_data["tekst"]
            )
        except services.WorkflowFout as fout:
            if not request.htmx:  # e.g. checked meanwhile: the page shows the message and the new state
                for bericht in fout.berichten:
                    messages.error(request, bericht)
                return _terug(controle, f"stap-{stap.pk}")
            for bericht in fout.berichten:
                form.add_error(None, bericht)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            if request.htmx:
                return _render_stap(
                    request, traject, controle, stap, bericht=_("Your comment has been saved.")
                )
            messages.success(
                request, _("Your comment on step %(stap)s has been saved.") % {"stap": stap.naam}
            )
            return _terug(controle, f"stap-{stap.pk}")
    if request.htmx:
        stap = form.cleaned_data["stap"]
        fouten = [*form.non_field_errors(), *form.errors.get("tekst", [])]
        return _render_stap(
            request, traject, controle, stap, fouten=fouten, invoer=form.data.get("tekst", "")
        )
    return _render_controleren(request, traject, controle, fout_form=form)


def _opmerking_verwijderen(request: HttpRequest, traject: Traject, controle: ProcesControle) -> HttpResponse:
    form = OpmerkingVerwijderenForm(request.POST)
    if not form.is_valid():
        raise Http404
    opmerking = get_object_or_404(
        StapOpmerking.objects.select_related("stap"), pk=form.cleaned_data["opmerking"], controle=controle
    )
    opmerking.controle = controle
    stap = opmerking.stap
    try:
        services.opmerking_verwijderen(opmerking=opmerking, door=request.user)
    except services.WorkflowFout as fout:
        if request.htmx:
            return _render_stap(request, traject, controle, stap, fouten=fout.berichten)
        for bericht in fout.berichten:
            messages.error(request, bericht)
    else:
        if request.htmx:
            return _render_stap(request, traject, controle, stap, bericht=_("Your comment has been removed."))
        messages.success(request, _("Your comment has been removed."))
    return _terug(controle, f"stap-{stap.pk}")


def _bevestigen(request: HttpRequest, traject: Traject, controle: ProcesControle) -> HttpResponse:
    form = BevestigenForm(request.POST)
    if form.is_valid():
        try:
            services.controle_bevestigen(
                controle=controle,
                door=request.user,
                algemene_opmerking=form.cleaned_data["algemene_opmerking"],
            )
        except services.WorkflowFout as fout:
            for bericht in fout.berichten:
                form.add_error(None, bericht)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Thank you: you confirmed that the process is complete and correct."))
            return _terug(controle)
    return _render_controleren(request, traject, controle, bevestigen_form=form)
