"""Views that belong to no app: health check and extending the login session."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@require_GET
@never_cache
def gezondheid(request: HttpRequest) -> HttpResponse:
    """Health check for the container orchestrator: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
@login_required
def sessie_verlengen(request: HttpRequest) -> JsonResponse:
    """Extend the login session (the timeout warning's button); saving the session renews it."""
    request.session.modified = True
    return JsonResponse({"verloopt_over": request.session.get_expiry_age()})
