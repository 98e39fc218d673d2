"""Celery entry points of the accounts app: they take ids, fetch, and call a service."""

from __future__ import annotations

from celery import shared_task
from django.utils import translation

from . import services
from .choices import RechtenwijzigingSoort
from .models import Rechtenwijziging


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def wachtwoordlink_mailen(self, wijziging_id: int) -> None:
    """E-mail the link to set a password that the rights-log row `wijziging_id` records.

    Safe to run twice: a second e-mail carries an equally valid link and changes nothing. (The log is
    append-only, so it cannot carry a "sent" mark; a reset link twice is harmless.)
    """
    wijziging = (
        Rechtenwijziging.objects.select_related("gebruiker")
        .filter(
            pk=wijziging_id,
            soort__in=[RechtenwijzigingSoort.RESETLINK, RechtenwijzigingSoort.UITNODIGING],
        )
        .first()
    )
    if wijziging is None or not wijziging.gebruiker.is_active:
        return
    with translation.override("nl"):
        services.wachtwoordlink_mailen(wijziging=wijziging)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def emailwijziging_melden(self, wijziging_id: int) -> None:
    """Tell the old address of an account that its e-mail address was changed."""
    wijziging = (
        Rechtenwijziging.objects.select_related("gebruiker", "door")
        .filter(pk=wijziging_id, soort=RechtenwijzigingSoort.EMAIL)
        .first()
    )
    if wijziging is None:
        return
    with translation.override("nl"):
        services.emailwijziging_mailen(wijziging=wijziging)
