"""Template context used on every page: the municipality's house style."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def huisstijl(request: HttpRequest) -> dict:
    return {
        "GEMEENTE_NAAM": settings.GEMEENTE_NAAM,
        "GEMEENTE_LOGO": settings.GEMEENTE_LOGO,
        "GEMEENTE_KLEUR": settings.GEMEENTE_KLEUR,
        "SESSIE_DUUR": settings.SESSION_COOKIE_AGE,
        "SESSIE_WAARSCHUWING": settings.SESSION_TIMEOUT_WARNING_SECONDS,
    }
