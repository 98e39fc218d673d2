"""What step 5 adds to the trajectory's documents: on the trajectkaart, the 6P overview and the verdict
per P with its explanation (registered in `ServiceformulesConfig.ready()`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trajecten.documenten import registreer_kaartinhoud
from trajecten.models import Traject

from .choices import P
from .models import Formulekeuze, PBeoordeling
from .overzicht import zes_p_samenvatting, zes_p_svg, zes_p_titel

#: Three tiles a row across an A4 page.
KAART_BREEDTE = 720


@registreer_kaartinhoud
def zes_p_op_kaart(traject: Traject) -> dict:
    """`kaart_zes_p` for the trajectkaart: None until a formule is chosen, else the formule, the 6P
    overview of its assessment and a row per P. Two queries."""
    keuze = Formulekeuze.objects.select_related("formule").filter(traject=traject).first()
    if keuze is None:
        return {"kaart_zes_p": None}
    formule = keuze.formule
    beoordelingen = {b.p: b for b in PBeoordeling.objects.filter(traject=traject, formule=formule)}
    # a PDF reader reads a figure's title as its alternative text: give it every verdict too
    titel = f"{zes_p_titel(formule)}. {zes_p_samenvatting(formule, beoordelingen)}"
    rijen = [
        {
            "p": p.label,
            "oordeel": beoordelingen[p].get_oordeel_display()
            if p in beoordelingen
            else _("Not yet assessed"),
            "toelichting": beoordelingen[p].toelichting if p in beoordelingen else "",
        }
        for p in P
    ]
    return {
        "kaart_zes_p": {
            "formule": formule,
            "svg": zes_p_svg(formule, beoordelingen, breedte=KAART_BREEDTE, titel=titel),
            "rijen": rijen,
        }
    }
