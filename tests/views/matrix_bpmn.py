"""Permission-matrix rows for the BPMN pages (merged into MATRIX in test_permissiematrix.py).

Downloading a map is reading the trajectory (every member, management); importing a file creates a
process version, which is editing process maps (`bewerk_proces`: procesadviseur, projectleider).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.views.conftest import Omgeving
from tests.views.matrix import PA, PL, TOETSZICHT, Controle, Verzoek, _traject, get, post
from trajecten.choices import ProcesSoort, StapSoort
from trajecten.models import ProcesStap, ProcesVersie

#: SPEC "Roles and permissions": "edit process maps".
PROCES_BEWERKEN = frozenset({PA, PL})

BESTAND = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
  <bpmn:process id="P" name="Ingelezen proces">
    <bpmn:startEvent id="S"/><bpmn:task id="A" name="Aanvraag ontvangen"/>
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="A"/>
  </bpmn:process>
</bpmn:definitions>"""


def _versie(o: Omgeving, _wie) -> Verzoek:
    versie = ProcesVersie.objects.create(
        traject=o.traject, soort=ProcesSoort.HUIDIG, naam="Huidig proces", aangemaakt_door=o.persoon(PA)
    )
    ProcesStap.objects.create(versie=versie, volgorde=1, naam="Aanvraag ontvangen", actor="KCC")
    ProcesStap.objects.create(
        versie=versie, volgorde=2, naam="Volledig?", actor="Vergunningen", soort=StapSoort.BESLISSING
    )
    return Verzoek({"pk": o.traject.pk, "versie_pk": versie.pk})


def _bestand(o: Omgeving, _wie) -> Verzoek:
    """A fresh upload for every request (a file is read once)."""
    data = {
        "bestand": SimpleUploadedFile("proces.bpmn", BESTAND, content_type="application/xml"),
        "soort": ProcesSoort.HUIDIG,
        "naam": "",
    }
    return Verzoek({"pk": o.traject.pk}, data)


RIJEN: dict[str, list[Controle]] = {
    "trajecten:proces_bpmn_export": [get(TOETSZICHT, _versie, zicht=TOETSZICHT)],
    "trajecten:proces_bpmn_import": [get(PROCES_BEWERKEN, _traject), post(PROCES_BEWERKEN, _bestand)],
}
