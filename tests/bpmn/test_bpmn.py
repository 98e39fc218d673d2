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
        "startEvent",
        "task",
        "task",
        "sendTask",
        "exclusiveGateway",
        "task",
        "intermediateCatchEvent",
        "task",
        "task",
        "endEvent",
    ]
    assert [e.get("name") for e in proces.findall(f"{B}startEvent") + proces.findall(f"{B}endEvent")] == [
        "Start",
        "End",
    ]
    assert structuur_fouten(data) == []


def _namen_en_paren(proces: ET.Element) -> list[tuple[str, str, str | None]]:
    """(source, target, flow name) per sequence flow, by name; a joining gateway is “join”."""
    namen = {e.get("id"): e.get("name") or e.tag.split("}")[1] for e in proces}
    namen = {i: ("join" if n == "exclusiveGateway" else n) for i, n in namen.items()}
    return [
        (namen[f.get("sourceRef")], namen[f.get("targetRef")], f.get("name"))
        for f in proces.iter(f"{B}sequenceFlow")
    ]


def test_flows_run_in_order_and_a_decision_branches_with_its_label_and_a_default(versie):
    stappen = voorbeeldproces(versie)
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    paren = _namen_en_paren(proces)
    volgorde = ["Start", *[s.naam for s in stappen], "End"]
    # The step the branch leads to has a joining gateway in front of it (BPMN's “fake join”).
    verwacht = [(a, b, None) for a, b in zip(volgorde, volgorde[1:], strict=False)]
    verwacht[6] = ("Wachten op aanvulling", "join", None)
    assert paren[: len(volgorde) - 1] == verwacht
    assert paren[len(volgorde) - 1 :] == [
        ("Aanvraag volledig?", "join", "ja, volledig"),
        ("join", "Inhoudelijk toetsen", None),
    ]
    gateway = proces.find(f"{B}exclusiveGateway[@name='Aanvraag volledig?']")
    flows = {f.get("id"): f for f in proces.iter(f"{B}sequenceFlow")}
    assert flows[gateway.get("default")].get("targetRef") == proces.find(
        f"{B}task[@name='Aanvulling opvragen']"
    ).get("id")
    # The branch carries its condition in words, as BPMN asks of a decision's other way out.
    tak = next(f for f in flows.values() if f.get("name") == "ja, volledig")
    assert tak.findtext(f"{B}conditionExpression") == "ja, volledig"
    assert gateway.find(f"{B}extensionElements/{{{WS}}}stap").get("vertakkingLabel") == "ja, volledig"


def test_a_decision_branching_to_an_earlier_step_joins_before_that_step(versie):
    stappen = voorbeeldproces(versie)
    stappen[3].vertakking_naar, stappen[3].vertakking_label = stappen[1], ""  # back, without a label
    stappen[3].save()
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    paren = _namen_en_paren(proces)
    assert ("Aanvraag indienen", "join", None) in paren
    assert ("join", "Aanvraag registreren in zaaksysteem", None) in paren
    assert ("Aanvraag volledig?", "join", "Otherwise") in paren  # a condition needs a name
    assert not any(b == "Aanvraag registreren in zaaksysteem" and a != "join" for a, b, _n in paren)


def test_a_decision_without_a_branch_is_a_task_that_keeps_its_kind(versie):
    stappen = voorbeeldproces(versie)
    stappen[3].vertakking_naar = None
    stappen[3].save()
    proces = fromstring(bpmn_exporteren(versie=versie)).find(f"{B}process")
    assert proces.find(f"{B}exclusiveGateway") is None  # one way out: a gateway would be superfluous
    taak = proces.find(f"{B}task[@name='Aanvraag volledig?']")
    assert taak.find(f"{B}extensionElements/{{{WS}}}stap").get("soort") == "beslissing"


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
    x, y, b, h = (float(eerste.get(k)) for k in ("x", "y", "width", "height"))
    # The swimlane's column and lane; the width other tools give a task, centred in the column.
    assert (x + b / 2, y, b, h) == (p.midden_x, p.y, 100, p.hoogte)
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
        "“Aanvraag registreren”: not imported: data association.",
        "tool-specific settings of 1 step (“Aanvraag registreren”)",
        "tool-specific attribute “assignee” of 1 step (“Aanvraag registreren”)",
        "2 conditions on sequence flows",
        "the names of start and end events (“Aanvraag ontvangen”, “Besluit verzonden”)",
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


def test_nested_lanes_give_the_innermost_lane_and_every_pool_is_imported():
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
    assert [(s["naam"], s["actor"], s["soort"]) for s in resultaat.stappen] == [
        ("Aanvraag invullen", "Aanvrager", StapSoort.ACTIE),  # the other pool, which sends first
        ("Aanvraag", "Aanvrager", StapSoort.OVERDRACHT),  # the message flow from that pool
        ("Aanvraag ontvangen", "Publiekszaken", StapSoort.ACTIE),
        ("Aanvraag behandelen", "Balie", StapSoort.ACTIE),
        (
            "Rappel sturen",
            "Gemeente",
            StapSoort.ACTIE,
        ),  # after its boundary event, in no lane: the pool's name
    ]
    assert resultaat.stappen[1]["omschrijving"] == "Message flow to Gemeente: “Aanvraag”."
    assert resultaat.herkomst == ["A1", "M1", "T1", "T2", "T3"]
    gemeld = "\n".join(resultaat.overgeslagen)
    for verwacht in (
        "Not imported: pool “Rijksdienst” (P3): it holds no process steps.",
        "Not imported: message “Aanvraag binnen” (Msg1).",
        "boundary event “Termijn verstreken” (BE) on “Aanvraag behandelen”",
        "Sub-process “Aanvraag behandelen” (T2) was imported as one step; the 2 elements inside it "
        "were not imported (“Binnen taak”)",
    ):
        assert verwacht in gemeld, verwacht
    assert resultaat.opmerkingen == [
        "The 2 pools were read into one process map (“Gemeente”, “Aanvrager”): each pool is an actor, "
        "its lanes the actors within it.",
        "1 message flow between pools became a handover.",
    ]


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
    assert "Inclusive gateway “Welke adviezen?” (G1) was imported as a decision" in gemeld
    assert "the path “milieu” to task “Milieu” (C) was not kept" in gemeld
    assert "G2" not in gemeld  # a join without a name is structure: the order shows it


def test_a_joining_gateway_with_a_name_is_reported():
    data = _document(
        """<bpmn:process id="P">
          <bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G1" name="Soort?"/>
          <bpmn:task id="A" name="Welstand"/><bpmn:task id="B" name="Brandweer"/>
          <bpmn:exclusiveGateway id="G2" name="Adviezen binnen"/><bpmn:task id="C" name="Besluiten"/>
          <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G1"/>
          <bpmn:sequenceFlow id="F1" sourceRef="G1" targetRef="A"/>
          <bpmn:sequenceFlow id="F2" sourceRef="G1" targetRef="B"/>
          <bpmn:sequenceFlow id="F3" sourceRef="A" targetRef="G2"/>
          <bpmn:sequenceFlow id="F4" sourceRef="B" targetRef="G2"/>
          <bpmn:sequenceFlow id="F5" sourceRef="G2" targetRef="C"/>
        </bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Soort?", "Welstand", "Brandweer", "Besluiten"]
    assert (
        "Not imported: exclusive gateway “Adviezen binnen” (G2), which only joins paths."
        in resultaat.overgeslagen
    )


@pytest.mark.parametrize("soort", ["parallelGateway", "exclusiveGateway", "inclusiveGateway"])
def test_after_a_split_and_a_join_the_order_respects_the_flow(soort):
    """Start → A → split → {B, C} → join → D: A, B, C, D (D waits for both paths)."""
    data = _document(
        f"""<bpmn:process id="P">
          <bpmn:startEvent id="S"/><bpmn:task id="A" name="A"/><bpmn:{soort} id="G1" name="Splitsen"/>
          <bpmn:task id="B" name="B"/><bpmn:task id="C" name="C"/><bpmn:{soort} id="G2"/>
          <bpmn:task id="D" name="D"/><bpmn:endEvent id="E"/>
          <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
          <bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="G1"/>
          <bpmn:sequenceFlow id="F3" sourceRef="G1" targetRef="B"/>
          <bpmn:sequenceFlow id="F4" sourceRef="G1" targetRef="C"/>
          <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="G2"/>
          <bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="G2"/>
          <bpmn:sequenceFlow id="F7" sourceRef="G2" targetRef="D"/>
          <bpmn:sequenceFlow id="F8" sourceRef="D" targetRef="E"/>
        </bpmn:process>"""
    )
    namen = [s["naam"] for s in bpmn_importeren(data).stappen]
    assert [n for n in namen if n != "Splitsen"] == ["A", "B", "C", "D"]


def test_the_order_is_the_same_whatever_the_order_of_the_elements_in_the_file():
    knopen = [
        '<bpmn:task id="D" name="D"/>',
        '<bpmn:startEvent id="S"/>',
        '<bpmn:task id="C" name="C"/>',
        '<bpmn:parallelGateway id="G2"/>',
        '<bpmn:task id="B" name="B"/>',
        '<bpmn:parallelGateway id="G1"/>',
        '<bpmn:task id="A" name="A"/>',
    ]
    flows = (
        '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="F2" sourceRef="A" '
        'targetRef="G1"/><bpmn:sequenceFlow id="F3" sourceRef="G1" targetRef="B"/><bpmn:sequenceFlow id="F4" '
        'sourceRef="G1" targetRef="C"/><bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="G2"/>'
        '<bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="G2"/><bpmn:sequenceFlow id="F7" sourceRef="G2" '
        'targetRef="D"/>'
    )
    for volgorde in (knopen, list(reversed(knopen))):
        data = _document(f'<bpmn:process id="P">{"".join(volgorde)}{flows}</bpmn:process>')
        assert [s["naam"] for s in bpmn_importeren(data).stappen] == ["A", "B", "C", "D"]


def test_a_boundary_event_on_a_missing_task_is_reported_and_its_path_kept_at_the_end():
    data = _document(
        """<bpmn:process id="P">
          <bpmn:startEvent id="S"/><bpmn:task id="A" name="Behandelen"/>
          <bpmn:boundaryEvent id="BE" name="Te laat" attachedToRef="Weg"><bpmn:timerEventDefinition/>
          </bpmn:boundaryEvent>
          <bpmn:task id="R" name="Rappelleren"/>
          <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
          <bpmn:sequenceFlow id="F2" sourceRef="BE" targetRef="R"/>
        </bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Behandelen", "Rappelleren"]
    assert (
        "Not imported: boundary event “Te laat” (BE). It is attached to “Weg”, which is not in the file; "
        "the path after it was added at the end." in resultaat.overgeslagen
    )
    assert "“Rappelleren” is not reachable from the start: it was added at the end." in resultaat.overgeslagen


def test_an_element_without_an_id_or_name_is_described_in_words():
    data = _document(
        """<bpmn:process id="P" xmlns:x="https://tool.example/x">
          <bpmn:task id="A" name="Behandelen"/>
          <bpmn:textAnnotation/><bpmn:group/><x:a/>
        </bpmn:process>"""
    )
    gemeld = bpmn_importeren(data).overgeslagen
    assert gemeld == [
        "Not imported: text annotation without a name or id.",
        "Not imported: group without a name or id.",
        "Not imported: tool-specific element “a” without a name or id.",
    ]
    with translation.override("nl"):
        gemeld = bpmn_importeren(data).overgeslagen
    assert "Niet geïmporteerd: groep zonder naam of id." in gemeld
    assert not any(regel.endswith(" .") for regel in gemeld)


def test_an_unnamed_lane_is_named_after_its_pool():
    data = _document(
        """<bpmn:collaboration id="C">
          <bpmn:participant id="P1" name="Burgerzaken" processRef="Pr1"/>
          <bpmn:participant id="P2" name="Belastingen" processRef="Pr2"/>
          <bpmn:participant id="P3" processRef="Pr3"/>
        </bpmn:collaboration>
        <bpmn:process id="Pr1"><bpmn:laneSet id="LS1">
          <bpmn:lane id="L1"><bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
          <bpmn:task id="T1" name="Paspoort uitreiken"/></bpmn:process>
        <bpmn:process id="Pr2"><bpmn:laneSet id="LS2">
          <bpmn:lane id="L2"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane>
          <bpmn:lane id="L3"><bpmn:flowNodeRef>T3</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
          <bpmn:task id="T2" name="Aanslag opleggen"/><bpmn:task id="T3" name="Bezwaar behandelen"/>
        </bpmn:process>
        <bpmn:process id="Pr3"><bpmn:laneSet id="LS3">
          <bpmn:lane id="L4"><bpmn:flowNodeRef>T4</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
          <bpmn:task id="T4" name="Archiveren"/></bpmn:process>"""
    )
    assert [s["actor"] for s in bpmn_importeren(data).stappen] == [
        "Burgerzaken",  # its pool's only lane
        "Belastingen, lane 1",
        "Belastingen, lane 2",
        "Lane 1",  # a pool without a name
    ]


def test_with_several_pools_a_lane_name_used_twice_is_qualified_by_its_pool():
    data = _document(
        """<bpmn:collaboration id="C">
          <bpmn:participant id="P1" name="Gemeente" processRef="Pr1"/>
          <bpmn:participant id="P2" name="Provincie" processRef="Pr2"/>
        </bpmn:collaboration>
        <bpmn:process id="Pr1"><bpmn:laneSet id="LS1">
          <bpmn:lane id="L1" name="Juristen"><bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane>
          <bpmn:lane id="L2" name="KCC"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
          <bpmn:task id="T1" name="Toetsen"/><bpmn:task id="T2" name="Bellen"/></bpmn:process>
        <bpmn:process id="Pr2"><bpmn:laneSet id="LS2">
          <bpmn:lane id="L3" name="juristen "><bpmn:flowNodeRef>T3</bpmn:flowNodeRef></bpmn:lane>
        </bpmn:laneSet>
          <bpmn:task id="T3" name="Adviseren"/></bpmn:process>"""
    )
    assert [s["actor"] for s in bpmn_importeren(data).stappen] == [
        "Gemeente – Juristen",
        "KCC",  # unique: stays as it is
        "Provincie – juristen",
    ]


def test_a_pool_without_a_process_sends_and_receives_handovers():
    data = _document(
        """<bpmn:collaboration id="C">
          <bpmn:participant id="Burger" name="Inwoner"/>
          <bpmn:participant id="Gem" name="Gemeente" processRef="Pr"/>
          <bpmn:messageFlow id="M1" name="Melding openbare ruimte" sourceRef="Burger" targetRef="T1"/>
          <bpmn:messageFlow id="M2" sourceRef="T2" targetRef="Burger"/>
          <bpmn:messageFlow id="M3" sourceRef="T2" targetRef="Nergens"/>
        </bpmn:collaboration>
        <bpmn:process id="Pr">
          <bpmn:startEvent id="S"/><bpmn:task id="T1" name="Melding beoordelen"/>
          <bpmn:task id="T2" name="Terugkoppelen"/><bpmn:endEvent id="E"/>
          <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
          <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
          <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="E"/>
        </bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [(s["naam"], s["actor"], s["soort"]) for s in resultaat.stappen] == [
        ("Melding openbare ruimte", "Inwoner", StapSoort.OVERDRACHT),
        ("Melding beoordelen", "Gemeente", StapSoort.ACTIE),
        ("Terugkoppelen", "Gemeente", StapSoort.OVERDRACHT),
    ]
    assert resultaat.stappen[2]["omschrijving"] == "Message flow to Inwoner."
    assert (
        "Not imported: message flow M3: its sender or receiver is not in the file." in resultaat.overgeslagen
    )
    assert resultaat.opmerkingen == [
        "The 2 pools were read into one process map (“Inwoner”, “Gemeente”): each pool is an actor, its "
        "lanes the actors within it.",
        "2 message flows between pools became handovers.",
    ]


def test_a_process_only_called_by_a_call_activity_is_not_a_pool():
    data = _document(
        """<bpmn:process id="Hoofd" name="Hoofdproces"><bpmn:callActivity id="A" name="Toetsen"
          calledElement="Sub"/></bpmn:process>
        <bpmn:process id="Sub" name="Toetsing"><bpmn:task id="T" name="Binnen"/></bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Toetsen"]
    assert resultaat.naam == "Hoofdproces"
    assert any("process “Toetsing” (Sub), which a call activity calls" in m for m in resultaat.overgeslagen)


def test_our_own_export_is_read_back_without_notes_about_joins_conditions_or_event_names(versie):
    stappen = voorbeeldproces(versie)
    stappen[3].vertakking_naar, stappen[3].vertakking_label = stappen[0], ""  # a loop back, no label
    stappen[3].save()
    resultaat = bpmn_importeren(bpmn_exporteren(versie=versie))
    assert resultaat.overgeslagen == [] and resultaat.opmerkingen == []
    assert (resultaat.stappen[3]["vertakking_naar_index"], resultaat.stappen[3]["vertakking_label"]) == (
        0,
        "",
    )


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
        (b"<!DOCTYPE html>\n<html><head><title>Inloggen</title></head><body><br></body></html>", "web page"),
        (b"\xef\xbb\xbf  <!-- export --><HTML lang=nl><p>Fout</HTML>", "web page"),
        (
            b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml"/>',
            "web page",
        ),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "web page"),
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


def test_a_message_from_a_whole_pool_with_its_own_start_event_comes_first():
    data = _document(
        """<bpmn:collaboration id="C">
          <bpmn:participant id="P1" name="Inwoner" processRef="Pr1"/>
          <bpmn:participant id="P2" name="Gemeente" processRef="Pr2"/>
          <bpmn:messageFlow id="M" name="Aanvraag" sourceRef="P1" targetRef="T2"/>
        </bpmn:collaboration>
        <bpmn:process id="Pr1"><bpmn:startEvent id="S1"/><bpmn:task id="T1" name="Formulier invullen"/>
          <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="T1"/></bpmn:process>
        <bpmn:process id="Pr2"><bpmn:startEvent id="S2"/><bpmn:task id="T2" name="Aanvraag behandelen"/>
          <bpmn:sequenceFlow id="F2" sourceRef="S2" targetRef="T2"/></bpmn:process>"""
    )
    resultaat = bpmn_importeren(data)
    assert [s["naam"] for s in resultaat.stappen] == ["Formulier invullen", "Aanvraag", "Aanvraag behandelen"]
    assert not any("not reachable" in m for m in resultaat.overgeslagen)
