"""Celery entry points of the customer journey: they call a service and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import translation

from .choices import ROLHANDELINGEN
from .coachrol import coachrol_melden_aan_privacy
from .models import InterviewLog
from .privacy import notities_opschonen


@shared_task(acks_late=True)
def interviewnotities_opschonen() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): delete interview notes whose retention period has passed.

    Idempotent: notes already deleted are skipped, so a second run changes and logs nothing.
    """
    with translation.override(settings.LANGUAGE_CODE):  # the privacy log is written in the UI language
        return notities_opschonen()


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def coachrol_melden(self, log_id: int) -> None:
    """Tell the privacy officers that someone got or lost the klantreiscoach role (a privacy-log entry).

    Idempotent: each notification is keyed on the entry and the recipient.
    """
    log = (
        InterviewLog.objects.select_related("traject", "actor")
        .filter(pk=log_id, handeling__in=ROLHANDELINGEN)
        .first()
    )
    if log is None:
        return
    with translation.override("nl"):
        coachrol_melden_aan_privacy(log=log)
