"""BPMN 2.0 exchange: the export's structure, the round trip, documents of other tools, hostile files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from tests.bpmn.factories import ProcesVersieFactory, groot_proces, voorbeeldproces
from trajecten import services
from trajecten.bpmn import (
    BPMNDI,
    DC,
    DI,
    MAX_STAPPEN,
    MODEL,
    WS,
    BpmnFout,
    bpmn_exporteren,
    bpmn_importeren,
    iso_duur,
)
from trajecten.choices import Lean, ProcesSoort, Rol, StapSoort, TijdEenheid
from trajecten.models import ProcesStap
from trajecten.swimlane import swimlane_layout

FIXTURES = Path(__file__).parent / "fixtures"
B = f"{{{MODEL}}}"
VELDEN = (
    "naam",
    "omschrijving",
    "actor",
    "kanaal",
    "soort",
    "bewerkingstijd",
    "bewerkingstijd_eenheid",
    "wachttijd",
    "wachttijd_eenheid",
    "lean",
    "verspilling",
    "vertakking_label",
)


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


def fixture(naam: str) -> bytes:
    return (FIXTURES / naam).read_bytes()


def structuur_fouten(data: bytes) -> list[str]:
    """What a BPMN tool would stumble over: dangling references, nodes or flows without a picture."""
    wortel = fromstring(data)
    fouten = []
    ids = [e.get("id") for e in wortel.iter() if e.get("id")]
    if len(ids) != len(set(ids)):
        fouten.append("duplicate ids")
    ids = set(ids)
    proces = wortel.find(f"{B}process")
    knopen = {
        e.get("id")
        for e in proces
        if e.tag.split("}")[1] not in ("laneSet", "sequenceFlow", "documentation", "extensionElements")
    }
    flows = {f.get("id"): f for f in proces.findall(f"{B}sequenceFlow")}
    for ref in proces.iter(f"{B}flowNodeRef"):
        if ref.text not in knopen:
            fouten.append(f"flowNodeRef {ref.text} has no node")
    in_lanes = [ref.text for ref in proces.iter(f"{B}flowNodeRef")]
    if proces.find(f"{B}laneSet/{B}lane") is not None and sorted(in_lanes) != sorted(knopen):
        fouten.append("not every node is in exactly one lane")
    for flow in flows.values():
        for kant in ("sourceRef", "targetRef"):
            if flow.get(kant) not in knopen:
                fouten.append(f"{flow.get('id')} {kant} {flow.get(kant)} does not exist")
    for knoop in proces:
        for richting, kant in (("incoming", "targetRef"), ("outgoing", "sourceRef")):
            for ref in knoop.findall(f"{B}{richting}"):
                if ref.text not in flows or flows[ref.text].get(kant) != knoop.get("id"):
                    fouten.append(f"{knoop.get('id')} {richting} {ref.text} is wrong")
        if knoop.get("default") and flows.get(knoop.get("default"), ET.Element("x")).get(
            "sourceRef"
        ) != knoop.get("id"):
            fouten.append(f"default of {knoop.get('id')} is not one of its flows")
    for participant in wortel.iter(f"{B}participant"):
        if participant.get("processRef") not in ids:
            fouten.append("participant without its process")
    vlak = wortel.find(f"{{{BPMNDI}}}BPMNDiagram/{{{BPMNDI}}}BPMNPlane")
    if vlak.get("bpmnElement") not in ids:
        fouten.append("plane for nothing")
    vormen = {v.get("bpmnElement") for v in vlak.findall(f"{{{BPMNDI}}}BPMNShape")}
    randen = {r.get("bpmnElement"): r for r in vlak.findall(f"{{{BPMNDI}}}BPMNEdge")}
    lanes = {lane.get("id") for lane in proces.iter(f"{B}lane")}
    for ontbrekend in (knopen | lanes | {p.get("id") for p in wortel.iter(f"{B}participant")}) - vormen:
        fouten.append(f"{ontbrekend} has no BPMNShape")
    for ontbrekend in set(flows) - set(randen):
        fouten.append(f"{ontbrekend} has no BPMNEdge")
    for vorm in vlak.findall(f"{{{BPMNDI}}}BPMNShape"):
        if vorm.find(f"{{{DC}}}Bounds") is None:
            fouten.append(f"{vorm.get('id')} without bounds")
    for rand in randen.values():
        if len(rand.findall(f"{{{DI}}}waypoint")) < 2:
            fouten.append(f"{rand.get('id')} with fewer than two waypoints")
    return fouten


@pytest.fixture
def versie(traject):
    versie = ProcesVersieFactory(traject=traject, naam="Huidig proces omgevingsvergunning")
    versie.toelichting = "Vastgelegd in de sessie van 3 maart."
    versie.save()
    return versie


# --- export -------------------------------------------------------------------------------------------


def test_the_export_is_a_bpmn_document_with_collaboration_lanes_and_diagram(versie):
    voorbeeldproces(versie)
    data = bpmn_exporteren(versie=versie)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    wortel = fromstring(data)
    assert wortel.tag == f"{B}definitions"
    assert wortel.get("exporter") == "Wasstraat" and wortel.get("exporterVersion")
    assert wortel.get("targetNamespace")
    deelnemer = wortel.find(f"{B}collaboration/{B}participant")
    assert deelnemer.get("name") == str(versie.traject.product)
    proces = wortel.find(f"{B}process")
    assert deelnemer.get("processRef") == proces.get("id")
    assert proces.get("name") == versie.naam
    assert [lane.get("name") for lane in proces.iter(f"{B}lane")] == [
        "Aanvrager",
        "KCC",
        "Vergunningverlener",
        "Teamleider <Vergunningen & Handhaving>",
    ]
    soorten = [e.tag.split("}")[1] for e in proces if e.get("name") and e.tag != f"{B}sequenceFlow"]
    assert soorten == [
        "task",
        "task",
        "sendTask",
        "exclusiveGateway",
        "task",
        "intermediateCatchEvent",
        "task",
        "task",
    ]
    assert len(proces.findall(f"{B}startEvent")) == 1 and len(proces.findall(f"{B}endEvent")) == 1
    assert structuur_fouten(data) == []


def test_flows_run_in_order_and_a_decision_branches_with_its_label_and_a_default(versie):
    stappen = voorbeeldproces(versie)
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    namen = {e.get("id"): e.get("name") or e.tag.split("}")[1] for e in proces}
    paren = [
        (namen[f.get("sourceRef")], namen[f.get("targetRef")], f.get("name"))
        for f in proces.iter(f"{B}sequenceFlow")
    ]
    volgorde = ["startEvent", *[s.naam for s in stappen], "endEvent"]
    assert paren[: len(volgorde) - 1] == [(a, b, None) for a, b in zip(volgorde, volgorde[1:], strict=False)]
    assert paren[len(volgorde) - 1 :] == [("Aanvraag volledig?", "Inhoudelijk toetsen", "ja, volledig")]
    gateway = proces.find(f"{B}exclusiveGateway")
    standaard = next(f for f in proces.iter(f"{B}sequenceFlow") if f.get("id") == gateway.get("default"))
    assert namen[standaard.get("targetRef")] == "Aanvulling opvragen"


def test_a_wait_is_a_timer_event_with_its_duration(versie):
    voorbeeldproces(versie)
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    wacht = proces.find(f"{B}intermediateCatchEvent")
    assert wacht.findtext(f"{B}timerEventDefinition/{B}timeDuration") == "P10D"
    # the schema's order: incoming and outgoing before the event definition
    assert [k.tag.split("}")[1] for k in wacht][-1] == "timerEventDefinition"


@pytest.mark.parametrize(
    ("waarde", "eenheid", "duur"),
    [
        ("30", "min", "PT30M"),
        ("2", "uur", "PT2H"),
        ("1.5", "uur", "PT1.5H"),
        ("3", "dag", "P3D"),
        ("0.50", "dag", "P0.5D"),
    ],
)
def test_durations_are_iso_8601(waarde, eenheid, duur):
    assert iso_duur(Decimal(waarde), eenheid) == duur


def test_our_own_fields_travel_in_our_namespace_and_the_description_as_documentation(versie):
    stappen = voorbeeldproces(versie)
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    eerste = proces.find(f"{B}task")
    assert eerste.findtext(f"{B}documentation") == stappen[0].omschrijving
    ws = eerste.find(f"{B}extensionElements/{{{WS}}}stap")
    assert ws.attrib == {
        "soort": "actie",
        "kanaal": "website",
        "lean": "waarde",
        "bewerkingstijd": "45",
        "bewerkingstijdEenheid": "min",
        "wachttijd": "0",
        "wachttijdEenheid": "dag",
    }


def test_the_diagram_uses_the_swimlane_coordinates(versie):
    stappen = voorbeeldproces(versie)
    layout = swimlane_layout(stappen)
    wortel = fromstring(bpmn_exporteren(versie=versie))
    vormen = {v.get("bpmnElement"): v for v in wortel.iter(f"{{{BPMNDI}}}BPMNShape")}
    eerste = vormen["Activity_1"].find(f"{{{DC}}}Bounds")
    p = layout.stappen[0]
    assert (float(eerste.get("x")), float(eerste.get("y")), float(eerste.get("width"))) == (
        p.x,
        p.y,
        p.breedte,
    )
    for lane in (v for k, v in vormen.items() if k.startswith("Lane_")):
        assert lane.get("isHorizontal") == "true"
    gateway = vormen["Gateway_1"].find(f"{{{DC}}}Bounds")
    assert gateway.get("width") == gateway.get("height") == "50"  # the size other tools give a gateway


def test_an_empty_version_exports_a_start_and_an_end(versie):
    data = bpmn_exporteren(versie=versie)
    proces = fromstring(data).find(f"{B}process")
    assert [e.tag.split("}")[1] for e in proces] == [
        "documentation",
        "laneSet",
        "startEvent",
        "endEvent",
        "sequenceFlow",
    ]
    assert structuur_fouten(data) == []


def test_sixty_steps_export_valid_structure(versie):
    groot_proces(versie, 60)
    assert structuur_fouten(bpmn_exporteren(versie=versie)) == []


# --- the round trip -------------------------------------------------------------------------------------


def _opnieuw_importeren(versie, data: bytes):
    resultaat = bpmn_importeren(data)
    door = versie.traject.teamleden.get(rol=Rol.PROCESADVISEUR).gebruiker
    nieuw = services.procesversie_aanmaken(
        traject=versie.traject,
        door=door,
        soort=ProcesSoort.GEWENST,
        naam=resultaat.naam,
        toelichting=resultaat.toelichting,
    )
    services.processtappen_importeren(versie=nieuw, stappen=resultaat.stappen, door=door)
    return resultaat, nieuw


def _vergelijkbaar(versie) -> list[tuple]:
    stappen = list(versie.stappen.order_by("volgorde"))
    nummer = {s.pk: s.volgorde for s in stappen}
    return [(s.volgorde, *(getattr(s, v) for v in VELDEN), nummer.get(s.vertakking_naar_id)) for s in stappen]


def test_export_then_import_gives_back_the_same_steps_lanes_order_and_branches(versie):
    voorbeeldproces(versie)
    resultaat, nieuw = _opnieuw_importeren(versie, bpmn_exporteren(versie=versie))
    assert resultaat.overgeslagen == []
    assert resultaat.naam == versie.naam and resultaat.toelichting == versie.toelichting
    assert _vergelijkbaar(nieuw) == _vergelijkbaar(versie)
    assert (
        swimlane_layout(list(nieuw.stappen.all())).banen == swimlane_layout(list(versie.stappen.all())).banen
    )


def test_the_round_trip_holds_for_sixty_steps_in_eight_lanes(versie):
    groot_proces(versie, 60)
    resultaat, nieuw = _opnieuw_importeren(versie, bpmn_exporteren(versie=versie))
    assert resultaat.overgeslagen == []
    assert _vergelijkbaar(nieuw) == _vergelijkbaar(versie)


def test_the_round_trip_keeps_a_decision_without_a_branch_and_branches_to_the_next_step(versie):
    stappen = voorbeeldproces(versie)
    stappen[3].vertakking_naar, stappen[3].vertakking_label = stappen[4], "twijfel"  # the next step itself
    stappen[3].save()
    ProcesStap.objects.filter(pk=stappen[7].pk).update(soort=StapSoort.BESLISSING)  # last, no branch
    _resultaat, nieuw = _opnieuw_importeren(versie, bpmn_exporteren(versie=versie))
    assert _vergelijkbaar(nieuw) == _vergelijkbaar(versie)


def test_the_export_reads_back_with_any_line_ends(versie):
    stappen = voorbeeldproces(versie)
    ProcesStap.objects.filter(pk=stappen[0].pk).update(omschrijving="Regel een\r\nRegel twee")
    resultaat = bpmn_importeren(bpmn_exporteren(versie=versie))
    assert resultaat.stappen[0]["omschrijving"] == "Regel een\nRegel twee"


# --- documents of other tools --------------------------------------------------------------------------


def test_a_camunda_modeler_document_with_lanes_gateway_timer_and_artifacts():
    resultaat = bpmn_importeren(fixture("camunda_vergunning.bpmn"))
    assert resultaat.naam == "Omgevingsvergunning verlenen"
    overzicht = [(s["naam"], s["actor"], s["soort"]) for s in resultaat.stappen]
    assert overzicht == [
        ("Aanvraag registreren", "KCC", StapSoort.ACTIE),
        ("Aanvraag controleren op volledigheid", "Vergunningverlener", StapSoort.ACTIE),
        ("Aanvraag volledig?", "Vergunningverlener", StapSoort.BESLISSING),
        ("Inhoudelijk toetsen", "Vergunningverlener", StapSoort.ACTIE),
        ("Besluit nemen", "Teamleider", StapSoort.ACTIE),
        ("Besluit verzenden", "Teamleider", StapSoort.ACTIE),
        # the other path of the decision comes after the main one
        ("Aanvulling opvragen bij aanvrager", "KCC", StapSoort.ACTIE),
        ("Wachten op aanvulling", "KCC", StapSoort.WACHTEN),
    ]
    beslissing = resultaat.stappen[2]
    assert beslissing["vertakking_naar_index"] == 6 and beslissing["vertakking_label"] == "Nee"
    wacht = resultaat.stappen[7]
    assert (wacht["wachttijd"], wacht["wachttijd_eenheid"]) == (Decimal(14), TijdEenheid.DAGEN)
    assert (
        resultaat.stappen[0]["omschrijving"] == "Registreren in het zaaksysteem en een zaaknummer toekennen."
    )
    assert all(s["lean"] == Lean.NODIG and s["verspilling"] == "" for s in resultaat.stappen)
    gemeld = "\n".join(resultaat.overgeslagen)
    for verwacht in (
        "text annotation “Wettelijke termijn: 8 weken",
        "association Association_0r2s4t6",
        "data object “Aanvraagdossier”",
        "“Aanvraag registreren”: not imported: tool-specific settings, data association, "
        "tool-specific attributes (assignee)",
        "2 conditions on sequence flows",
    ):
        assert verwacht in gemeld, verwacht


def test_a_camunda_document_becomes_a_valid_version(traject):
    resultaat = bpmn_importeren(fixture("camunda_vergunning.bpmn"))
    door = traject.teamleden.get(rol=Rol.PROCESADVISEUR).gebruiker
    versie = services.procesversie_aanmaken(
        traject=traject, door=door, soort=ProcesSoort.HUIDIG, naam=resultaat.naam
    )
    services.processtappen_importeren(versie=versie, stappen=resultaat.stappen, door=door)
    beslissing = versie.stappen.get(soort=StapSoort.BESLISSING)
    assert beslissing.vertakking_naar.naam == "Aanvulling opvragen bij aanvrager"
    assert structuur_fouten(bpmn_exporteren(versie=versie)) == []


def test_a_bpmn_io_document_without_lanes_or_names():
    resultaat = bpmn_importeren(fixture("bpmn_io_simpel.bpmn"))
    assert resultaat.naam == ""  # the view then uses the file's name
    assert [s["naam"] for s in resultaat.stappen] == [
        "Formulier invullen",
        "Unnamed step 2",
        "Kenteken klopt?",
        "Vergunning verlenen",  # the gateway's default flow is its main path
        "Vergunning mailen",
        "Kenteken registreren in parkeersysteem",
        "Aanvrager bellen",
    ]
    assert {s["actor"] for s in resultaat.stappen} == {"Unknown"}
    assert resultaat.stappen[2]["vertakking_naar_index"] == 6
    assert resultaat.stappen[2]["vertakking_label"] == "nee"
    assert len([m for m in resultaat.overgeslagen if "parallel gateway" in m]) == 2


def test_without_lanes_the_participant_names_the_actor():
    data = _document(
        """<bpmn:collaboration id="C">
        <bpmn:participant id="P" name="Burgerzaken" processRef="Pr"/></bpmn:collaboration>
        <bpmn:process id="Pr"><bpmn:task id="T" name="Paspoort uitreiken"/></bpmn:process>"""
    )
    assert bpmn_importeren(data).stappen[0]["actor"] == "Burgerzaken"


def _document(inhoud: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="http://bpmn.io/schema/bpmn">'
        f"{inhoud}</bpmn:definitions>"
    ).encode()


def test_nested_lanes_give_the_innermost_lane_and_other_pools_are_reported():
    data = _document(
        """
        <bpmn:collaboration id="C">
          <bpmn:participant id="P1" name="Gemeente" processRef="Pr1"/>
          <bpmn:participant id="P2" name="Aanvrager" processRef="Pr2"/>
          <bpmn:participant id="P3" name="Rijksdienst"/>
          <bpmn:messageFlow id="M1" name="Aanvraag" sourceRef="P2" targetRef="T1"/>
        </bpmn:collaboration>
        <bpmn:message id="Msg1" name="Aanvraag binnen"/>
        <bpmn:process id="Pr1">
          <bpmn:laneSet id="LS">
            <bpmn:lane id="L1" name="Publiekszaken">
              <bpmn:flowNodeRef>T1</bpmn:flowNodeRef><bpmn:flowNodeRef>T2</bpmn:flowNodeRef>
              <bpmn:childLaneSet id="LS2">
                <bpmn:lane id="L2" name="Balie"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane>
              </bpmn:childLaneSet>
            </bpmn:lane>
          </bpmn:laneSet>
          <bpmn:startEvent id="S"/>
          <bpmn:receiveTask id="T1" name="Aanvraag ontvangen"/>
          <bpmn:subProcess id="T2" name="Aanvraag behandelen">
            <bpmn:startEvent id="SS"/><bpmn:task id="ST" name="Binnen taak"/>
            <bpmn:sequenceFlow id="SF" sourceRef="SS" targetRef="ST"/>
          </bpmn:subProcess>
          <bpmn:boundaryEvent id="BE" name="Termijn verstreken" attachedToRef="T2">
            <bpmn:timerEventDefinition id="TD"/>
          </bpmn:boundaryEvent>
          <bpmn:task id="T3" name="Rappel sturen"/>
          <bpmn:endEvent id="E"/>
          <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
          <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
          <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="E"/>
          <bpmn:sequenceFlow id="F4" sourceRef="BE" targetRef="T3"/>
        </bpmn:process>
        <bpmn:process id="Pr2"><bpmn:task id="A1" name="Aanvraag invullen"/></bpmn:process>
        """
    )
    resultaat = bpmn_importeren(data)
    assert [(s["naam"], s["actor"]) for s in resultaat.stappen] == [
        ("Aanvraag ontvangen", "Publiekszaken"),
        ("Aanvraag behandelen", "Balie"),
        ("Rappel sturen", "Gemeente"),  # after its boundary event, in no lane: the pool's name
    ]
    gemeld = "\n".join(resultaat.overgeslagen)
    for verwacht in (
        "pool (participant) “Aanvrager” (P2)",
        "pool (participant) “Rijksdienst” (P3)",
        "message flow “Aanvraag” (M1)",
        "message definition “Aanvraag binnen” (Msg1)",
        "boundary event “Termijn verstreken” (BE) on “Aanvraag behandelen”",
        "the 3 elements inside it were not imported (Binnen taak)",
    ):
        assert verwacht in gemeld, verwacht


def test_gateways_that_only_join_are_structure_and_other_choices_become_decisions_with_a_note():
    data = _document(
        """<bpmn:process id="P">
          <bpmn:startEvent id="S"/>
          <bpmn:inclusiveGateway id="G1" name="Welke adviezen?"/>
          <bpmn:task id="A" name="Welstand"/><bpmn:task id="B" name="Brandweer"/>
          <bpmn:task id="C" name="Milieu"/>
          <bpmn:exclusiveGateway id="G2"/>
          <bpmn:endEvent id="E"/>
          <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G1"/>
          <bpmn:sequenceFlow id="F1" sourceRef="G1" targetRef="A"/>
          <bpmn:sequenceFlow id="F2" name="brandveilig?" sourceRef="G1" targetRef="B"/>
          <bpmn:sequenceFlow id="F3" name="milieu" sourceRef="G1" targetRef="C"/>
          <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="G2"/>
          <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="G2"/>
          <bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="G2"/>
          <bpmn:sequenceFlow id="F7" sourceRef="G2" targetRef="E"/>
        </bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Welke adviezen?", "Welstand", "Brandweer", "Milieu"]
    assert resultaat.stappen[0]["soort"] == StapSoort.BESLISSING
    assert resultaat.stappen[0]["vertakking_naar_index"] == 2
    assert resultaat.stappen[0]["vertakking_label"] == "brandveilig?"
    gemeld = "\n".join(resultaat.overgeslagen)
    assert "inclusive gateway “Welke adviezen?” (G1) was imported as a decision" in gemeld
    assert "the path “milieu” to task “Milieu” (C) was not kept" in gemeld
    assert "exclusive gateway G2, which only joins paths" in gemeld


def test_nodes_not_reachable_from_the_start_come_last_and_are_reported():
    data = _document(
        """<bpmn:process id="P">
          <bpmn:task id="Los" name="Archiveren"/>
          <bpmn:startEvent id="S"/><bpmn:task id="A" name="Behandelen"/>
          <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="A"/>
        </bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Behandelen", "Archiveren"]
    assert any("“Archiveren” is not reachable from the start" in m for m in resultaat.overgeslagen)


@pytest.mark.parametrize(
    ("duur", "waarde", "eenheid"),
    [
        ("PT30M", "30", TijdEenheid.MINUTEN),
        ("PT2H", "2", TijdEenheid.UREN),
        ("P3D", "3", TijdEenheid.DAGEN),
        ("P2W", "10", TijdEenheid.DAGEN),
        ("P1DT4H", "12", TijdEenheid.UREN),
        ("PT1H30M", "90", TijdEenheid.MINUTEN),
        ("PT1.5H", "1.5", TijdEenheid.UREN),
    ],
)
def test_timer_durations_become_waiting_times(duur, waarde, eenheid):
    data = _document(
        f"""<bpmn:process id="P"><bpmn:intermediateCatchEvent id="W" name="Wachten">
        <bpmn:timerEventDefinition id="T">
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duur}</bpmn:timeDuration>
        </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent></bpmn:process>"""
    )
    stap = bpmn_importeren(data).stappen[0]
    assert (stap["soort"], stap["wachttijd"], stap["wachttijd_eenheid"]) == (
        StapSoort.WACHTEN,
        Decimal(waarde),
        eenheid,
    )


@pytest.mark.parametrize("duur", ["P1M", "P1Y", "${termijn}", "PT"])
def test_a_duration_we_cannot_read_is_reported(duur):
    data = _document(
        f"""<bpmn:process id="P"><bpmn:intermediateCatchEvent id="W" name="Wachten">
        <bpmn:timerEventDefinition id="T"><bpmn:timeDuration>{duur}</bpmn:timeDuration>
        </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent></bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert resultaat.stappen[0]["wachttijd"] == 0
    assert any("was not understood" in m for m in resultaat.overgeslagen)


def test_values_of_our_extension_that_make_no_sense_are_reported_not_trusted():
    data = _document(
        f"""<bpmn:process id="P" xmlns:ws="{WS}"><bpmn:task id="A" name="Stap"><bpmn:extensionElements>
        <ws:stap soort="vliegen" lean="verspilling" bewerkingstijd="-5" wachttijd="1e99" kanaal="duif"/>
        </bpmn:extensionElements></bpmn:task></bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    stap = resultaat.stappen[0]
    assert (stap["soort"], stap["kanaal"], stap["bewerkingstijd"], stap["wachttijd"]) == (
        "actie",
        "intern",
        0,
        0,
    )
    assert stap["lean"] == Lean.NODIG and stap["verspilling"] == ""
    assert len(resultaat.overgeslagen) == 5


# --- refused -------------------------------------------------------------------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
<bpmn:process id="P"><bpmn:task id="T" name="&e;"/></bpmn:process></bpmn:definitions>"""

BILJOEN_LACHEN = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
<bpmn:process id="P"><bpmn:task id="T" name="&lol9;"/></bpmn:process></bpmn:definitions>"""

EXTERNE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE definitions SYSTEM "http://example.invalid/bpmn.dtd">
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"/>"""


@pytest.mark.parametrize(
    ("data", "bericht"),
    [
        (XXE, "document type declaration"),
        (BILJOEN_LACHEN, "document type declaration"),
        (EXTERNE_DTD, "document type declaration"),
        (b"<bpmn:definitions><bpmn:process>", "not valid XML"),
        (b"\x00\x01 binary", "not valid XML"),
        (b"   ", "empty"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a BPMN 2.0 file"),
        (_document(""), "no process"),
        (_document('<bpmn:process id="P"><bpmn:startEvent id="S"/></bpmn:process>'), "no process steps"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_error(data, bericht):
    with pytest.raises(BpmnFout, match=bericht):
        bpmn_importeren(data)


def test_the_size_is_checked_before_parsing(settings, monkeypatch):
    settings.BPMN_MAX_BYTES = 1000

    def niet_lezen(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr("trajecten.bpmn.fromstring", niet_lezen)
    with pytest.raises(BpmnFout, match=r"too large \(0,0 MB\); at most 0,0 MB|too large"):
        bpmn_importeren(b" " * 1001)


def test_too_many_steps_are_refused():
    taken = "".join(f'<bpmn:task id="T{i}" name="Stap {i}"/>' for i in range(MAX_STAPPEN + 1))
    with pytest.raises(BpmnFout, match="at most"):
        bpmn_importeren(_document(f'<bpmn:process id="P">{taken}</bpmn:process>'))


def test_deeply_nested_lanes_do_not_break_the_reader():
    diep = 2000
    lanes = "".join(
        f'<bpmn:lane id="L{i}" name="Baan {i}"><bpmn:childLaneSet id="S{i}">' for i in range(diep)
    )
    lanes += '<bpmn:lane id="Lx" name="Binnenste"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane>'
    lanes += "</bpmn:childLaneSet></bpmn:lane>" * diep
    data = _document(
        f'<bpmn:process id="P"><bpmn:laneSet id="LS">{lanes}</bpmn:laneSet>'
        '<bpmn:task id="T" name="X"/></bpmn:process>'
    )
    assert bpmn_importeren(data).stappen[0]["actor"] == "Binnenste"


# --- against the OMG schema, where it is at hand ---------------------------------------------------------


def test_the_export_is_valid_against_the_bpmn_20_schema(versie):
    """The OMG's XSD ships with SpiffWorkflow; validating needs lxml. Neither is a dependency of
    the project, so this runs where both are installed (the structural checks above always run)."""
    etree = pytest.importorskip("lxml.etree")
    spiff = pytest.importorskip("SpiffWorkflow")
    xsd = Path(spiff.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    leeg = bpmn_exporteren(versie=versie)
    voorbeeldproces(versie)
    for data in (leeg, bpmn_exporteren(versie=versie), fixture("camunda_vergunning.bpmn")):
        document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        assert schema.validate(document), schema.error_log
