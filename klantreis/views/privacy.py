"""The privacy officer's log of what happened to interview notes: who viewed, changed, exported or deleted
them, and when. Global (not per trajectory): `klantreis.view_interviewlog` (the group
"Privacyfunctionarissen"), everyone else 403. Filters by trajectory, action and period; CSV download.
The log never holds notes, so neither does this page.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..forms.interviews import LogFilterForm
from ..models import InterviewLog

PER_PAGINA = 50

#: A cell starting with one of these is a formula to a spreadsheet program: written with a quote first.
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def _celveilig(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst.startswith(_FORMULETEKENS) else tekst


def csv_antwoord(rijen: Iterable[Iterable[object]], bestandsnaam: str) -> HttpResponse:
    """A CSV download (semicolons and a byte-order mark, as Dutch spreadsheet programs expect), never cached.

    Cells that a spreadsheet would run as a formula are written with a quote in front.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "no-store, private"
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    for rij in rijen:
        schrijver.writerow([_celveilig(cel) for cel in rij])
    return response


def _regels(filters: dict) -> QuerySet[InterviewLog]:
    regels = InterviewLog.objects.select_related("traject", "actor")
    if filters.get("traject"):
        regels = regels.filter(traject=filters["traject"])
    if filters.get("handeling"):
        regels = regels.filter(handeling=filters["handeling"])
    if filters.get("van"):
        regels = regels.filter(tijdstip__date__gte=filters["van"])
    if filters.get("tot"):
        regels = regels.filter(tijdstip__date__lte=filters["tot"])
    return regels


def _csv(regels: QuerySet[InterviewLog]) -> HttpResponse:
    velden = ("tijdstip", "handeling", "interview_label", "traject", "actor", "omschrijving")
    kop = [capfirst(InterviewLog._meta.get_field(n).verbose_name) for n in velden]
    rijen = (
        [
            timezone.localtime(r.tijdstip).strftime("%Y-%m-%d %H:%M:%S"),
            r.get_handeling_display(),
            r.interview_label,
            r.traject.titel,
            r.actor if r.actor_id else _("the system (retention period)"),
            r.omschrijving,
        ]
        for r in regels.iterator(chunk_size=500)
    )
    return csv_antwoord([kop, *rijen], f"privacylog-{timezone.localdate():%Y-%m-%d}.csv")


@require_GET
@login_required
@never_cache
def logboek(request: HttpRequest) -> HttpResponse:
    """The privacy log, newest first, 50 per page; `?formaat=csv` downloads every filtered row."""
    if not request.user.has_perm("klantreis.view_interviewlog"):
        raise PermissionDenied
    filter_form = LogFilterForm(request.GET or None)
    filters = filter_form.filters()
    regels = _regels(filters)
    if request.GET.get("formaat") == "csv":
        return _csv(regels)
    pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"filter_form": filter_form, "pagina": pagina, "gefilterd": bool(filters)}
    return render(request, "klantreis/privacylog.html", context)
