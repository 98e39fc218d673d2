"""The rights log in the application: who changed whose rights or password, for the privacy officer.

Global (not per trajectory): ``accounts.view_rechtenwijziging`` (the group "Privacyfunctionarissen";
superusers), everyone else 403. The log never holds passwords or links, so neither does this page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import RechtenlogFilterForm
from .selectors import rechtenlog

PER_PAGINA = 50


@require_GET
@login_required
@never_cache
def logboek(request: HttpRequest) -> HttpResponse:
    """The rights log, newest first, 50 per page."""
    if not request.user.has_perm("accounts.view_rechtenwijziging"):
        raise PermissionDenied
    filter_form = RechtenlogFilterForm(request.GET or None)
    filters = filter_form.filters()
    pagina = Paginator(rechtenlog(filters=filters), PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"filter_form": filter_form, "pagina": pagina, "gefilterd": bool(filters)}
    return render(request, "accounts/rechtenlog.html", context)
