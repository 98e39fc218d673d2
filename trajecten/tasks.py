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
            % {"door": lid.toegevoegd_door, "traject": lid.traject, "rol": lid.rol_in_zin},
            url=reverse("trajecten:detail", args=[lid.traject_id]),
        )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def controle_uitnodiging(self, controle_id: int) -> None:
    """E-mail a person asked to check a process map (3b). Idempotent: keyed on the invitation."""
    from .models import ProcesControle

    controle = (
        ProcesControle.objects.select_related("versie__traject", "gebruiker", "uitgenodigd_door")
        .filter(pk=controle_id)
        .first()
    )
    if controle is None:  # the version was deleted before the task ran
        return
    versie = controle.versie
    with translation.override("nl"):
        melding_versturen(
            ontvanger=controle.gebruiker,
            sleutel=f"procescontrole-uitnodiging-{controle.pk}",
            onderwerp=_("Please check the process “%(versie)s”") % {"versie": versie.naam},
            tekst=_(
                "%(door)s asks you to check whether the map of the current process “%(versie)s” in "
                "“%(traject)s” is complete and correct. Confirm it, or comment on the steps that are "
                "missing or not right."
            )
            % {"door": controle.uitgenodigd_door, "versie": versie.naam, "traject": versie.traject},
            url=reverse("trajecten:proces_controleren", args=[versie.traject_id, versie.pk]),
        )
