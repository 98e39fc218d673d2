"""Small helpers the views of every app share."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from ..models import Traject
from ..permissions import BEKIJKEN, traject_met_recht
from ..services import WorkflowFout

#: The pages with the trajectory header (traject_base.html) show the product's department.
MET_AFDELING = Traject.objects.select_related("product__afdeling")


def traject_voor_pagina(
    request: HttpRequest, pk: int, recht: str | None = None, queryset=None, *, zicht: str = BEKIJKEN
) -> tuple[Traject, frozenset[str]]:
    """The trajectory of a page with the trajectory header, if the user holds `recht` on it (404/403
    otherwise, see `traject_met_recht`; `zicht=TOETSSTUKKEN` for a page a review needs), and the
    user's rights on it."""
    return traject_met_recht(
        request.user, pk, recht, queryset=queryset if queryset is not None else MET_AFDELING, zicht=zicht
    )


def fout_melden(request: HttpRequest, fout: WorkflowFout | ValidationError | Iterable[str]) -> None:
    """A refusal shown as error messages on the next page (a service's, or a list of reasons)."""
    if isinstance(fout, WorkflowFout):
        berichten = fout.berichten
    elif isinstance(fout, ValidationError):
        berichten = fout.messages
    else:
        berichten = fout
    for bericht in berichten:
        messages.error(request, bericht)
