"""Template context on every page: whether the user has review requests ("Mijn toetsingen" in the menu)."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest


def toetsingen(request: HttpRequest) -> dict:
    """`heeft_toetsingen`: evaluated (one EXISTS query) only when the menu asks, and at most once."""

    @cache
    def heeft_toetsingen() -> bool:
        from .models import Toetsverzoek

        gebruiker = getattr(request, "user", None)
        if gebruiker is None or not gebruiker.is_authenticated:
            return False
        return Toetsverzoek.objects.filter(specialist=gebruiker).exists()

    return {"heeft_toetsingen": heeft_toetsingen}
