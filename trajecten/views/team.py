"""The team page: who holds which role in a trajectory; adding and removing members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..choices import Rol
from ..forms.team import TeamlidForm
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


def _render_team(
    request: HttpRequest, traject: Traject, rechten: frozenset[str], form: TeamlidForm | None
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
    # htmx swaps only the team block (table + form); without JavaScript the whole page is served.
    template = f"{TEMPLATE}#team" if request.htmx else TEMPLATE
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the team by role; members who manage the team add people here."""
    if request.method != "POST":
        traject, rechten = traject_met_recht(request.user, pk)
        form = TeamlidForm() if "beheer_team" in rechten else None
        return _render_team(request, traject, rechten, form)

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
            form = TeamlidForm()
    return _render_team(request, traject, rechten, form)


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
