"""Celery entry points of the improvement plan: they take ids, fetch, and call a service."""

from __future__ import annotations

from celery import shared_task

from trajecten.models import Traject


@shared_task(acks_late=True)
def plan_pdf_maken(traject_id: int) -> str | None:
    """Render and store the PDF of the trajectory's plan as it stands (`verbeterplan.pdf.pdf_opslaan`).
    Safe to run twice: a state already stored is not rendered again."""
    from .pdf import pdf_opslaan

    traject = Traject.objects.filter(pk=traject_id).first()
    if traject is None:
        return None
    return pdf_opslaan(traject=traject)
