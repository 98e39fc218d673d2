"""Reads of the accounts app."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Rechtenwijziging


def rechtenlog(*, filters: dict) -> QuerySet[Rechtenwijziging]:
    """The rights log, newest first, filtered by kind, account or group, and period."""
    regels = Rechtenwijziging.objects.select_related("door", "gebruiker")
    if filters.get("soort"):
        regels = regels.filter(soort=filters["soort"])
    if zoek := filters.get("zoek"):
        regels = regels.filter(
            Q(gebruiker__username__icontains=zoek)
            | Q(gebruiker__first_name__icontains=zoek)
            | Q(gebruiker__last_name__icontains=zoek)
            | Q(groep_naam__icontains=zoek)
        )
    if filters.get("van"):
        regels = regels.filter(tijdstip__date__gte=filters["van"])
    if filters.get("tot"):
        regels = regels.filter(tijdstip__date__lte=filters["tot"])
    return regels
