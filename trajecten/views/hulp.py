"""Small helpers the views of every app share."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from ..services import WorkflowFout


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
