"""Celery entry points of the improvement plan: they take ids, fetch, notify, and are safe to run twice
(each notification is keyed, `meldingen.services.melding_versturen` e-mails at most once; the PDF of a
state of the plan is rendered once)."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from trajecten.models import Traject
from wasstraat.meldingen.services import melding_versturen

from .choices import ToetsverzoekStatus
from .models import Toetsverzoek


@shared_task(acks_late=True)
def plan_pdf_maken(traject_id: int) -> str | None:
    """Render and store the PDF of the trajectory's plan as it stands (`verbeterplan.pdf.pdf_opslaan`).
    Safe to run twice: a state already stored is not rendered again."""
    from .pdf import pdf_opslaan

    traject = Traject.objects.filter(pk=traject_id).first()
    if traject is None:
        return None
    return pdf_opslaan(traject=traject)


def _verzoek(verzoek_id: int, status: str) -> Toetsverzoek | None:
    return (
        Toetsverzoek.objects.select_related("traject", "specialist", "aangevraagd_door")
        .filter(pk=verzoek_id, status=status)
        .first()
    )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def toetsverzoek_melden(self, verzoek_id: int) -> None:
    """Tell the specialist a review is asked of them, with the term. Keyed on the request; nothing is
    sent for a request withdrawn before the task ran."""
    verzoek = _verzoek(verzoek_id, ToetsverzoekStatus.OPEN)
    if verzoek is None:
        return
    with translation.override("nl"):
        tekst = _(
            "%(door)s asks you to review the improvement plan of “%(traject)s” as %(discipline)s, "
            "by %(termijn)s: per action or for the whole plan, approved, approved with conditions or "
            "not approved."
        ) % {
            "door": verzoek.aangevraagd_door,
            "traject": verzoek.traject,
            "discipline": verzoek.get_discipline_display().lower(),
            "termijn": verzoek.termijn.strftime("%d-%m-%Y"),
        }
        if verzoek.bericht:
            tekst = f"{tekst}\n\n{verzoek.bericht}"
        melding_versturen(
            ontvanger=verzoek.specialist,
            sleutel=f"toetsverzoek-{verzoek.pk}",
            onderwerp=(_("Review requested: “%(traject)s”") % {"traject": verzoek.traject})[:200],
            tekst=tekst,
            url=verzoek.get_absolute_url(),
        )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def toetsverzoek_beantwoord_melden(self, verzoek_id: int) -> None:
    """Tell whoever requested the review that the specialist answered. Keyed on the request."""
    verzoek = _verzoek(verzoek_id, ToetsverzoekStatus.BEANTWOORD)
    if verzoek is None:
        return
    with translation.override("nl"):
        melding_versturen(
            ontvanger=verzoek.aangevraagd_door,
            sleutel=f"toetsverzoek-beantwoord-{verzoek.pk}",
            onderwerp=(
                _("%(persoon)s reviewed “%(traject)s”")
                % {"persoon": verzoek.specialist, "traject": verzoek.traject}
            )[:200],
            tekst=_(
                "%(persoon)s (%(discipline)s) gave their verdict on the improvement plan of “%(traject)s”."
            )
            % {
                "persoon": verzoek.specialist,
                "discipline": verzoek.get_discipline_display().lower(),
                "traject": verzoek.traject,
            },
            url=reverse("verbeterplan:toetsing", args=[verzoek.traject_id]),
        )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def toetsverzoek_ingetrokken_melden(self, verzoek_id: int) -> None:
    """Tell the specialist their review is no longer needed, with the reason. Keyed on the request."""
    verzoek = _verzoek(verzoek_id, ToetsverzoekStatus.INGETROKKEN)
    if verzoek is None:
        return
    with translation.override("nl"):
        melding_versturen(
            ontvanger=verzoek.specialist,
            sleutel=f"toetsverzoek-ingetrokken-{verzoek.pk}",
            onderwerp=(_("Review no longer needed: “%(traject)s”") % {"traject": verzoek.traject})[:200],
            tekst=_(
                "%(door)s withdrew the request to review the improvement plan of “%(traject)s”: %(reden)s"
            )
            % {"door": verzoek.ingetrokken_door, "traject": verzoek.traject, "reden": verzoek.intrekreden},
            url=reverse("mijn_toetsingen"),
        )
