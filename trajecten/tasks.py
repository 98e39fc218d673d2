"""Celery entry points of the trajectory app: they take ids, fetch, and call a service."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wasstraat.meldingen.services import melding_versturen

from .models import Teamlid


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def welkom_teamlid(self, teamlid_id: int) -> None:
    """E-mail a person who was added to a trajectory team. Idempotent: keyed on the membership."""
    lid = Teamlid.objects.select_related("traject", "gebruiker").filter(pk=teamlid_id).first()
    if lid is None:  # the role was taken away again before the task ran
        return
    with translation.override("nl"):
        melding_versturen(
            ontvanger=lid.gebruiker,
            sleutel=f"teamlid-welkom-{lid.pk}",
            onderwerp=_("You have joined the trajectory “%(traject)s”") % {"traject": lid.traject},
            tekst=_("%(door)s added you to the team of “%(traject)s” as %(rol)s.")
            % {"door": lid.toegevoegd_door, "traject": lid.traject, "rol": lid.rol_label.lower()},
            url=reverse("trajecten:detail", args=[lid.traject_id]),
        )
