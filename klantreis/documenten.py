"""What the customer journey adds to the trajectory's documents: on the trajectkaart, the experience curve
and a table of the phases with their average experience and metric (registered in
`KlantreisConfig.ready()`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trajecten.documenten import registreer_kaartinhoud
from trajecten.models import Traject

from .curve import curve_samenvatting, curve_svg, curve_tabel
from .models import Contactmoment, Fase

#: The curve across an A4 page: drawn this size, shown as wide as the text (about 8 pt letters).
KAART_BREEDTE = 760
KAART_HOOGTE = 320


@registreer_kaartinhoud
def klantreis_op_kaart(traject: Traject) -> dict:
    """`kaart_klantreis` for the trajectkaart: None without a journey with contact moments, else the
    persona, the curve and a row per phase. Two queries."""
    fasen = list(Fase.objects.select_related("klantreis").filter(klantreis__traject=traject))
    momenten = list(Contactmoment.objects.filter(fase__klantreis__traject=traject)) if fasen else []
    if not momenten:
        return {"kaart_klantreis": None}
    titel = _("Experience curve of the customer journey")
    rijen = [
        {
            **rij,
            "momenten_van_waarheid": sum(1 for m in rij["huidig"] + rij["gewenst"] if m.moment_van_waarheid),
            "metriek": fase.metriek,
            "huidige_waarde": fase.huidige_waarde,
            "streefwaarde": fase.streefwaarde,
        }
        for fase, rij in zip(fasen, curve_tabel(fasen, momenten), strict=True)
    ]
    return {
        "kaart_klantreis": {
            "persona": fasen[0].klantreis.persona_naam,
            # a PDF reader reads a figure's title as its alternative text: give it the summary too
            "curve": curve_svg(
                fasen,
                momenten,
                breedte=KAART_BREEDTE,
                hoogte=KAART_HOOGTE,
                titel=f"{titel}. {curve_samenvatting(fasen, momenten)}",
            ),
            "rijen": rijen,
        }
    }
