"""A person's own notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Melding
from .services import melding_gelezen


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    meldingen = Melding.objects.filter(ontvanger=request.user)
    pagina = Paginator(meldingen, 25).get_page(request.GET.get("pagina"))
    return render(request, "meldingen/lijst.html", {"pagina": pagina})


@require_POST
@login_required
def gelezen(request: HttpRequest, pk: int) -> HttpResponse:
    melding = get_object_or_404(Melding, pk=pk, ontvanger=request.user)  # others' are 404
    melding_gelezen(melding=melding)
    return redirect(melding.url or "meldingen:lijst")
