"""Views that belong to no app: health check and extending the login session."""

from __future__ import annotations

from django.conf import settings
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


@require_GET
def huisstijl_css(request: HttpRequest) -> HttpResponse:
    """The municipality's main colour as CSS custom properties (no inline styles under the CSP)."""
    kleur = settings.GEMEENTE_KLEUR
    css = (
        f":root {{ --huisstijl-kleur: {kleur}; --bs-primary: {kleur}; --bs-link-color: {kleur}; }}\n"
        f".huisstijl-balk {{ background-color: {kleur}; }}\n"
    )
    response = HttpResponse(css, content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response
