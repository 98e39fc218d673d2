"""Celery entry points of the customer journey: they call a service and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import translation

from .privacy import notities_opschonen


@shared_task(acks_late=True)
def interviewnotities_opschonen() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): delete interview notes whose retention period has passed.

    Idempotent: notes already deleted are skipped, so a second run changes and logs nothing.
    """
    with translation.override(settings.LANGUAGE_CODE):  # the privacy log is written in the UI language
        return notities_opschonen()
