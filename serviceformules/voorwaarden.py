"""Completion condition of step 5, the coupling with a serviceformule (the 6 P's)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten.choices import Stap
from trajecten.models import Traject
from trajecten.workflow import registreer_voorwaarde

from .choices import P
from .models import Formulekeuze, PBeoordeling


@registreer_voorwaarde(Stap.S5)
def zes_p_beoordeeld(traject: Traject) -> list[str]:
    """A serviceformule chosen and every one of the six P's assessed against it."""
    keuze = Formulekeuze.objects.filter(traject=traject).only("formule_id").first()
    if keuze is None:
        return [_("Choose the serviceformule that fits the product."), _("Assess all six P's.")]
    beoordeeld = set(
        PBeoordeling.objects.filter(traject=traject, formule_id=keuze.formule_id).values_list("p", flat=True)
    )
    open_ = [p for p in P if p not in beoordeeld]
    if not open_:
        return []
    return [
        ngettext("Assess the remaining P: %(ps)s.", "Assess the remaining P's: %(ps)s.", len(open_))
        % {"ps": ", ".join(str(p.label) for p in open_)}
    ]
