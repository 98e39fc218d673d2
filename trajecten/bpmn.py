"""BPMN 2.0 exchange: a process version to a BPMN 2.0 XML document and back.

So a process map travels to and from the tools municipalities use (Camunda Modeler, bpmn.io,
Visio's BPMN, Signavio). Pure functions: no database writes here; the import view saves the result
through `services.processtappen_importeren`.

**Export** (`bpmn_exporteren`): one `collaboration` with one `participant` (the trajectory's product)
whose `process` has a `laneSet` (a lane per actor), a start event, the steps and an end event, joined
by sequence flows in order. How our kinds of step are written:

==============  ===============================================================================
actie           ``task``
beslissing      ``exclusiveGateway``; the flow to the next step is its ``default``; the branch to
                ``vertakking_naar`` is a second flow named with ``vertakking_label``
wachten         ``intermediateCatchEvent`` with a ``timerEventDefinition`` whose ``timeDuration`` is
                the waiting time (``PT2H``, ``P3D``; a working day is written as a day)
overdracht      ``sendTask``: the work is sent on to the next actor (other tools show an envelope)
==============  ===============================================================================

The description goes in ``documentation``; everything BPMN has no place for (kind, channel, times
with their units, LEAN class, type of waste) goes in ``extensionElements`` as ``<ws:stap .../>`` in our
own namespace, so export → import gives back exactly the same steps. The diagram interchange
(BPMNDI) uses the swimlane's coordinates (`trajecten.swimlane.swimlane_layout`), so other tools
show the map laid out as we draw it.

**Import** (`bpmn_importeren`) reads our own documents and those of other tools. Hardened: the size
is checked before parsing (``settings.BPMN_MAX_BYTES``) and ``defusedxml`` refuses DTDs, entity
declarations and external references (XXE, "billion laughs"). What it takes:

- the process of the collaboration's first participant that has one (else the first process);
- lanes → the actor of the nodes they list (nested lanes: the innermost); nodes in no lane get the
  participant's (or process's) name, or "Unknown";
- task-like elements (task, userTask, manualTask, serviceTask, scriptTask, businessRuleTask,
  sendTask, receiveTask, callActivity, subProcess, transaction, adHocSubProcess) → an action (a
  sub-process becomes one step; its content is reported);
- exclusive gateways → a decision. Inclusive, complex and event-based gateways are choices too and
  become a decision, with a note. A parallel gateway is not a choice (every path is taken): it is
  no step, its paths are read one after the other, and it is reported. So is a gateway that only
  joins paths (one way out, several in);
- intermediate catch events → a wait (a timer's duration becomes the waiting time; a message or
  other trigger is noted); intermediate throw events and boundary events are reported (the path
  after a boundary event is read after its activity);
- start and end events are structure, not steps, and not reported.

The order follows the sequence flows from the start event, depth first: along a gateway's default
(or first) flow to the end, then the other paths; nodes not reachable from a start come last and
are reported. A gateway's first other path becomes the decision's branch (`vertakking_naar_index`);
more paths are reported. Everything else (data objects and stores, text annotations, associations,
groups, message flows, other pools, tool-specific settings, flow conditions, loop markers, ...) is
listed in `ImportResultaat.overgeslagen`: nothing is lost without a word.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405  only to *build* XML; parsing goes through defusedxml
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.svg import getal

from .choices import Kanaal, Lean, StapSoort, TijdEenheid, Verspilling
from .swimlane import EINDE, START, Layout, Positie, swimlane_layout

if TYPE_CHECKING:
    from .models import ProcesStap, ProcesVersie

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Our own extension: the fields of a step BPMN has no place for.
WS = "https://wasstraat.example/bpmn/1.0"

EXPORTER = "Wasstraat"
EXPORTER_VERSIE = "1.0"
#: More steps than anyone maps by hand; a bigger file is refused rather than imported half.
MAX_STAPPEN = 1000

for _prefix, _uri in (("bpmn", MODEL), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI), ("ws", WS)):
    ET.register_namespace(_prefix, _uri)


class BpmnFout(ValueError):
    """A file that cannot be imported; the message is fit for the user."""


@dataclass
class ImportResultaat:
    """What an import found: the steps (for `processtappen_importeren`), names, and what was left out."""

    stappen: list[dict[str, Any]]
    overgeslagen: list[str] = field(default_factory=list)
    naam: str = ""
    toelichting: str = ""


def _m(tag: str) -> str:
    return f"{{{MODEL}}}{tag}"


# --- export -----------------------------------------------------------------------------------------

#: BPMN element per kind of step, and the prefix of its id (as bpmn.io names them).
ELEMENT = {
    StapSoort.ACTIE: ("task", "Activity"),
    StapSoort.BESLISSING: ("exclusiveGateway", "Gateway"),
    StapSoort.WACHTEN: ("intermediateCatchEvent", "Event"),
    StapSoort.OVERDRACHT: ("sendTask", "Activity"),
}
#: The size other tools give gateways and events (their look); tasks keep the swimlane's box.
GATEWAY_MAAT = 50
GEBEURTENIS_MAAT = 36


def _getal_tekst(waarde: Decimal | int | float) -> str:
    """A number for the XML: plain notation, no exponent, no needless zeros ("2.5", "30")."""
    waarde = Decimal(waarde)
    if waarde == waarde.to_integral_value():
        return str(int(waarde))
    return format(waarde.normalize(), "f")


def iso_duur(waarde: Decimal | int | float, eenheid: str) -> str:
    """An ISO 8601 duration for a timer: 30 minutes → PT30M, 2 hours → PT2H, 3 working days → P3D."""
    getal = _getal_tekst(waarde)
    if eenheid == TijdEenheid.DAGEN:
        return f"P{getal}D"
    return f"PT{getal}{'H' if eenheid == TijdEenheid.UREN else 'M'}"


def _sub(ouder: ET.Element, tag: str, **attributen: Any) -> ET.Element:
    return ET.SubElement(ouder, tag, {k: str(v) for k, v in attributen.items() if v is not None})


def _bounds(ouder: ET.Element, x: float, y: float, breedte: float, hoogte: float) -> None:
    _sub(ouder, f"{{{DC}}}Bounds", x=_c(x), y=_c(y), width=_c(breedte), height=_c(hoogte))


def _c(waarde: float) -> str:
    return str(int(waarde)) if waarde == int(waarde) else f"{waarde:.1f}"


@dataclass
class _Knoop:
    """One flow node of the export: its id, BPMN element and box in the diagram."""

    id: str
    positie: Positie
    element: ET.Element | None = None

    @property
    def vak(self) -> tuple[float, float, float, float]:
        """The node's bounds in BPMNDI: gateways and events the size other tools give them."""
        p = self.positie
        tag = self.element.tag if self.element is not None else ""
        if tag.endswith("Gateway"):
            maat = GATEWAY_MAAT
        elif tag.endswith("Event"):
            maat = GEBEURTENIS_MAAT
        else:
            return p.x, p.y, p.breedte, p.hoogte
        return p.midden_x - maat / 2, p.midden_y - maat / 2, maat, maat


def _ids(stappen: Sequence[Any]) -> list[str]:
    tellers: dict[str, int] = {}
    ids = []
    for stap in stappen:
        prefix = ELEMENT.get(stap.soort, ELEMENT[StapSoort.ACTIE])[1]
        tellers[prefix] = tellers.get(prefix, 0) + 1
        ids.append(f"{prefix}_{tellers[prefix]}")
    return ids


def bpmn_exporteren(*, versie: ProcesVersie, stappen: Sequence[ProcesStap] | None = None) -> bytes:
    """The version as a BPMN 2.0 XML document (UTF-8, indented), laid out like the swimlane."""
    if stappen is None:
        stappen = list(versie.stappen.all())
    layout = swimlane_layout(stappen)
    definitions = ET.Element(
        _m("definitions"),
        {
            "id": "Definitions_1",
            "targetNamespace": f"https://wasstraat.example/bpmn/procesversie/{versie.pk}",
            "exporter": EXPORTER,
            "exporterVersion": EXPORTER_VERSIE,
        },
    )
    collaboration = _sub(definitions, _m("collaboration"), id="Collaboration_1")
    _sub(
        collaboration,
        _m("participant"),
        id="Participant_1",
        name=_deelnemer_naam(versie),
        processRef="Process_1",
    )
    process = _sub(definitions, _m("process"), id="Process_1", name=versie.naam, isExecutable="false")
    if versie.toelichting:
        _sub(process, _m("documentation")).text = _regels(versie.toelichting)
    knopen = _knopen_schrijven(process, stappen, layout)
    flows = _flows_schrijven(process, stappen, layout, knopen)
    _timers_schrijven(stappen, knopen)
    _diagram_schrijven(definitions, layout, knopen, flows)
    ET.indent(definitions, space="  ")
    return ET.tostring(definitions, encoding="UTF-8", xml_declaration=True) + b"\n"


def _deelnemer_naam(versie: ProcesVersie) -> str:
    traject = versie.traject
    product = getattr(traject, "product", None)
    return str(product) if product is not None else traject.titel


def _regels(tekst: str) -> str:
    """Line ends as XML reads them back (a parser turns CR LF into LF)."""
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _knopen_schrijven(process: ET.Element, stappen: Sequence[Any], layout: Layout) -> dict[Any, _Knoop]:
    """The lanes, start and end event and one element per step; returns the nodes by layout key."""
    knopen: dict[Any, _Knoop] = {}
    lane_set = _sub(process, _m("laneSet"), id="LaneSet_1")
    lanes = [
        _sub(lane_set, _m("lane"), id=f"Lane_{i}", name=baan.naam) for i, baan in enumerate(layout.banen, 1)
    ]
    if layout.start is None:  # no steps: a start event straight to an end event
        knopen[START] = _Knoop("StartEvent_1", Positie(0, -1, 200, 40, 36, 36))
        knopen[EINDE] = _Knoop("EndEvent_1", Positie(0, 0, 300, 40, 36, 36))
    else:
        knopen[START] = _Knoop("StartEvent_1", layout.start)
        knopen[EINDE] = _Knoop("EndEvent_1", layout.einde)
    knopen[START].element = _sub(process, _m("startEvent"), id="StartEvent_1")
    for i, (stap, ident) in enumerate(zip(stappen, _ids(stappen), strict=True)):
        knopen[i] = _Knoop(ident, layout.stappen[i])
        knopen[i].element = _stap_schrijven(process, stap, ident)
    knopen[EINDE].element = _sub(process, _m("endEvent"), id="EndEvent_1")
    if lanes:
        volgorde = [START, *range(len(stappen)), EINDE]  # the order of the process
        for knoop in (knopen[sleutel] for sleutel in volgorde):
            _sub(lanes[knoop.positie.baan], _m("flowNodeRef")).text = knoop.id
    return knopen


def _stap_schrijven(process: ET.Element, stap: Any, ident: str) -> ET.Element:
    tag = ELEMENT.get(stap.soort, ELEMENT[StapSoort.ACTIE])[0]
    element = _sub(process, _m(tag), id=ident, name=stap.naam)
    if stap.omschrijving:
        _sub(element, _m("documentation")).text = _regels(stap.omschrijving)
    extensies = _sub(element, _m("extensionElements"))
    _sub(
        extensies,
        f"{{{WS}}}stap",
        soort=stap.soort,
        kanaal=stap.kanaal,
        lean=stap.lean,
        verspilling=stap.verspilling or None,
        bewerkingstijd=_getal_tekst(stap.bewerkingstijd),
        bewerkingstijdEenheid=stap.bewerkingstijd_eenheid,
        wachttijd=_getal_tekst(stap.wachttijd),
        wachttijdEenheid=stap.wachttijd_eenheid,
    )
    return element


@dataclass
class _Flow:
    id: str
    van: Any
    naar: Any
    punten: tuple[tuple[float, float], ...]
    naam: str = ""


def _flows_schrijven(
    process: ET.Element, stappen: Sequence[Any], layout: Layout, knopen: dict[Any, _Knoop]
) -> list[_Flow]:
    """Sequence flows in order, then the branches; incoming/outgoing on every node (as tools write)."""
    if layout.pijlen:
        flows = [
            _Flow(f"Flow_{n}", p.van, p.naar, p.punten, p.label if p.vertakking else "")
            for n, p in enumerate(layout.pijlen, 1)
        ]
    else:
        start, einde = knopen[START].positie, knopen[EINDE].positie
        flows = [_Flow("Flow_1", START, EINDE, ((start.x + 36, 58), (einde.x, 58)))]
    for flow in flows:
        bron, doel = knopen[flow.van], knopen[flow.naar]
        _in_uit(bron.element, "outgoing", flow.id)
        _in_uit(doel.element, "incoming", flow.id)
        _sub(
            process,
            _m("sequenceFlow"),
            id=flow.id,
            name=flow.naam or None,
            sourceRef=bron.id,
            targetRef=doel.id,
        )
    for i, stap in enumerate(stappen):
        if stap.soort == StapSoort.BESLISSING:
            # The way on to the next step is the normal one; the branch is the exception.
            gewoon = next(
                f for f in flows if f.van == i and f.naar == (i + 1 if i + 1 < len(stappen) else EINDE)
            )
            knopen[i].element.set("default", gewoon.id)
    return flows


def _in_uit(element: ET.Element, richting: str, flow_id: str) -> None:
    """Add an incoming or outgoing reference: incoming ones before the first outgoing (schema order)."""
    nieuw = ET.Element(_m(richting))
    nieuw.text = flow_id
    kinderen = list(element)
    eerste_uit = next((i for i, k in enumerate(kinderen) if k.tag == _m("outgoing")), len(kinderen))
    element.insert(eerste_uit if richting == "incoming" else len(kinderen), nieuw)


def _diagram_schrijven(
    definitions: ET.Element, layout: Layout, knopen: dict[Any, _Knoop], flows: list[_Flow]
) -> None:
    diagram = _sub(definitions, f"{{{BPMNDI}}}BPMNDiagram", id="BPMNDiagram_1")
    plane = _sub(diagram, f"{{{BPMNDI}}}BPMNPlane", id="BPMNPlane_1", bpmnElement="Collaboration_1")
    rechts = max(layout.breedte, knopen[EINDE].positie.x + 80)
    hoogte = max(len(layout.banen), 1) * (layout.banen[0].hoogte if layout.banen else 110)
    boven = layout.banen[0].y if layout.banen else 0
    # The pool: its name in a 30-pixel band on the left, the lanes to its right (as tools draw it).
    vorm = _sub(plane, f"{{{BPMNDI}}}BPMNShape", id="Participant_1_di", bpmnElement="Participant_1")
    vorm.set("isHorizontal", "true")
    _bounds(vorm, 0, boven, rechts, hoogte)
    for i, baan in enumerate(layout.banen, 1):
        vorm = _sub(plane, f"{{{BPMNDI}}}BPMNShape", id=f"Lane_{i}_di", bpmnElement=f"Lane_{i}")
        vorm.set("isHorizontal", "true")
        _bounds(vorm, 30, baan.y, rechts - 30, baan.hoogte)
    for knoop in knopen.values():
        vorm = _sub(plane, f"{{{BPMNDI}}}BPMNShape", id=f"{knoop.id}_di", bpmnElement=knoop.id)
        x, y, b, h = knoop.vak
        _bounds(vorm, x, y, b, h)
        if knoop.element is not None and knoop.element.get("name") and knoop.vak[2] < 100:
            label = _sub(vorm, f"{{{BPMNDI}}}BPMNLabel")
            _bounds(label, x + b / 2 - 50, y + h + 4, 100, 27)
    for flow in flows:
        rand = _sub(plane, f"{{{BPMNDI}}}BPMNEdge", id=f"{flow.id}_di", bpmnElement=flow.id)
        for x, y in _aansluiten(flow.punten, knopen[flow.van].vak, knopen[flow.naar].vak):
            _sub(rand, f"{{{DI}}}waypoint", x=_c(x), y=_c(y))
        if flow.naam:
            (x1, _y1), (_x2, y2) = flow.punten[0], flow.punten[1]
            label = _sub(rand, f"{{{BPMNDI}}}BPMNLabel")
            _bounds(label, x1 + 4, y2 - 16, 90, 14)


def _timers_schrijven(stappen: Sequence[Any], knopen: dict[Any, _Knoop]) -> None:
    """A wait's timer, with its waiting time as duration; after incoming/outgoing (the schema's order)."""
    for i, stap in enumerate(stappen):
        element = knopen[i].element
        if element is None or element.tag != _m("intermediateCatchEvent"):
            continue
        timer = _sub(
            element, _m("timerEventDefinition"), id=f"TimerEventDefinition_{knopen[i].id.split('_')[-1]}"
        )
        if stap.wachttijd > 0:
            duur = _sub(timer, _m("timeDuration"))
            duur.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
            duur.text = iso_duur(stap.wachttijd, stap.wachttijd_eenheid)


def _aansluiten(
    punten: tuple[tuple[float, float], ...], van: tuple, naar: tuple
) -> list[tuple[float, float]]:
    """The swimlane's waypoints, with both ends moved onto the edge of the BPMN shapes (gateways
    and events are smaller there than the swimlane's boxes)."""
    punten = [tuple(p) for p in punten]
    punten[0] = _op_rand(punten[0], punten[1], van)
    punten[-1] = _op_rand(punten[-1], punten[-2], naar)
    return punten


def _op_rand(punt: tuple[float, float], buur: tuple[float, float], vak: tuple) -> tuple[float, float]:
    x, y, b, h = vak
    if abs(punt[1] - buur[1]) < 0.5:  # a horizontal end: onto the left or right side
        return (x + b if buur[0] > punt[0] else x, punt[1])
    return (punt[0], y + h if buur[1] > punt[1] else y)


# --- import: reading safely ---------------------------------------------------------------------------


def _lezen(data: bytes) -> ET.Element:
    """Parse ``data`` with the size limit and defusedxml's protections; BpmnFout when refused."""
    maximum = getattr(settings, "BPMN_MAX_BYTES", 2 * 1024 * 1024)
    if len(data) > maximum:
        raise BpmnFout(
            _("The file is too large (%(grootte)s MB); at most %(maximum)s MB can be imported.")
            % {"grootte": _mb(len(data)), "maximum": _mb(maximum)}
        )
    if not data.strip():
        raise BpmnFout(_("The file is empty."))
    try:
        wortel = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as fout:
        raise BpmnFout(
            _(
                "The file was refused: it contains a document type declaration, entities or "
                "external references, which a BPMN file does not need and which can be used to attack "
                "a server."
            )
        ) from fout
    except ET.ParseError as fout:
        regel, kolom = getattr(fout, "position", (0, 0))
        raise BpmnFout(
            _("The file is not valid XML (line %(regel)s, column %(kolom)s).")
            % {"regel": regel, "kolom": kolom}
        ) from fout
    except (ValueError, RecursionError) as fout:
        raise BpmnFout(_("The file is not valid XML.")) from fout
    if wortel.tag != _m("definitions"):
        raise BpmnFout(
            _(
                "This is not a BPMN 2.0 file: it should start with a “definitions” element in the "
                "BPMN 2.0 namespace."
            )
        )
    return wortel


def _mb(aantal: int) -> str:
    return getal(Decimal(aantal) / (1024 * 1024), 1)


# --- import: what each element means ------------------------------------------------------------------

TAKEN = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "scriptTask",
        "businessRuleTask",
        "sendTask",
        "receiveTask",
        "callActivity",
        "subProcess",
        "transaction",
        "adHocSubProcess",
    }
)
SUBPROCESSEN = frozenset({"subProcess", "transaction", "adHocSubProcess"})
KEUZE_GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"})
GATEWAYS = KEUZE_GATEWAYS | {"parallelGateway"}
#: Structure only: the path runs through them, they are not steps (and not worth a report).
STILLE_STRUCTUUR = frozenset({"startEvent", "endEvent"})
STROOMKNOPEN = (
    TAKEN
    | GATEWAYS
    | STILLE_STRUCTUUR
    | {"intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
#: Children of a process that we read, or that carry nothing for the user (the process's own metadata).
PROCES_GELEZEN = frozenset({"laneSet", "sequenceFlow", "documentation", "extensionElements"})
#: Children of a flow node that belong to how it flows, not to what it is.
KNOOP_GELEZEN = frozenset({"documentation", "extensionElements", "incoming", "outgoing"})


def _soortnamen() -> dict[str, str]:
    """Readable names of BPMN elements for the report (translated)."""
    return {
        "dataObject": _("data object"),
        "dataObjectReference": _("data object"),
        "dataStoreReference": _("data store"),
        "dataStore": _("data store"),
        "textAnnotation": _("text annotation"),
        "association": _("association"),
        "group": _("group"),
        "messageFlow": _("message flow"),
        "participant": _("pool (participant)"),
        "boundaryEvent": _("boundary event"),
        "intermediateThrowEvent": _("intermediate throw event"),
        "parallelGateway": _("parallel gateway"),
        "inclusiveGateway": _("inclusive gateway"),
        "complexGateway": _("complex gateway"),
        "eventBasedGateway": _("event-based gateway"),
        "exclusiveGateway": _("exclusive gateway"),
        "message": _("message definition"),
        "signal": _("signal definition"),
        "error": _("error definition"),
        "escalation": _("escalation definition"),
        "process": _("process"),
        "category": _("category"),
        "itemDefinition": _("item definition"),
    }


def _lokaal(tag: Any) -> str:
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def _naamruimte(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _tekst(waarde: str | None) -> str:
    return " ".join((waarde or "").split())


class _Lezer:
    """Reads one process into steps; collects what it leaves out in `overgeslagen`."""

    def __init__(self, wortel: ET.Element) -> None:
        self.wortel = wortel
        self.overgeslagen: list[str] = []
        self.namen = _soortnamen()

    def meld(self, bericht: str) -> None:
        self.overgeslagen.append(bericht)

    def beschrijf(self, element: ET.Element) -> str:
        """“name” (kind, id) of an element, for the report."""
        lokaal = _lokaal(element.tag)
        soort = self.namen.get(lokaal, lokaal)
        naam = _tekst(element.get("name"))
        if lokaal == "textAnnotation":
            naam = _tekst(element.findtext(_m("text")))
        if len(naam) > 60:
            naam = naam[:59] + "…"
        ident = element.get("id", "")
        if naam:
            return _("%(soort)s “%(naam)s” (%(id)s)") % {"soort": soort, "naam": naam, "id": ident}
        return _("%(soort)s %(id)s") % {"soort": soort, "id": ident}

    def niet_gelezen(self, element: ET.Element) -> None:
        self.meld(_("Not imported: %(element)s.") % {"element": self.beschrijf(element)})

    # --- which process ---

    def proces_kiezen(self) -> tuple[ET.Element, str]:
        """The process to import and the name of its participant; the rest is reported."""
        processen = {p.get("id"): p for p in self.wortel.findall(_m("process"))}
        if not processen:
            raise BpmnFout(_("The file contains no process."))
        gekozen, deelnemer = None, ""
        for collaboration in self.wortel.findall(_m("collaboration")):
            for participant in collaboration.findall(_m("participant")):
                ref = participant.get("processRef")
                if gekozen is None and ref in processen:
                    gekozen, deelnemer = processen[ref], _tekst(participant.get("name"))
                else:
                    self.niet_gelezen(participant)
            for kind in collaboration:
                if _lokaal(kind.tag) not in ("participant", "documentation", "extensionElements", ""):
                    self.niet_gelezen(kind)
        if gekozen is None:
            gekozen = next(iter(processen.values()))
        for proces in processen.values():
            if proces is not gekozen and not any(
                p.get("processRef") == proces.get("id") for p in self.wortel.iter(_m("participant"))
            ):
                self.niet_gelezen(proces)
        for kind in self.wortel:
            lokaal = _lokaal(kind.tag)
            if _naamruimte(kind.tag) == MODEL and lokaal not in (
                "process",
                "collaboration",
                "documentation",
                "",
            ):
                if lokaal not in ("extensionElements", "import"):
                    self.niet_gelezen(kind)
        return gekozen, deelnemer

    # --- lanes ---

    def actoren(self, proces: ET.Element) -> dict[str, str]:
        """Flow node id → actor: the name of the innermost lane that lists it."""
        actor: dict[str, str] = {}
        # Breadth first over nested lane sets: an inner lane overwrites its parent's claim.
        werk: list[ET.Element] = list(proces.findall(_m("laneSet")))
        naamloos = 0
        while werk:
            lane_set = werk.pop(0)
            for lane in lane_set.findall(_m("lane")):
                naam = _tekst(lane.get("name"))
                if not naam:
                    naamloos += 1
                    naam = _("Lane %(nummer)s") % {"nummer": naamloos}
                for ref in lane.findall(_m("flowNodeRef")):
                    actor[_tekst(ref.text)] = naam[:100]
                werk.extend(lane.findall(_m("childLaneSet")))
        return actor


def _duur_lezen(tekst: str) -> tuple[Decimal, str] | None:
    """An ISO 8601 duration as (value, unit): P3D → 3 working days, PT2H → 2 hours, PT30M → 30 minutes.

    A week is five working days; mixed parts are added up in hours (a day counting 8, as everywhere
    in the analysis). Years and months are too vague for a waiting time: None.
    """
    m = _DUUR.fullmatch(tekst.strip().upper().replace(",", "."))
    if not m or not any(m.groups()):
        return None
    w, d, h, mi, s = (Decimal(g) if g else Decimal(0) for g in m.groups())
    if not (h or mi or s):
        waarde, eenheid = w * 5 + d, TijdEenheid.DAGEN
    elif not (w or d or mi or s):
        waarde, eenheid = h, TijdEenheid.UREN
    else:
        minuten = (w * 5 + d) * 8 * 60 + h * 60 + mi + s / 60
        if minuten % 60 == 0:
            waarde, eenheid = minuten / 60, TijdEenheid.UREN
        else:
            waarde, eenheid = minuten, TijdEenheid.MINUTEN
    tijd = _tijd(str(waarde))
    return (tijd, eenheid) if tijd is not None else None


_GETAL = r"(\d+(?:\.\d+)?)"
_DUUR = re.compile(rf"P(?:{_GETAL}W)?(?:{_GETAL}D)?(?:T(?:{_GETAL}H)?(?:{_GETAL}M)?(?:{_GETAL}S)?)?")


def _tijd(waarde: str | None) -> Decimal | None:
    """A time from our extension: at most 9 digits with 2 decimals, not negative."""
    try:
        getal = Decimal(waarde or "0")
    except (InvalidOperation, ValueError):
        return None
    if not getal.is_finite() or getal < 0 or getal >= Decimal("10000000"):
        return None
    afgerond = getal.quantize(Decimal("0.01"))
    return afgerond if afgerond != getal else getal


@dataclass
class _Graaf:
    """The flow nodes of a process and the sequence flows between them, in document order."""

    knopen: dict[str, ET.Element]
    uit: dict[str, list[ET.Element]]
    grenzen: dict[str, list[ET.Element]]  # activity id → its boundary events
    binnen: dict[str, int]  # node id → number of incoming flows


def _graaf(proces: ET.Element) -> _Graaf:
    knopen = {k.get("id", ""): k for k in proces if _lokaal(k.tag) in STROOMKNOPEN}
    uit: dict[str, list[ET.Element]] = {}
    for flow in proces.findall(_m("sequenceFlow")):
        if flow.get("sourceRef") in knopen and flow.get("targetRef") in knopen:
            uit.setdefault(flow.get("sourceRef"), []).append(flow)
    grenzen: dict[str, list[ET.Element]] = {}
    for knoop in knopen.values():
        if _lokaal(knoop.tag) == "boundaryEvent":
            grenzen.setdefault(knoop.get("attachedToRef", ""), []).append(knoop)
    binnen: dict[str, int] = {}
    for flows in uit.values():
        for flow in flows:
            binnen[flow.get("targetRef")] = binnen.get(flow.get("targetRef"), 0) + 1
    return _Graaf(knopen, uit, grenzen, binnen)


def _uitgaand(graaf: _Graaf, knoop: ET.Element) -> list[ET.Element]:
    """Outgoing flows, the default one first (the main path)."""
    flows = list(graaf.uit.get(knoop.get("id", ""), []))
    standaard = knoop.get("default")
    flows.sort(key=lambda f: f.get("id") != standaard)
    return flows


def _volgorde(graaf: _Graaf) -> tuple[list[str], list[str]]:
    """Node ids depth first from the start events (main path first), then the unreachable ones."""
    bezocht: set[str] = set()
    volgorde: list[str] = []

    def vanaf(begin: str) -> None:
        stapel = [begin]
        while stapel:
            ident = stapel.pop()
            if ident in bezocht:
                continue
            bezocht.add(ident)
            volgorde.append(ident)
            knoop = graaf.knopen[ident]
            opvolgers = [f.get("targetRef") for f in _uitgaand(graaf, knoop)]
            opvolgers += [g.get("id") for g in graaf.grenzen.get(ident, [])]
            stapel.extend(reversed([o for o in opvolgers if o not in bezocht]))

    starts = [i for i, k in graaf.knopen.items() if _lokaal(k.tag) == "startEvent"]
    if not starts:  # a fragment without a start event: each path begins where nothing flows in
        losse = (i for i, k in graaf.knopen.items() if _lokaal(k.tag) != "boundaryEvent")
        starts = [i for i in losse if not graaf.binnen.get(i)]
    for start in starts:
        vanaf(start)
    bereikbaar = len(volgorde)
    # Nodes without an incoming flow first (they begin a path of their own), then any still left.
    for ident in [i for i in graaf.knopen if not graaf.binnen.get(i)] + list(graaf.knopen):
        if ident not in bezocht and _lokaal(graaf.knopen[ident].tag) != "boundaryEvent":
            vanaf(ident)
    return volgorde[:bereikbaar], volgorde[bereikbaar:]


def bpmn_importeren(data: bytes) -> ImportResultaat:
    """Read a BPMN 2.0 document into steps for a new process version (see the module's docstring).

    Raises BpmnFout for a file that is too large, not XML, hostile, not BPMN, without a process or
    without anything to import.
    """
    wortel = _lezen(data)
    lezer = _Lezer(wortel)
    proces, deelnemer = lezer.proces_kiezen()
    standaard_actor = deelnemer or _tekst(proces.get("name")) or _("Unknown")
    actoren = lezer.actoren(proces)
    graaf = _graaf(proces)
    verwezen = {r.get("dataObjectRef") for r in proces.findall(_m("dataObjectReference"))}
    for kind in proces:
        lokaal = _lokaal(kind.tag)
        if lokaal == "dataObject" and kind.get("id") in verwezen:
            continue  # reported through its reference, which carries the name
        if lokaal and lokaal not in STROOMKNOPEN and lokaal not in PROCES_GELEZEN:
            lezer.niet_gelezen(kind)
    bereikbaar, los = _volgorde(graaf)
    ids = bereikbaar + los
    stappen_ids = [i for i in ids if _is_stap(graaf, graaf.knopen[i])]
    if len(stappen_ids) > MAX_STAPPEN:
        raise BpmnFout(
            _("The process has %(aantal)s steps; at most %(maximum)s can be imported.")
            % {"aantal": len(stappen_ids), "maximum": MAX_STAPPEN}
        )
    index = {ident: n for n, ident in enumerate(stappen_ids)}
    stappen = []
    for n, ident in enumerate(stappen_ids):
        knoop = graaf.knopen[ident]
        stap = _stap_lezen(lezer, knoop, n, actoren.get(ident, standaard_actor)[:100])
        stappen.append(stap)
    for ident in stappen_ids:
        _tak_lezen(lezer, graaf, graaf.knopen[ident], stappen[index[ident]], index)
    for ident in ids:
        knoop = graaf.knopen[ident]
        if not _is_stap(graaf, knoop) and _lokaal(knoop.tag) not in STILLE_STRUCTUUR:
            lezer.meld(_structuur_melding(lezer, graaf, knoop))
    for ident in los:
        if ident in index:
            lezer.meld(
                _("“%(naam)s” is not reachable from the start: it was added at the end.")
                % {"naam": stappen[index[ident]]["naam"]}
            )
    _flows_melden(lezer, proces, graaf)
    if not stappen:
        raise BpmnFout(_("The file contains no process steps that can be imported."))
    naam = _tekst(proces.get("name")) or deelnemer
    toelichting = (proces.findtext(_m("documentation")) or "").strip()
    return ImportResultaat(
        stappen=stappen, overgeslagen=lezer.overgeslagen, naam=naam[:200], toelichting=toelichting
    )


def _ws(knoop: ET.Element) -> ET.Element | None:
    return knoop.find(f"{_m('extensionElements')}/{{{WS}}}stap")


def _is_stap(graaf: _Graaf, knoop: ET.Element) -> bool:
    lokaal = _lokaal(knoop.tag)
    if lokaal in TAKEN or lokaal == "intermediateCatchEvent":
        return True
    if lokaal in KEUZE_GATEWAYS:
        if _ws(knoop) is not None:
            return True
        # A gateway that only joins paths (one way out, several in) is structure, not a decision.
        uit = len(graaf.uit.get(knoop.get("id", ""), []))
        return not (uit <= 1 and graaf.binnen.get(knoop.get("id", ""), 0) > 1)
    return False


def _structuur_melding(lezer: _Lezer, graaf: _Graaf, knoop: ET.Element) -> str:
    lokaal = _lokaal(knoop.tag)
    if lokaal == "parallelGateway":
        return _("Not imported: %(element)s; parallel paths were read one after the other.") % {
            "element": lezer.beschrijf(knoop)
        }
    if lokaal in KEUZE_GATEWAYS:
        return _("Not imported: %(element)s, which only joins paths.") % {"element": lezer.beschrijf(knoop)}
    if lokaal == "boundaryEvent":
        doel = graaf.knopen.get(knoop.get("attachedToRef", ""))
        return _("Not imported: %(element)s on “%(taak)s”; the path after it was read after that step.") % {
            "element": lezer.beschrijf(knoop),
            "taak": _tekst(doel.get("name")) if doel is not None else knoop.get("attachedToRef", ""),
        }
    return _("Not imported: %(element)s.") % {"element": lezer.beschrijf(knoop)}


def _stap_lezen(lezer: _Lezer, knoop: ET.Element, n: int, actor: str) -> dict[str, Any]:
    """One step from a flow node: our extension restores every field; otherwise sensible defaults."""
    lokaal = _lokaal(knoop.tag)
    naam = _tekst(knoop.get("name"))
    if not naam:
        naam = _("Unnamed step %(nummer)s") % {"nummer": n + 1}
    stap: dict[str, Any] = {
        "naam": naam[:200],
        "omschrijving": (knoop.findtext(_m("documentation")) or "").strip(),
        "actor": actor,
        "kanaal": Kanaal.INTERN,
        "soort": _soort(lokaal),
        "bewerkingstijd": Decimal(0),
        "bewerkingstijd_eenheid": TijdEenheid.MINUTEN,
        "wachttijd": Decimal(0),
        "wachttijd_eenheid": TijdEenheid.DAGEN,
        "lean": Lean.NODIG,
        "verspilling": "",
        "vertakking_label": "",
    }
    if len(_tekst(knoop.get("name"))) > 200:
        lezer.meld(_("The name of “%(naam)s” was shortened to 200 characters.") % {"naam": naam[:60]})
    ws = _ws(knoop)
    if ws is not None:
        _ws_lezen(lezer, ws, stap)
    else:
        _zonder_ws(lezer, knoop, stap)
    if lokaal in SUBPROCESSEN:
        _subproces_melden(lezer, knoop)
    _inhoud_melden(lezer, knoop, stap["naam"])
    return stap


def _soort(lokaal: str) -> str:
    if lokaal in KEUZE_GATEWAYS:
        return StapSoort.BESLISSING
    if lokaal == "intermediateCatchEvent":
        return StapSoort.WACHTEN
    return StapSoort.ACTIE


_KEUZES: dict[str, type] = {
    "soort": StapSoort,
    "kanaal": Kanaal,
    "lean": Lean,
    "verspilling": Verspilling,
    "bewerkingstijdEenheid": TijdEenheid,
    "wachttijdEenheid": TijdEenheid,
}
_VELD = {"bewerkingstijdEenheid": "bewerkingstijd_eenheid", "wachttijdEenheid": "wachttijd_eenheid"}


def _ws_lezen(lezer: _Lezer, ws: ET.Element, stap: dict[str, Any]) -> None:
    """Our own extension: every field back as it was exported; unknown values are reported."""
    for attribuut, keuzes in _KEUZES.items():
        waarde = ws.get(attribuut)
        if waarde is None:
            continue
        if waarde in keuzes.values:
            stap[_VELD.get(attribuut, attribuut)] = waarde
        else:
            lezer.meld(
                _("“%(naam)s”: the value “%(waarde)s” of %(veld)s is unknown and was not imported.")
                % {"naam": stap["naam"], "waarde": waarde[:40], "veld": attribuut}
            )
    for veld in ("bewerkingstijd", "wachttijd"):
        if ws.get(veld) is None:
            continue
        tijd = _tijd(ws.get(veld))
        if tijd is None:
            lezer.meld(
                _("“%(naam)s”: the time “%(waarde)s” is not a valid time and was not imported.")
                % {"naam": stap["naam"], "waarde": ws.get(veld, "")[:40]}
            )
        else:
            stap[veld] = tijd
    if stap["lean"] != Lean.VERSPILLING:
        stap["verspilling"] = ""
    elif not stap["verspilling"]:
        stap["lean"] = Lean.NODIG
        lezer.meld(
            _("“%(naam)s”: waste without a type of waste was read as necessary.") % {"naam": stap["naam"]}
        )


def _zonder_ws(lezer: _Lezer, knoop: ET.Element, stap: dict[str, Any]) -> None:
    """Another tool's node: the wait from a timer; notes for what we read differently."""
    lokaal = _lokaal(knoop.tag)
    beschrijving = lezer.beschrijf(knoop)
    if lokaal in KEUZE_GATEWAYS - {"exclusiveGateway"}:
        lezer.meld(
            _("%(element)s was imported as a decision (one of the paths is taken).")
            % {"element": beschrijving}
        )
    if lokaal != "intermediateCatchEvent":
        return
    timer = knoop.find(_m("timerEventDefinition"))
    if timer is None:
        lezer.meld(
            _("%(element)s (waiting for something other than time) was imported as a wait.")
            % {"element": beschrijving}
        )
        return
    duur = timer.findtext(_m("timeDuration"))
    if duur and duur.strip():
        gelezen = _duur_lezen(duur)
        if gelezen is None:
            lezer.meld(
                _("“%(naam)s”: the timer duration “%(duur)s” was not understood; the waiting time is 0.")
                % {"naam": stap["naam"], "duur": duur.strip()[:40]}
            )
        else:
            stap["wachttijd"], stap["wachttijd_eenheid"] = gelezen
    elif timer.find(_m("timeDate")) is not None or timer.find(_m("timeCycle")) is not None:
        lezer.meld(
            _("“%(naam)s”: a timer date or cycle is not a waiting time and was not imported.")
            % {"naam": stap["naam"]}
        )


def _subproces_melden(lezer: _Lezer, knoop: ET.Element) -> None:
    """A sub-process is read as one step: say what was inside it."""
    inhoud = [k for k in knoop if _lokaal(k.tag) and _lokaal(k.tag) not in KNOOP_GELEZEN]
    inhoud = [k for k in inhoud if _naamruimte(k.tag) == MODEL and "LoopCharacteristics" not in k.tag]
    namen = [_tekst(k.get("name")) for k in inhoud if _tekst(k.get("name"))]
    lezer.meld(
        ngettext(
            "%(element)s was imported as one step; the %(aantal)s element inside it was not "
            "imported%(namen)s.",
            "%(element)s was imported as one step; the %(aantal)s elements inside it were not "
            "imported%(namen)s.",
            len(inhoud),
        )
        % {
            "element": lezer.beschrijf(knoop),
            "aantal": len(inhoud),
            "namen": f" ({', '.join(namen[:10])}{', …' if len(namen) > 10 else ''})" if namen else "",
        }
    )


def _inhoud_melden(lezer: _Lezer, knoop: ET.Element, naam: str) -> None:
    """What a node holds beyond its name, flows and our extension: tool settings, data, loops."""
    lokaal = _lokaal(knoop.tag)
    extra = []
    for kind in knoop:
        kind_lokaal = _lokaal(kind.tag)
        if not kind_lokaal or kind_lokaal in ("documentation", "incoming", "outgoing"):
            continue
        if kind_lokaal == "extensionElements":
            if any(_naamruimte(e.tag) != WS for e in kind):
                extra.append(_("tool-specific settings"))
        elif (
            lokaal in SUBPROCESSEN
            and _naamruimte(kind.tag) == MODEL
            and kind_lokaal
            not in (
                "multiInstanceLoopCharacteristics",
                "standardLoopCharacteristics",
            )
        ):
            continue  # reported with the sub-process
        elif kind_lokaal.endswith("EventDefinition"):
            if kind_lokaal != "timerEventDefinition":
                extra.append(kind_lokaal)
        elif kind_lokaal in ("multiInstanceLoopCharacteristics", "standardLoopCharacteristics"):
            extra.append(_("repetition (loop or multi-instance)"))
        elif kind_lokaal in ("dataInputAssociation", "dataOutputAssociation"):
            extra.append(_("data association"))
        else:
            extra.append(kind_lokaal)
    vreemd = sorted({a.split("}", 1)[-1] for a in knoop.attrib if a.startswith("{") and _naamruimte(a) != WS})
    if vreemd:
        extra.append(_("tool-specific attributes (%(namen)s)") % {"namen": ", ".join(vreemd[:8])})
    if extra:
        lezer.meld(
            _("“%(naam)s”: not imported: %(wat)s.") % {"naam": naam, "wat": ", ".join(dict.fromkeys(extra))}
        )


def _hoofdflow(graaf: _Graaf, knoop: ET.Element) -> ET.Element | None:
    flows = _uitgaand(graaf, knoop)
    return flows[0] if flows else None


def _eerste_stap(graaf: _Graaf, ident: str | None, index: dict[str, int]) -> str | None:
    """The first step at or after ``ident`` along main paths through structure (bounded)."""
    gezien: set[str] = set()
    while ident is not None and ident not in index and ident not in gezien and len(gezien) < 10_000:
        gezien.add(ident)
        flow = _hoofdflow(graaf, graaf.knopen[ident])
        ident = flow.get("targetRef") if flow is not None else None
    return ident if ident in index else None


def _tak_lezen(
    lezer: _Lezer, graaf: _Graaf, knoop: ET.Element, stap: dict[str, Any], index: dict[str, int]
) -> None:
    """A decision's first other path becomes its branch; further paths are reported."""
    if stap["soort"] != StapSoort.BESLISSING:
        return
    eigen = index[knoop.get("id", "")]
    overige = _uitgaand(graaf, knoop)[1:]
    for n, flow in enumerate(overige):
        doel = _eerste_stap(graaf, flow.get("targetRef"), index)
        label = _tekst(flow.get("name"))
        if n == 0 and doel is not None and index[doel] != eigen:
            stap["vertakking_naar_index"] = index[doel]
            stap["vertakking_label"] = label[:100]
            continue
        waarheen = graaf.knopen[flow.get("targetRef")]
        lezer.meld(
            _("Decision “%(naam)s”: the path %(label)sto %(doel)s was not kept (a decision has one branch).")
            % {
                "naam": stap["naam"],
                "label": f"“{label}” " if label else "",
                "doel": lezer.beschrijf(waarheen),
            }
        )


def _flows_melden(lezer: _Lezer, proces: ET.Element, graaf: _Graaf) -> None:
    """Conditions on flows and flows to nodes we do not know are execution details: counted."""
    voorwaarden = sum(
        1 for f in proces.findall(_m("sequenceFlow")) if f.find(_m("conditionExpression")) is not None
    )
    if voorwaarden:
        lezer.meld(
            ngettext(
                "%(aantal)s condition on a sequence flow (an execution detail) was not imported.",
                "%(aantal)s conditions on sequence flows (execution details) were not imported.",
                voorwaarden,
            )
            % {"aantal": voorwaarden}
        )
    los = [
        f
        for f in proces.findall(_m("sequenceFlow"))
        if f.get("sourceRef") not in graaf.knopen or f.get("targetRef") not in graaf.knopen
    ]
    for flow in los:
        lezer.meld(
            _("Not imported: sequence flow %(id)s, which does not join two steps.")
            % {"id": flow.get("id", "")}
        )
