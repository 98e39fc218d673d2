"""Completion condition of step 4, the customer journey."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.workflow import registreer_voorwaarde

from .choices import Reis
from .models import Alternatief, Contactmoment, Interview, Klantreis


def _met_inhoud():
    """The journey with flags for what step 4 needs, in one query."""
    momenten = Contactmoment.objects.filter(fase__klantreis=OuterRef("pk"))
    return Klantreis.objects.annotate(
        heeft_interview=Exists(Interview.objects.filter(klantreis=OuterRef("pk"))),
        heeft_alternatief=Exists(Alternatief.objects.filter(klantreis=OuterRef("pk")).exclude(reden="")),
        heeft_huidig=Exists(momenten.filter(reis=Reis.HUIDIG)),
        heeft_gewenst=Exists(momenten.filter(reis=Reis.GEWENST)),
    )


@registreer_voorwaarde(Stap.S4)
def klantreis_compleet(traject: Traject) -> list[str]:
    """A journey with at least one interview (or an alternative source with its reason), the current
    journey with phases and contact moments, and the desired journey."""
    reis = _met_inhoud().filter(traject=traject).first()
    if reis is None:
        return [
            _("Start the customer journey: describe the target group or persona."),
            _(
                "Hold at least one interview, or record an alternative source (existing customer feedback "
                "or another municipality's customer journey) with the reason."
            ),
            _("Map the current journey: phases with their contact moments."),
            _("Map the desired journey: its contact moments in the phases."),
        ]
    ontbreekt = []
    if not (reis.heeft_interview or reis.heeft_alternatief):
        ontbreekt.append(
            _(
                "Hold at least one interview, or record an alternative source (existing customer feedback "
                "or another municipality's customer journey) with the reason."
            )
        )
    if not reis.heeft_huidig:
        ontbreekt.append(_("Map the current journey: phases with their contact moments."))
    if not reis.heeft_gewenst:
        ontbreekt.append(_("Map the desired journey: its contact moments in the phases."))
    return ontbreekt
