"""The team page: who holds which role in a trajectory; adding and removing members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..choices import Rol
from ..forms.team import PersoonZoekForm, TeamlidForm
from ..models import Teamlid, Traject
from ..permissions import BEKIJKEN, rechten_voor, traject_met_recht
from ..voorwaarden import VEREISTE_ROLLEN

TEMPLATE = "trajecten/team.html"


def _team_per_rol(traject: Traject) -> tuple[list[tuple[Rol, list[Teamlid]]], list[Rol], int]:
    """The members grouped by role (in the order of the roles), the roles step 1 still lacks, and
    the number of people. One query, however large the team."""
    leden = list(traject.teamleden.select_related("gebruiker__afdeling"))
    groepen = []
    for rol in Rol:
        van_rol = [lid for lid in leden if lid.rol == rol]
        if van_rol:
            van_rol.sort(key=lambda lid: (str(lid.gebruiker).casefold(), lid.discipline))
            groepen.append((rol, van_rol))
    aanwezig = {lid.rol for lid in leden}
    ontbrekend = [rol for rol in VEREISTE_ROLLEN if rol not in aanwezig]
    return groepen, ontbrekend, len({lid.gebruiker_id for lid in leden})


def _zoekterm(data) -> str:
    return PersoonZoekForm(data).zoekterm()


def _render_team(
    request: HttpRequest,
    traject: Traject,
    rechten: frozenset[str],
    form: TeamlidForm | None,
    zoek: str = "",
) -> HttpResponse:
    groepen, ontbrekend, aantal = _team_per_rol(traject)
    context = {
        "traject": traject,
        "tab": "team",
        "rechten": rechten,
        "form": form,
        "groepen": groepen,
        "ontbrekend": ontbrekend,
        "aantal_personen": aantal,
        "mag_beheren": "beheer_team" in rechten,
    }
    if form is not None:  # the picker: the matches of the search, and the person chosen before
        context["gevonden"] = selectors.personen_zoeken(zoek=zoek, gekozen=form.gekozen())
    # htmx swaps only the team block (table + form); without JavaScript the whole page is served.
    template = f"{TEMPLATE}#team" if request.htmx else TEMPLATE
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the team by role; members who manage the team search for people and add them here.

    Without JavaScript the search is a GET of this page (``?zoek=``) that shows the matches.
    """
    if request.method != "POST":
        traject, rechten = traject_met_recht(request.user, pk)
        form = TeamlidForm() if "beheer_team" in rechten else None
        return _render_team(request, traject, rechten, form, _zoekterm(request.GET))

    traject, rechten = traject_met_recht(request.user, pk, "beheer_team")
    form = TeamlidForm(request.POST)
    if form.is_valid():
        try:
            lid = services.teamlid_toevoegen(traject=traject, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(
                request,
                _("%(persoon)s has joined the team as %(rol)s.")
                % {"persoon": lid.gebruiker, "rol": lid.rol_in_zin},
            )
            if not request.htmx:
                return redirect("trajecten:team", pk=traject.pk)
            return _render_team(request, traject, rechten, TeamlidForm())
    return _render_team(request, traject, rechten, form, _zoekterm(request.POST))


@require_GET
@login_required
@never_cache
def personen(request: HttpRequest, pk: int) -> HttpResponse:
    """The matches of the team picker's search (``?zoek=``) as an HTML fragment for htmx: at most
    `selectors.PERSONEN_MAX` active people. Only for who may manage this trajectory's team."""
    traject, _rechten = traject_met_recht(request.user, pk, "beheer_team")
    zoekform = PersoonZoekForm(request.GET)
    gevonden = selectors.personen_zoeken(zoek=zoekform.zoekterm(), gekozen=zoekform.gekozen())
    context = {"traject": traject, "gevonden": gevonden, "los": True}
    return render(request, "trajecten/team_personen.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def verwijderen(request: HttpRequest, pk: int, lid_pk: int) -> HttpResponse:
    """Ask for confirmation (GET), then take the role away (POST)."""
    traject, rechten = traject_met_recht(request.user, pk, "beheer_team")
    lid = get_object_or_404(Teamlid.objects.select_related("gebruiker__afdeling"), pk=lid_pk, traject=traject)
    lid.traject = traject
    if request.method != "POST":
        context = {"traject": traject, "tab": "team", "rechten": rechten, "lid": lid}
        return render(request, "trajecten/teamlid_verwijderen.html", context)
    try:
        services.teamlid_verwijderen(teamlid=lid, door=request.user)
    except services.WorkflowFout as fout:
        for bericht in fout.berichten:
            messages.error(request, bericht)
        return redirect("trajecten:team", pk=traject.pk)
    messages.success(
        request,
        _("%(persoon)s no longer has the role %(rol)s.") % {"persoon": lid.gebruiker, "rol": lid.rol_in_zin},
    )
    if BEKIJKEN not in rechten_voor(request.user, traject):
        return redirect("trajecten:lijst")  # removed their own last role
    return redirect("trajecten:team", pk=traject.pk)
