"""The klantreiscoach role opens the interview notes, so the privacy officer sees every grant and revocation.

Registered with `trajecten.rolwijzigingen` (in `KlantreisConfig.ready()`): when someone gets or loses
the role through the team services, a row is appended to the privacy log (`InterviewLog`, about no
interview) inside the same transaction, and after commit every member of the group
"Privacyfunctionarissen" gets a notification in the application and by e-mail (`tasks.coachrol_melden`).
Nobody can give the role to themselves (`trajecten.permissions.NIET_ZELF_TOEKENNEN`); who gave it is in
the log.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from trajecten.choices import Rol
from trajecten.models import Teamlid
from trajecten.rolwijzigingen import registreer_rolwijziging
from wasstraat.accounts.models import Groep, User
from wasstraat.meldingen.models import Melding
from wasstraat.meldingen.services import melding_versturen

from .choices import Handeling
from .models import InterviewLog


def _persoon(gebruiker: User) -> str:
    return f"{gebruiker} ({gebruiker.get_username()})"


@registreer_rolwijziging(Rol.KLANTREISCOACH)
def coachrol_vastleggen(*, teamlid: Teamlid, door: User, toegekend: bool) -> InterviewLog:
    """Log that `door` gave or took the klantreiscoach role of `teamlid`, and notify the privacy officers."""
    if toegekend:
        tekst = _(
            "%(persoon)s was given the customer journey coach role and can read the interview notes "
            "from now on."
        )
    else:
        tekst = _(
            "%(persoon)s no longer has the customer journey coach role and can no longer read the "
            "interview notes."
        )
    log = InterviewLog.objects.create(
        traject=teamlid.traject,
        interview=None,
        interview_label="",
        handeling=Handeling.ROL_TOEGEKEND if toegekend else Handeling.ROL_INGETROKKEN,
        actor=door,
        omschrijving=(tekst % {"persoon": _persoon(teamlid.gebruiker)})[:300],
    )
    from .tasks import coachrol_melden  # tasks call services; imported here to avoid a cycle

    transaction.on_commit(lambda: coachrol_melden.delay(log.pk))
    return log


def coachrol_melden_aan_privacy(*, log: InterviewLog) -> list[Melding]:
    """Notify every active member of "Privacyfunctionarissen" of a role entry. Once per entry and person."""
    ontvangers = User.objects.filter(groups__name=Groep.PRIVACY, is_active=True).distinct()
    if log.handeling == Handeling.ROL_TOEGEKEND:
        onderwerp = _("Customer journey coach role given in “%(traject)s”")
    else:
        onderwerp = _("Customer journey coach role taken away in “%(traject)s”")
    onderwerp = onderwerp % {"traject": log.traject}
    tekst = _("%(door)s: %(wat)s Trajectory: “%(traject)s”.") % {
        "door": log.actor,
        "wat": log.omschrijving,
        "traject": log.traject,
    }
    url = f"{reverse('klantreis:privacylog')}?traject={log.traject_id}"
    return [
        melding_versturen(
            ontvanger=ontvanger,
            sleutel=f"coachrol-{log.pk}-{ontvanger.pk}",
            onderwerp=onderwerp[:200],
            tekst=tekst,
            url=url,
        )
        for ontvanger in ontvangers
    ]
