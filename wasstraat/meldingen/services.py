"""Writing notifications: create once per key, e-mail once."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from wasstraat.accounts.models import User

from .models import Melding


def melding_versturen(*, ontvanger: User, sleutel: str, onderwerp: str, tekst: str, url: str = "") -> Melding:
    """Record a notification and e-mail it, unless one with this key was already e-mailed.

    Safe to call twice (a retried Celery task): the row is unique by key and locked while sending.
    """
    with transaction.atomic():
        Melding.objects.get_or_create(
            sleutel=sleutel,
            defaults={"ontvanger": ontvanger, "onderwerp": onderwerp, "tekst": tekst, "url": url},
        )
        melding = Melding.objects.select_for_update().get(sleutel=sleutel)
        if melding.email_verzonden_op is None and ontvanger.email:
            link = f"{settings.SITE_URL}{url}" if url else ""
            send_mail(
                subject=onderwerp,
                message=f"{tekst}\n\n{link}".strip(),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[ontvanger.email],
            )
            melding.email_verzonden_op = timezone.now()
            melding.save(update_fields=["email_verzonden_op"])
    return melding


def melding_gelezen(*, melding: Melding) -> Melding:
    """Mark a notification as read."""
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        melding.save(update_fields=["gelezen_op"])
    return melding
