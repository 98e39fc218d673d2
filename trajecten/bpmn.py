"""BPMN 2.0 exchange: a process version to a BPMN 2.0 XML document and back.

So a process map travels to and from the tools municipalities use (Camunda Modeler, bpmn.io,
Signavio, Bizagi, ADONIS, Visual Paradigm, Trisotech, Visio's BPMN). Pure functions: no database
writes here; the import view saves the result through `services.processtappen_importeren`.

**Export** (`bpmn_exporteren`): one `collaboration` with one `participant` (the trajectory's product)
whose `process` has a `laneSet` (a lane per actor), a start event, the steps and an end event, joined
by sequence flows in order. How our kinds of step are written:

==============  ===============================================================================
actie           ``task``
beslissing      ``exclusiveGateway``; the flow to the next step is its ``default``; the branch to
                ``vertakking_naar`` is a second flow named with ``vertakking_label`` (“Otherwise”
                when it has none) whose ``conditionExpression`` is that name in words. A decision
                without a branch has one way out, which BPMN calls a superfluous gateway: it is
                written as a ``task`` (our extension keeps its kind)
wachten         ``intermediateCatchEvent`` with a ``timerEventDefinition`` whose ``timeDuration`` is
                the waiting time (``PT2H``, ``P3D``; a working day is written as a day)
overdracht      ``sendTask``: the work is sent on to the next actor (other tools show an envelope)
==============  ===============================================================================

A step that two or more flows lead to (the step after a decision that branches to it, the target
of a loop) gets an unnamed joining ``exclusiveGateway`` in front of it, as BPMN wants; the start and
end events are named (“Start”, “End”) and every element has a name. So exports pass ``bpmnlint``
with its recommended rules without errors or warnings, and read without warnings in bpmn-moddle
(the parser of bpmn.io); the tests run both tools over representative exports.

The description goes in ``documentation``; everything BPMN has no place for (kind, channel, times
with their units, LEAN class, type of waste, a decision's own branch label) goes in
``extensionElements`` as ``<ws:stap .../>`` in our own namespace, so export → import gives back
exactly the same steps. The diagram interchange (BPMNDI) uses the swimlane's lanes, columns and
centres (`trajecten.swimlane.swimlane_layout`), so other tools show the map laid out as we draw it;
shapes have the sizes other tools give them (a task 100 pixels wide, a gateway 50, an event 36),
which leaves room for a joining gateway between two columns.

**Import** (`bpmn_importeren`) reads our own documents and those of other tools. Hardened: the size
is checked before parsing (``settings.BPMN_MAX_BYTES``) and ``defusedxml`` refuses DTDs, entity
declarations and external references (XXE, "billion laughs"); a web page gets “this is not a BPMN
file”, not the attack message. What it takes:

- every pool: each participant of the collaboration with its process, and each process that no
  participant names (unless a call activity only calls it). Several pools become one map; a
  message flow between them orders the receiver after the sender;
- a pool is an actor, its lanes the actors within it (nested lanes: the innermost). With one pool a
  lane is its own name. With several, a lane keeps its name while no other pool uses that name as a
  lane or as its own name; otherwise it is written “Pool – Lane”. A lane without a name is its
  pool's name (the pool's only unnamed lane) or “Pool, lane 2”; a node in no lane gets its pool's
  name, or the process's, or “Unknown” (“Pool 2” when there are several);
- task-like elements (task, userTask, manualTask, serviceTask, scriptTask, businessRuleTask,
  sendTask, receiveTask, callActivity, subProcess, transaction, adHocSubProcess) → an action (a
  sub-process becomes one step; its content is reported);
- exclusive gateways → a decision. Inclusive, complex and event-based gateways are choices too and
  become a decision, with a note. A parallel gateway is not a choice (every path is taken): it is
  no step, its paths are read one after the other, and it is reported. A gateway that only joins
  paths (one way out, several in) is structure: reported only when it has a name;
- intermediate catch events → a wait (a timer's duration becomes the waiting time; a message or
  other trigger is noted); intermediate throw events and boundary events are reported (the path
  after a boundary event is read after its activity; a boundary event whose activity is missing is
  reported as such, its path comes last);
- message flows are handovers: a task that sends becomes a handover (``overdracht``); an end or
  throw event that sends becomes a handover step of its own; a message sent from inside a
  sub-process, from a pool without a process (a “black box”) or from an element that cannot send
  adds a handover step named after the message. The handover's description names the receiver
  and the message;
- start and end events are structure, not steps; their names are reported (not for our own files).

The order respects the flow: a step never comes before a step that leads to it, loops aside. It is
a topological order of all pools together: the loops are found depth first from the start events
(along a gateway's default, or first, flow) and set aside; message flows that would close a circle
between pools (a reply to a request) are set aside too, those that start another pool's process
first. Among the steps whose predecessors are all placed, the one met first depth first comes next,
so one path is read to its end before the others; nodes not reachable from a start come last and
are reported. A decision's way on is its path to the step that comes next; its first other path
becomes the branch (`vertakking_naar_index`, so a loop back is kept); more paths are reported.
Everything else (data objects and stores, text annotations, associations, groups, flow conditions
other than the flow's own name, loop markers, definitions nothing refers to, tool-specific
settings and attributes, the last counted in one line each) is listed in
`ImportResultaat.overgeslagen`, in words a user reads (deelproces, tussengebeurtenis,
volgordestroom): nothing is lost without a word. How the file was read (the pools taken together,
the handovers made) is in `ImportResultaat.opmerkingen`.
"""

from __future__ import annotations

import heapq
import re
import xml.etree.ElementTree as ET  # noqa: S405  only to *build* XML; parsing goes through defusedxml
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wasstraat.svg import getal

from .choices import Kanaal, Lean, StapSoort, TijdEenheid, Verspilling
from .procesanalyse import actor_sleutel
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
EXPORTER_VERSIE = "1.1"
#: More steps than anyone maps by hand; a bigger file is refused rather than imported half.
MAX_STAPPEN = 1000

for _prefix, _uri in (("bpmn", MODEL), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI), ("ws", WS)):
    ET.register_namespace(_prefix, _uri)


class BpmnFout(ValueError):
    """A file that cannot be imported; the message is fit for the user."""


@dataclass
class ImportResultaat:
    """What an import found: the steps (for `processtappen_importeren`), names, and what was left out.

    ``herkomst`` holds, per step, the id of the BPMN element it was read from (for a handover step
    made from a message flow: the message flow's id); ``opmerkingen`` says how the file was read.
    """

    stappen: list[dict[str, Any]]
    overgeslagen: list[str] = field(default_factory=list)
    naam: str = ""
    toelichting: str = ""
    opmerkingen: list[str] = field(default_factory=list)
    herkomst: list[str] = field(default_factory=list)


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
#: The size other tools give tasks, gateways and events (their look); a task keeps the lane's height.
TAAK_BREEDTE = 100
GATEWAY_MAAT = 50
GEBEURTENIS_MAAT = 36
#: A joining gateway between two columns: at most this size, and at least this far from its neighbours.
SAMENVOEGING_MAAT = 36
SAMENVOEGING_MARGE = 6


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
    """One flow node of the export: its id, BPMN element and place in the diagram.

    ``maat`` makes it a square of that size around the centre of its position (a joining gateway).
    """

    id: str
    positie: Positie
    element: ET.Element | None = None
    maat: float | None = None

    @property
    def vak(self) -> tuple[float, float, float, float]:
        """The node's bounds in BPMNDI: tasks, gateways and events the size other tools give them."""
        p = self.positie
        maat = self.maat
        if maat is None:
            tag = self.element.tag if self.element is not None else ""
            if tag.endswith("Gateway"):
                maat = GATEWAY_MAAT
            elif tag.endswith("Event"):
                maat = GEBEURTENIS_MAAT
            else:
                breedte = min(TAAK_BREEDTE, p.breedte)
                return p.midden_x - breedte / 2, p.y, breedte, p.hoogte
        return p.midden_x - maat / 2, p.midden_y - maat / 2, maat, maat


@dataclass
class _Flow:
    """One sequence flow of the export: between two node keys, with its waypoints."""

    id: str
    van: Any
    naar: Any
    punten: tuple[tuple[float, float], ...]
    naam: str = ""
    vertakking: bool = False
    standaard: bool = False


def _tag(stap: Any, index: int, takken: set[int]) -> str:
    """The BPMN element of a step: a decision without a branch is a task (see the module docstring)."""
    if stap.soort == StapSoort.BESLISSING and index not in takken:
        return "task"
    return ELEMENT.get(stap.soort, ELEMENT[StapSoort.ACTIE])[0]


def _ids(tags: Sequence[str]) -> list[str]:
    prefixen = {tag: prefix for tag, prefix in ELEMENT.values()}
    tellers: Counter[str] = Counter()
    ids = []
    for tag in tags:
        prefix = prefixen[tag]
        tellers[prefix] += 1
        ids.append(f"{prefix}_{tellers[prefix]}")
    return ids


def bpmn_exporteren(*, versie: ProcesVersie, stappen: Sequence[ProcesStap] | None = None) -> bytes:
    """The version as a BPMN 2.0 XML document (UTF-8, indented), laid out like the swimlane."""
    if stappen is None:
        stappen = list(versie.stappen.all())
    layout = swimlane_layout(stappen)
    takken = {p.van for p in layout.pijlen if p.vertakking}
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
    process = _sub(definitions, _m("process"), id="Process_1", name=versie.naam or None, isExecutable="false")
    if versie.toelichting:
        _sub(process, _m("documentation")).text = _regels(versie.toelichting)
    lane_set = _sub(process, _m("laneSet"), id="LaneSet_1")
    knopen = _knopen_schrijven(process, stappen, layout, takken)
    flows = _samenvoegen(process, knopen, _flows_bepalen(stappen, layout, knopen))
    _flows_schrijven(process, knopen, flows)
    _lanes_schrijven(lane_set, layout, knopen)
    _timers_schrijven(stappen, knopen)
    _diagram_schrijven(definitions, layout, knopen, flows)
    ET.indent(definitions, space="  ")
    return ET.tostring(definitions, encoding="UTF-8", xml_declaration=True) + b"\n"


def _deelnemer_naam(versie: ProcesVersie) -> str:
    traject = versie.traject
    product = getattr(traject, "product", None)
    naam = str(product) if product is not None else traject.titel
    return _tekst(naam) or _tekst(versie.naam) or _("Process")


def _regels(tekst: str) -> str:
    """Line ends as XML reads them back (a parser turns CR LF into LF)."""
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _knopen_schrijven(
    process: ET.Element, stappen: Sequence[Any], layout: Layout, takken: set[int]
) -> dict[Any, _Knoop]:
    """The start and end event and one element per step; returns the nodes by layout key."""
    knopen: dict[Any, _Knoop] = {}
    if layout.start is None:  # no steps: a start event straight to an end event
        knopen[START] = _Knoop("StartEvent_1", Positie(0, -1, 200, 40, 36, 36))
        knopen[EINDE] = _Knoop("EndEvent_1", Positie(0, 0, 300, 40, 36, 36))
    else:
        knopen[START] = _Knoop("StartEvent_1", layout.start)
        knopen[EINDE] = _Knoop("EndEvent_1", layout.einde)
    knopen[START].element = _sub(process, _m("startEvent"), id="StartEvent_1", name=_("Start"))
    tags = [_tag(stap, i, takken) for i, stap in enumerate(stappen)]
    for i, (stap, tag, ident) in enumerate(zip(stappen, tags, _ids(tags), strict=True)):
        knopen[i] = _Knoop(ident, layout.stappen[i])
        knopen[i].element = _stap_schrijven(process, stap, tag, ident, i)
    knopen[EINDE].element = _sub(process, _m("endEvent"), id="EndEvent_1", name=_("End"))
    return knopen


def _stap_schrijven(process: ET.Element, stap: Any, tag: str, ident: str, index: int) -> ET.Element:
    naam = _tekst(stap.naam) or _("Step %(nummer)s") % {"nummer": index + 1}
    element = _sub(process, _m(tag), id=ident, name=naam)
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
        vertakkingLabel=(stap.vertakking_label or "") if tag == "exclusiveGateway" else None,
    )
    return element


def _flows_bepalen(stappen: Sequence[Any], layout: Layout, knopen: dict[Any, _Knoop]) -> list[_Flow]:
    """The swimlane's arrows as flows: in order, then the branches; a decision's way on is its default."""
    if not layout.pijlen:
        start, einde = knopen[START].positie, knopen[EINDE].positie
        return [_Flow("Flow_1", START, EINDE, ((start.x + 36, 58), (einde.x, 58)))]
    beslissingen = {i for i, stap in enumerate(stappen) if stap.soort == StapSoort.BESLISSING}
    return [
        _Flow(
            f"Flow_{n}",
            p.van,
            p.naar,
            p.punten,
            (p.label or _("Otherwise")) if p.vertakking else "",
            vertakking=p.vertakking,
            standaard=not p.vertakking
            and p.van in beslissingen
            and knopen[p.van].element.tag.endswith("Gateway"),
        )
        for n, p in enumerate(layout.pijlen, 1)
    ]


def _samenvoegen(process: ET.Element, knopen: dict[Any, _Knoop], flows: list[_Flow]) -> list[_Flow]:
    """A joining gateway before every node that two or more flows lead to (BPMN's “fake join”)."""
    volgorde = [START, *sorted(k for k in knopen if isinstance(k, int)), EINDE]
    binnen = Counter(flow.naar for flow in flows)
    extra = []
    for n, doel in enumerate((k for k in volgorde if binnen[k] > 1), 1):
        vorige = volgorde[volgorde.index(doel) - 1]
        samen = _samenvoeging(f"Gateway_Join_{n}", knopen[vorige], knopen[doel])
        samen.element = ET.Element(_m("exclusiveGateway"), {"id": samen.id})
        process.insert(list(process).index(knopen[doel].element), samen.element)
        knopen[("samen", doel)] = samen
        jx, jy = samen.positie.midden_x, samen.positie.midden_y
        for flow in flows:
            if flow.naar == doel:
                flow.naar = ("samen", doel)
                flow.punten = _naar_samenvoeging(flow.punten, jx, jy)
        extra.append(
            _Flow(
                f"Flow_{len(flows) + len(extra) + 1}",
                ("samen", doel),
                doel,
                ((jx, jy), (knopen[doel].vak[0], jy)),
            )
        )
    return flows + extra


def _samenvoeging(ident: str, vorige: _Knoop, doel: _Knoop) -> _Knoop:
    """A joining gateway in the gap between the node in the previous column and ``doel``."""
    links = vorige.vak[0] + vorige.vak[2]
    rechts = doel.vak[0]
    maat = max(12.0, min(SAMENVOEGING_MAAT, rechts - links - 2 * SAMENVOEGING_MARGE))
    x = (links + rechts) / 2 - maat / 2
    y = doel.positie.midden_y - maat / 2
    positie = Positie(doel.positie.baan, doel.positie.kolom, x, y, maat, maat)
    return _Knoop(ident, positie, maat=maat)


def _naar_samenvoeging(
    punten: tuple[tuple[float, float], ...], jx: float, jy: float
) -> tuple[tuple[float, float], ...]:
    """A flow's waypoints rerouted to end at the joining gateway centred on (jx, jy).

    A straight flow keeps its line; a flow that ends with a vertical leg (a branch coming in from
    above or below) moves that leg onto the gateway's column; a flow that changes lane in the gap
    bends on the gateway's column and enters it from above or below.
    """
    punten = list(punten)
    if len(punten) == 2:
        return tuple(punten)
    (xa, ya), (xb, _yb) = punten[-2], punten[-1]
    if abs(xa - xb) < 0.5:  # the last leg is vertical
        return (*punten[:-2], (jx, ya), (jx, jy))
    (xc, yc) = punten[-3]
    return (*punten[:-3], (jx, yc), (jx, jy))


def _flows_schrijven(process: ET.Element, knopen: dict[Any, _Knoop], flows: list[_Flow]) -> None:
    """Sequence flows with incoming/outgoing on every node (as tools write), defaults and conditions."""
    for flow in flows:
        bron, doel = knopen[flow.van], knopen[flow.naar]
        _in_uit(bron.element, "outgoing", flow.id)
        _in_uit(doel.element, "incoming", flow.id)
        element = _sub(
            process,
            _m("sequenceFlow"),
            id=flow.id,
            name=flow.naam or None,
            sourceRef=bron.id,
            targetRef=doel.id,
        )
        if flow.vertakking:
            # The branch's condition in words (a natural-language expression), as BPMN asks of a
            # decision's other flows; the way on to the next step is the decision's default.
            _sub(element, _m("conditionExpression")).text = flow.naam
        if flow.standaard:
            bron.element.set("default", flow.id)


def _in_uit(element: ET.Element, richting: str, flow_id: str) -> None:
    """Add an incoming or outgoing reference: incoming ones before the first outgoing (schema order)."""
    nieuw = ET.Element(_m(richting))
    nieuw.text = flow_id
    kinderen = list(element)
    eerste_uit = next((i for i, k in enumerate(kinderen) if k.tag == _m("outgoing")), len(kinderen))
    element.insert(eerste_uit if richting == "incoming" else len(kinderen), nieuw)


def _lanes_schrijven(lane_set: ET.Element, layout: Layout, knopen: dict[Any, _Knoop]) -> None:
    """A lane per actor listing its nodes in the order of the process (a joining gateway before its step)."""
    if not layout.banen:
        return
    lanes = [
        _sub(lane_set, _m("lane"), id=f"Lane_{i}", name=_tekst(baan.naam) or _("Unknown"))
        for i, baan in enumerate(layout.banen, 1)
    ]
    volgorde = []
    for sleutel in [START, *sorted(k for k in knopen if isinstance(k, int)), EINDE]:
        if ("samen", sleutel) in knopen:
            volgorde.append(knopen[("samen", sleutel)])
        volgorde.append(knopen[sleutel])
    for knoop in volgorde:
        _sub(lanes[knoop.positie.baan], _m("flowNodeRef")).text = knoop.id


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
        if knoop.element is not None and knoop.element.tag == _m("exclusiveGateway"):
            vorm.set("isMarkerVisible", "true")
        x, y, b, h = knoop.vak
        _bounds(vorm, x, y, b, h)
        if knoop.element is not None and knoop.element.get("name") and b < TAAK_BREEDTE:
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
    """The swimlane's waypoints, with both ends moved onto the edge of the BPMN shapes (which are
    smaller there than the swimlane's boxes)."""
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

#: The start of a web page (after an XML declaration and comments, if any): not a BPMN file.
_HTML = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.I | re.S,
)


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
    if _HTML.match(data[:4096]):
        raise BpmnFout(_geen_bpmn(html=True))
    try:
        wortel = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden as fout:
        if _lokaal(fout.name or "").lower() == "html":  # a web page (XHTML) declares its type
            raise BpmnFout(_geen_bpmn(html=True)) from fout
        raise BpmnFout(_aanval()) from fout
    except DefusedXmlException as fout:
        raise BpmnFout(_aanval()) from fout
    except ET.ParseError as fout:
        regel, kolom = getattr(fout, "position", (0, 0))
        raise BpmnFout(
            _("The file is not valid XML (line %(regel)s, column %(kolom)s).")
            % {"regel": regel, "kolom": kolom}
        ) from fout
    except (ValueError, RecursionError) as fout:
        raise BpmnFout(_("The file is not valid XML.")) from fout
    if wortel.tag != _m("definitions"):
        raise BpmnFout(_geen_bpmn(html=_lokaal(wortel.tag).lower() == "html"))
    return wortel


def _aanval() -> str:
    return _(
        "The file was refused: it contains a document type declaration, entities or external "
        "references, which a BPMN file does not need and which can be used to attack a server."
    )


def _geen_bpmn(*, html: bool) -> str:
    if html:
        return _(
            "This is not a BPMN file but a web page (HTML). Export the process from your modelling "
            "tool as BPMN 2.0 XML (a .bpmn file) and import that."
        )
    return _(
        "This is not a BPMN 2.0 file: it should start with a “definitions” element in the BPMN 2.0 namespace."
    )


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
#: Elements that can send a message and then are the handover themselves.
VERZENDERS = TAKEN | {"intermediateThrowEvent", "endEvent"}
#: Children of a process that we read, or that carry nothing for the user (the process's own metadata).
PROCES_GELEZEN = frozenset({"laneSet", "sequenceFlow", "documentation", "extensionElements"})
#: Children of a flow node that belong to how it flows, not to what it is.
KNOOP_GELEZEN = frozenset({"documentation", "extensionElements", "incoming", "outgoing"})
#: Children of the document that are read, or carry nothing for the user.
WORTEL_GELEZEN = frozenset({"process", "collaboration", "documentation", "extensionElements", "import"})
LUSSEN = frozenset({"multiInstanceLoopCharacteristics", "standardLoopCharacteristics"})


def _soortnamen() -> dict[str, str]:
    """Readable names of BPMN elements for the report (translated): what a user calls them."""
    globale_taak = _("global task")
    gegevensobject = _("data object")
    gegevensopslag = _("data store")
    return {
        "task": _("task"),
        "userTask": _("user task"),
        "manualTask": _("manual task"),
        "serviceTask": _("service task"),
        "scriptTask": _("script task"),
        "businessRuleTask": _("business rule task"),
        "sendTask": _("send task"),
        "receiveTask": _("receive task"),
        "callActivity": _("call of another process"),
        "subProcess": _("sub-process"),
        "transaction": _("transaction"),
        "adHocSubProcess": _("ad-hoc sub-process"),
        "startEvent": _("start event"),
        "endEvent": _("end event"),
        "intermediateCatchEvent": _("intermediate event (waiting)"),
        "intermediateThrowEvent": _("intermediate event (sending)"),
        "boundaryEvent": _("boundary event"),
        "exclusiveGateway": _("exclusive gateway"),
        "inclusiveGateway": _("inclusive gateway"),
        "complexGateway": _("complex gateway"),
        "eventBasedGateway": _("event-based gateway"),
        "parallelGateway": _("parallel gateway"),
        "sequenceFlow": _("sequence flow"),
        "messageFlow": _("message flow"),
        "association": _("association"),
        "dataObject": gegevensobject,
        "dataObjectReference": gegevensobject,
        "dataStore": gegevensopslag,
        "dataStoreReference": gegevensopslag,
        "dataInput": _("data input"),
        "dataOutput": _("data output"),
        "ioSpecification": _("inputs and outputs"),
        "property": _("property"),
        "textAnnotation": _("text annotation"),
        "group": _("group"),
        "category": _("category"),
        "participant": _("pool"),
        "lane": _("lane"),
        "message": _("message"),
        "signal": _("signal"),
        "error": _("error"),
        "escalation": _("escalation"),
        "itemDefinition": _("data type"),
        "interface": _("interface"),
        "operation": _("operation"),
        "resource": _("resource"),
        "process": _("process"),
        "collaboration": _("collaboration"),
        "choreography": _("choreography"),
        "conversation": _("conversation"),
        "globalConversation": _("conversation"),
        "correlationProperty": _("correlation property"),
        "partnerEntity": _("partner"),
        "partnerRole": _("partner"),
        "endPoint": _("end point"),
        "globalTask": globale_taak,
        "globalUserTask": globale_taak,
        "globalManualTask": globale_taak,
        "globalScriptTask": globale_taak,
        "globalBusinessRuleTask": globale_taak,
        "eventDefinition": _("event definition"),
        "timerEventDefinition": _("event definition"),
        "messageEventDefinition": _("event definition"),
        "signalEventDefinition": _("event definition"),
        "errorEventDefinition": _("event definition"),
        "escalationEventDefinition": _("event definition"),
        "conditionalEventDefinition": _("event definition"),
        "linkEventDefinition": _("event definition"),
        "compensateEventDefinition": _("event definition"),
        "cancelEventDefinition": _("event definition"),
        "terminateEventDefinition": _("event definition"),
        "relationship": _("relationship"),
        "performer": _("performer"),
        "humanPerformer": _("performer"),
        "potentialOwner": _("performer"),
        "script": _("script"),
        "rendering": _("form or screen (rendering)"),
        "conditionExpression": _("condition"),
        "completionCondition": _("completion condition"),
    }


def _triggers() -> dict[str, str]:
    """What an event waits for or sends, in words (the timer is read as a waiting time)."""
    return {
        "messageEventDefinition": _("a message"),
        "signalEventDefinition": _("a signal"),
        "errorEventDefinition": _("an error"),
        "escalationEventDefinition": _("an escalation"),
        "conditionalEventDefinition": _("a condition"),
        "linkEventDefinition": _("a link"),
        "compensateEventDefinition": _("compensation"),
        "cancelEventDefinition": _("cancellation"),
        "terminateEventDefinition": _("termination"),
        "timerEventDefinition": _("a timer"),
    }


def _lokaal(tag: Any) -> str:
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def _naamruimte(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _tekst(waarde: str | None) -> str:
    return " ".join((waarde or "").split())


def _kort(tekst: str, lengte: int = 60) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _lijst(namen: Sequence[str], maximum: int = 10) -> str:
    namen = [f"“{_kort(n)}”" for n in namen]
    return ", ".join(namen[:maximum]) + (", …" if len(namen) > maximum else "")


@dataclass
class _Pool:
    """One pool of the file: a participant with its process, or a process on its own.

    ``proces`` is None for a pool drawn without content (a “black box”): only the end of message flows.
    """

    id: str
    naam: str
    proces: ET.Element | None
    nummer: int
    element: ET.Element


class _Lezer:
    """Reads the pools of a document into steps; collects what it leaves out in `overgeslagen`."""

    def __init__(self, wortel: ET.Element) -> None:
        self.wortel = wortel
        self.overgeslagen: list[str] = []
        self.opmerkingen: list[str] = []
        self.namen = _soortnamen()
        self.eigen = wortel.get("exporter") == EXPORTER
        #: Tool-specific settings ("") and attributes (by name) → the steps that had them.
        self.instellingen: dict[str, list[str]] = {}

    def meld(self, bericht: str) -> None:
        self.overgeslagen.append(bericht[:1].upper() + bericht[1:])  # many begin with an element's kind

    def soort(self, element: ET.Element) -> str:
        lokaal = _lokaal(element.tag)
        if lokaal in self.namen:
            return self.namen[lokaal]
        if _naamruimte(element.tag) != MODEL:
            return _("tool-specific element “%(naam)s”") % {"naam": _kort(lokaal, 40)}
        return _("element “%(naam)s”") % {"naam": _kort(lokaal, 40)}

    def beschrijf(self, element: ET.Element) -> str:
        """“name” (kind, id) of an element, for the report; without name or id it says so."""
        soort = self.soort(element)
        naam = _tekst(element.get("name"))
        if _lokaal(element.tag) == "textAnnotation":
            naam = _tekst(element.findtext(_m("text")))
        naam = _kort(naam)
        ident = element.get("id", "")
        if naam and ident:
            return _("%(soort)s “%(naam)s” (%(id)s)") % {"soort": soort, "naam": naam, "id": ident}
        if naam:
            return _("%(soort)s “%(naam)s”") % {"soort": soort, "naam": naam}
        if ident:
            return _("%(soort)s %(id)s") % {"soort": soort, "id": ident}
        return _("%(soort)s without a name or id") % {"soort": soort}

    def niet_gelezen(self, element: ET.Element) -> None:
        self.meld(_("Not imported: %(element)s.") % {"element": self.beschrijf(element)})

    def instellingen_melden(self) -> None:
        """Tool-specific settings and attributes, one line each (they are on many steps at once)."""
        for attribuut, stappen in sorted(self.instellingen.items()):
            stappen = list(dict.fromkeys(stappen))
            if not attribuut:
                bericht = ngettext(
                    "Not imported: the tool-specific settings of %(aantal)s step (%(stappen)s).",
                    "Not imported: the tool-specific settings of %(aantal)s steps (%(stappen)s).",
                    len(stappen),
                )
            else:
                bericht = ngettext(
                    "Not imported: the tool-specific attribute “%(attribuut)s” of %(aantal)s step "
                    "(%(stappen)s).",
                    "Not imported: the tool-specific attribute “%(attribuut)s” of %(aantal)s steps "
                    "(%(stappen)s).",
                    len(stappen),
                )
            self.meld(
                bericht % {"attribuut": attribuut, "aantal": len(stappen), "stappen": _lijst(stappen, 5)}
            )

    # --- which pools ---

    def pools_kiezen(self) -> list[_Pool]:
        """Every pool of the file: the participants in order, then processes no participant names."""
        processen = {p.get("id", ""): p for p in self.wortel.findall(_m("process"))}
        if not processen:
            raise BpmnFout(_("The file contains no process."))
        aangeroepen = {c.get("calledElement") for c in self.wortel.iter(_m("callActivity"))}
        pools: list[_Pool] = []
        gebruikt: set[str] = set()
        for collaboration in self.wortel.findall(_m("collaboration")):
            for participant in collaboration.findall(_m("participant")):
                proces = processen.get(participant.get("processRef", ""))
                if proces is not None and proces.get("id") in gebruikt:
                    self.niet_gelezen(participant)  # a second pool for a process already read
                    continue
                if proces is not None:
                    gebruikt.add(proces.get("id", ""))
                naam = _tekst(participant.get("name")) or _tekst(
                    proces.get("name") if proces is not None else ""
                )
                pools.append(_Pool(participant.get("id", ""), naam, proces, len(pools), participant))
            for kind in collaboration:
                if _lokaal(kind.tag) not in (
                    "participant",
                    "messageFlow",
                    "documentation",
                    "extensionElements",
                    "",
                ):
                    self.niet_gelezen(kind)
        for ident, proces in processen.items():
            if ident in gebruikt:
                continue
            if ident in aangeroepen:
                self.meld(
                    _("Not imported: %(element)s, which a call activity calls; the call is one step.")
                    % {"element": self.beschrijf(proces)}
                )
            elif any(_lokaal(k.tag) in STROOMKNOPEN for k in proces):
                pools.append(_Pool(ident, _tekst(proces.get("name")), proces, len(pools), proces))
        self._wortel_melden()
        return pools

    def _wortel_melden(self) -> None:
        """Definitions beside the process (messages, errors, data types, ...): reported when nothing
        in the file refers to them; otherwise they belong to what refers to them."""
        verwezen = _verwijzingen(self.wortel)
        for kind in self.wortel:
            lokaal = _lokaal(kind.tag)
            if not lokaal or lokaal in WORTEL_GELEZEN or _naamruimte(kind.tag) != MODEL:
                continue
            if kind.get("id") and kind.get("id") in verwezen:
                continue
            self.niet_gelezen(kind)

    # --- lanes ---

    def actoren(self, pools: Sequence[_Pool], graaf: _Graaf) -> dict[str, str]:
        """Flow node id → actor: its lane, qualified by its pool when several pools share a name;
        a node in no lane gets its pool's name."""
        inhoud = [p for p in pools if p.proces is not None]
        meerdere = len(inhoud) > 1
        baan_van: dict[str, tuple[_Pool, str, int]] = {}  # node → (pool, lane name, number if unnamed)
        for pool in inhoud:
            baan_van.update({k: v for k, v in _banen_van(pool).items() if graaf.pool.get(k) is pool})
        poolnaam = {p.id: _poolnaam(p, meerdere) for p in pools}
        gebruikers: dict[str, set[str]] = {}  # name key → pools using it, as lane or as pool
        for pool, naam, _nummer in baan_van.values():
            if naam:
                gebruikers.setdefault(actor_sleutel(naam), set()).add(pool.id)
        for pool in pools:
            gebruikers.setdefault(actor_sleutel(poolnaam[pool.id]), set()).add(pool.id)
        naamloos: dict[str, set[int]] = {}
        for pool, naam, nummer in baan_van.values():
            if not naam:
                naamloos.setdefault(pool.id, set()).add(nummer)
        actor = {ident: poolnaam[pool.id] for ident, pool in graaf.pool.items()}
        for ident, (pool, naam, nummer) in baan_van.items():
            if naam and meerdere and len(gebruikers[actor_sleutel(naam)]) > 1:
                naam = f"{poolnaam[pool.id]} – {naam}"
            elif not naam and pool.naam and len(naamloos[pool.id]) == 1:
                naam = pool.naam
            elif not naam and pool.naam:
                naam = _("%(pool)s, lane %(nummer)s") % {"pool": pool.naam, "nummer": nummer}
            elif not naam:
                naam = _("Lane %(nummer)s") % {"nummer": nummer}
            actor[ident] = naam[:100]
        return actor


def _poolnaam(pool: _Pool, meerdere: bool) -> str:
    """A pool's name as an actor: its own, its process's, or a stand-in."""
    if pool.naam:
        return pool.naam[:100]
    return _("Pool %(nummer)s") % {"nummer": pool.nummer + 1} if meerdere else _("Unknown")


def _banen_van(pool: _Pool) -> dict[str, tuple[_Pool, str, int]]:
    """Flow node id → (pool, name of the innermost lane listing it, its number among unnamed lanes)."""
    uit: dict[str, tuple[_Pool, str, int]] = {}
    # Breadth first over nested lane sets: an inner lane overwrites its parent's claim.
    werk: list[ET.Element] = list(pool.proces.findall(_m("laneSet")))
    naamloos = 0
    while werk:
        lane_set = werk.pop(0)
        for lane in lane_set.findall(_m("lane")):
            naam = _tekst(lane.get("name"))
            refs = lane.findall(_m("flowNodeRef"))
            nummer = 0
            if not naam and refs:
                naamloos += 1
                nummer = naamloos
            for ref in refs:
                uit[_tekst(ref.text)] = (pool, naam[:100], nummer)
            werk.extend(lane.findall(_m("childLaneSet")))
    return uit


def _verwijzingen(wortel: ET.Element) -> set[str]:
    """Every value of a reference in the document (attributes and texts of elements named …Ref)."""
    verwezen: set[str] = set()
    for element in wortel.iter():
        for sleutel, waarde in element.attrib.items():
            if sleutel.endswith("Ref") or sleutel in ("calledElement", "structureRef"):
                verwezen.update(waarde.split())
        if _lokaal(element.tag).endswith("Ref") and element.text:
            verwezen.add(element.text.strip())
    return verwezen


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
    """The flow nodes of every pool and the flows between them, in document order.

    Handover steps made from message flows are nodes too (a ``task`` element made here, see
    `_berichten_lezen`); ``na`` places them right after the node they come from.
    """

    knopen: dict[str, ET.Element]
    pool: dict[str, _Pool]  # node id → its pool
    uit: dict[str, list[ET.Element]]  # node id → its outgoing sequence flows
    grenzen: dict[str, list[ET.Element]]  # activity id → its boundary events
    binnen: dict[str, int]  # node id → number of incoming sequence flows
    ouder: dict[str, str]  # id of an element inside a sub-process → the node of the sub-process
    na: dict[str, list[str]] = field(default_factory=dict)  # node → handover steps made after it
    berichten: list[tuple[str, str, bool]] = field(default_factory=list)  # (from, to, starts a process)
    overdrachten: dict[str, list[str]] = field(default_factory=dict)  # node → what it hands over (words)
    gemaakt: set[str] = field(default_factory=set)  # handover steps made from message flows
    aangesproken: set[str] = field(default_factory=set)  # pools at either end of a message flow


def _graaf(pools: Sequence[_Pool]) -> _Graaf:
    knopen: dict[str, ET.Element] = {}
    pool_van: dict[str, _Pool] = {}
    ouder: dict[str, str] = {}
    uit: dict[str, list[ET.Element]] = {}
    for pool in (p for p in pools if p.proces is not None):
        eigen = {}
        for n, knoop in enumerate(k for k in pool.proces if _lokaal(k.tag) in STROOMKNOPEN):
            ident = knoop.get("id") or f"{pool.id}#{n}"
            if ident in knopen:
                continue  # an id used twice: the first one counts
            eigen[ident] = knopen[ident] = knoop
            pool_van[ident] = pool
            for binnen in knoop.iter():
                if binnen is not knoop and binnen.get("id"):
                    ouder.setdefault(binnen.get("id"), ident)
        for flow in pool.proces.findall(_m("sequenceFlow")):
            if flow.get("sourceRef") in eigen and flow.get("targetRef") in eigen:
                uit.setdefault(flow.get("sourceRef"), []).append(flow)
    grenzen: dict[str, list[ET.Element]] = {}
    for knoop in knopen.values():
        if _lokaal(knoop.tag) == "boundaryEvent":
            grenzen.setdefault(knoop.get("attachedToRef", ""), []).append(knoop)
    binnen: Counter[str] = Counter(f.get("targetRef") for flows in uit.values() for f in flows)
    return _Graaf(knopen, pool_van, uit, grenzen, dict(binnen), ouder)


def _uitgaand(graaf: _Graaf, knoop: ET.Element) -> list[ET.Element]:
    """Outgoing flows, the default one first (the main path)."""
    flows = list(graaf.uit.get(knoop.get("id", ""), []))
    standaard = knoop.get("default")
    flows.sort(key=lambda f: f.get("id") != standaard)
    return flows


# --- import: message flows between pools --------------------------------------------------------------


@dataclass(frozen=True)
class _Eindpunt:
    """One end of a message flow: a node (``knoop``; ``genest`` when the flow ends inside a
    sub-process) or a whole pool."""

    knoop: str | None = None
    pool: _Pool | None = None
    genest: ET.Element | None = None


def _eindpunt(graaf: _Graaf, pools: dict[str, _Pool], ref: str | None) -> _Eindpunt | None:
    ref = ref or ""
    if ref in graaf.knopen:
        return _Eindpunt(knoop=ref, pool=graaf.pool[ref])
    if ref in graaf.ouder:
        knoop = graaf.ouder[ref]
        genest = next((e for e in graaf.knopen[knoop].iter() if e.get("id") == ref), None)
        return _Eindpunt(knoop=knoop, pool=graaf.pool[knoop], genest=genest)
    if ref in pools:
        return _Eindpunt(pool=pools[ref])
    return None


def _berichten_lezen(lezer: _Lezer, pools: Sequence[_Pool], graaf: _Graaf, actoren: dict[str, str]) -> int:
    """Message flows as handovers (see the module docstring); returns how many became one."""
    per_id = {p.id: p for p in pools}
    meerdere = sum(1 for p in pools if p.proces is not None) > 1
    aantal = 0
    for flow in (f for c in lezer.wortel.findall(_m("collaboration")) for f in c.findall(_m("messageFlow"))):
        bron = _eindpunt(graaf, per_id, flow.get("sourceRef"))
        doel = _eindpunt(graaf, per_id, flow.get("targetRef"))
        if bron is None or doel is None:
            lezer.meld(
                _("Not imported: %(element)s: its sender or receiver is not in the file.")
                % {"element": lezer.beschrijf(flow)}
            )
            continue
        if bron.knoop is None and doel.knoop is None:
            lezer.meld(
                _("Not imported: %(element)s between two pools without process steps.")
                % {"element": lezer.beschrijf(flow)}
            )
            continue
        graaf.aangesproken.update({bron.pool.id, doel.pool.id})
        ontvanger = _ontvanger(bron, doel, actoren, meerdere)
        naam = _tekst(flow.get("name"))
        wat = (
            _("Message flow to %(ontvanger)s: “%(bericht)s”.") % {"ontvanger": ontvanger, "bericht": naam}
            if naam
            else _("Message flow to %(ontvanger)s.") % {"ontvanger": ontvanger}
        )
        verzender = _verzender(graaf, flow, bron, naam, ontvanger, actoren)
        graaf.overdrachten.setdefault(verzender, []).append(wat)
        if doel.knoop is not None and doel.knoop != verzender:
            start = _lokaal(graaf.knopen[doel.knoop].tag) == "startEvent"
            graaf.berichten.append((verzender, doel.knoop, start))
        aantal += 1
    return aantal


def _ontvanger(bron: _Eindpunt, doel: _Eindpunt, actoren: dict[str, str], meerdere: bool) -> str:
    """Who receives a message, in words: the other pool, or the lane within the same pool."""
    if doel.knoop is not None and (bron.pool is doel.pool or doel.pool is None):
        return actoren[doel.knoop]
    return _poolnaam(doel.pool, meerdere)


def _verzender(
    graaf: _Graaf, flow: ET.Element, bron: _Eindpunt, naam: str, ontvanger: str, actoren: dict[str, str]
) -> str:
    """The node that hands over: the sending task or event itself, or a handover step made for it."""
    if bron.knoop is not None and bron.genest is None and _lokaal(graaf.knopen[bron.knoop].tag) in VERZENDERS:
        return bron.knoop
    ident = f"{flow.get('id') or id(flow)}#overdracht"
    genest = _tekst(bron.genest.get("name")) if bron.genest is not None else ""
    element = ET.Element(
        _m("task"),
        {"id": ident, "name": naam or genest or _("Hand over to %(ontvanger)s") % {"ontvanger": ontvanger}},
    )
    graaf.knopen[ident] = element
    graaf.pool[ident] = bron.pool
    graaf.gemaakt.add(ident)
    if bron.knoop is not None:
        graaf.na.setdefault(bron.knoop, []).append(ident)
        actoren[ident] = actoren[bron.knoop]
    else:
        actoren[ident] = _poolnaam(bron.pool, True)
    return ident


# --- import: the order ----------------------------------------------------------------------------------


def _opvolgers(graaf: _Graaf, ident: str) -> list[str]:
    """A node's successors along the process: its flows (the default first), its boundary events,
    the handover steps made after it."""
    knoop = graaf.knopen[ident]
    uit = [f.get("targetRef") for f in _uitgaand(graaf, knoop)]
    uit += [g.get("id") for g in graaf.grenzen.get(ident, [])]
    return uit + graaf.na.get(ident, [])


def _starts(graaf: _Graaf, pools: Sequence[_Pool]) -> list[str]:
    """Where the paths begin, pool by pool: the start events, or (a fragment without one) every node
    nothing flows into; and the handovers a pool sends as a whole (not from one of its nodes)."""
    na = {h for hs in graaf.na.values() for h in hs}
    per_pool: dict[str, list[str]] = {}
    for ident, pool in graaf.pool.items():
        per_pool.setdefault(pool.id, []).append(ident)
    starts = []
    for pool in pools:
        eigen = per_pool.get(pool.id, [])
        begin = [i for i in eigen if _lokaal(graaf.knopen[i].tag) == "startEvent"]
        if not begin:
            begin = [i for i in eigen if not graaf.binnen.get(i) and i not in graaf.gemaakt]
            begin = [i for i in begin if _lokaal(graaf.knopen[i].tag) != "boundaryEvent"]
        starts += begin + [i for i in eigen if i in graaf.gemaakt and i not in na]
    return starts


def _volgorde(graaf: _Graaf, pools: Sequence[_Pool]) -> tuple[list[str], list[str]]:
    """Node ids in an order that respects the flow (see the module docstring): the ones reachable
    from a start, then the others."""
    volg = {ident: _opvolgers(graaf, ident) for ident in graaf.knopen}
    starts = _starts(graaf, pools)
    terug = _terugwegen(volg, [*starts, *graaf.knopen])
    dag = {u: [v for v in vs if (u, v) not in terug] for u, vs in volg.items()}
    # Messages that start another pool's process first: a reply that would close a circle is the loop.
    for u, v, _start in sorted(graaf.berichten, key=lambda b: not b[2]):
        if v not in dag[u] and not _bereikt(dag, v, u):
            dag[u].append(v)
    gezien: set[str] = set()
    bereikbaar = _diepte_eerst(dag, starts, gezien)
    rest = _diepte_eerst(
        dag, [i for i in graaf.knopen if not graaf.binnen.get(i)] + list(graaf.knopen), gezien
    )
    rang = {ident: n for n, ident in enumerate(bereikbaar + rest)}
    binnen = set(bereikbaar)
    randen = [(u, v) for u, vs in dag.items() for v in vs if u in binnen or v not in binnen]
    graad: Counter[str] = Counter(v for _u, v in randen)
    na: dict[str, list[str]] = {}
    for u, v in randen:
        na.setdefault(u, []).append(v)
    klaar = [(rang[i], i) for i in graaf.knopen if not graad[i]]
    heapq.heapify(klaar)
    volgorde = []
    while klaar:
        _rang, u = heapq.heappop(klaar)
        volgorde.append(u)
        for v in na.get(u, []):
            graad[v] -= 1
            if not graad[v]:
                heapq.heappush(klaar, (rang[v], v))
    return volgorde[: len(bereikbaar)], volgorde[len(bereikbaar) :]


def _terugwegen(volg: dict[str, list[str]], begin: Iterable[str]) -> set[tuple[str, str]]:
    """The edges that lead back onto the path, depth first from ``begin``: the loops."""
    kleur: dict[str, int] = {}  # 1: on the current path, 2: done
    terug: set[tuple[str, str]] = set()
    for b in begin:
        if b in kleur:
            continue
        kleur[b] = 1
        stapel = [(b, iter(volg[b]))]
        while stapel:
            u, opvolgers = stapel[-1]
            v = next(opvolgers, None)
            if v is None:
                kleur[u] = 2
                stapel.pop()
            elif kleur.get(v) == 1:
                terug.add((u, v))
            elif v not in kleur:
                kleur[v] = 1
                stapel.append((v, iter(volg[v])))
    return terug


def _bereikt(dag: dict[str, list[str]], van: str, naar: str) -> bool:
    gezien, werk = {van}, [van]
    while werk:
        u = werk.pop()
        if u == naar:
            return True
        for v in dag[u]:
            if v not in gezien:
                gezien.add(v)
                werk.append(v)
    return False


def _diepte_eerst(dag: dict[str, list[str]], begin: Iterable[str], gezien: set[str]) -> list[str]:
    """Node ids depth first from each of ``begin`` in turn (main path first), skipping ``gezien``."""
    volgorde = []
    for b in begin:
        stapel = [b]
        while stapel:
            u = stapel.pop()
            if u in gezien:
                continue
            gezien.add(u)
            volgorde.append(u)
            stapel.extend(reversed([v for v in dag[u] if v not in gezien]))
    return volgorde


# --- import: the steps ----------------------------------------------------------------------------------


def bpmn_importeren(data: bytes) -> ImportResultaat:
    """Read a BPMN 2.0 document into steps for a new process version (see the module's docstring).

    Raises BpmnFout for a file that is too large, not XML, hostile, not BPMN, without a process or
    without anything to import.
    """
    lezer = _Lezer(_lezen(data))
    pools = lezer.pools_kiezen()
    graaf = _graaf(pools)
    actoren = lezer.actoren(pools, graaf)
    handovers = _berichten_lezen(lezer, pools, graaf, actoren)
    for pool in pools:
        if pool.proces is not None:
            _proces_melden(lezer, pool.proces)
    bereikbaar, los = _volgorde(graaf, pools)
    ids = bereikbaar + los
    stappen_ids = [i for i in ids if _is_stap(graaf, i)]
    if len(stappen_ids) > MAX_STAPPEN:
        raise BpmnFout(
            _("The process has %(aantal)s steps; at most %(maximum)s can be imported.")
            % {"aantal": len(stappen_ids), "maximum": MAX_STAPPEN}
        )
    index = {ident: n for n, ident in enumerate(stappen_ids)}
    stappen = [_stap_lezen(lezer, graaf, ident, n, actoren[ident]) for n, ident in enumerate(stappen_ids)]
    for ident in stappen_ids:
        _tak_lezen(lezer, graaf, graaf.knopen[ident], stappen[index[ident]], index)
    _structuur_melden(lezer, graaf, ids)
    for ident in los:
        if ident in index:
            lezer.meld(
                _("“%(naam)s” is not reachable from the start: it was added at the end.")
                % {"naam": stappen[index[ident]]["naam"]}
            )
    lezer.instellingen_melden()
    _flows_melden(lezer, pools, graaf)
    if not stappen:
        raise BpmnFout(_("The file contains no process steps that can be imported."))
    _pools_melden(lezer, pools, graaf, stappen_ids, handovers)
    naam, toelichting = _naam_en_toelichting(lezer, pools, graaf, stappen_ids)
    return ImportResultaat(
        stappen=stappen,
        overgeslagen=lezer.overgeslagen,
        naam=naam[:200],
        toelichting=toelichting,
        opmerkingen=lezer.opmerkingen,
        herkomst=[i.removesuffix("#overdracht") for i in stappen_ids],
    )


def _proces_melden(lezer: _Lezer, proces: ET.Element) -> None:
    """What a process holds beside its flow nodes, lanes and flows (data, annotations, ...)."""
    verwezen = {r.get("dataObjectRef") for r in proces.findall(_m("dataObjectReference"))}
    for kind in proces:
        lokaal = _lokaal(kind.tag)
        if lokaal == "dataObject" and kind.get("id") in verwezen:
            continue  # reported through its reference, which carries the name
        if lokaal and lokaal not in STROOMKNOPEN and lokaal not in PROCES_GELEZEN:
            lezer.niet_gelezen(kind)


def _pools_melden(
    lezer: _Lezer, pools: Sequence[_Pool], graaf: _Graaf, stappen_ids: Sequence[str], handovers: int
) -> None:
    """How several pools were read (a note), and the pools that gave nothing (reported)."""
    met_stappen = {graaf.pool[i].id for i in stappen_ids}
    for pool in pools:
        if pool.id not in met_stappen and pool.naam and pool.id not in graaf.aangesproken:
            lezer.meld(
                _("Not imported: %(element)s: it holds no process steps.")
                % {"element": lezer.beschrijf(pool.element)}
            )
    inhoud = [p for p in pools if p.id in met_stappen]
    if len(inhoud) > 1:
        lezer.opmerkingen.append(
            _(
                "The %(aantal)s pools were read into one process map (%(pools)s): each pool is an "
                "actor, its lanes the actors within it."
            )
            % {"aantal": len(inhoud), "pools": _lijst([_poolnaam(p, True) for p in inhoud])}
        )
    if handovers:
        lezer.opmerkingen.append(
            ngettext(
                "%(aantal)s message flow between pools became a handover.",
                "%(aantal)s message flows between pools became handovers.",
                handovers,
            )
            % {"aantal": handovers}
        )


def _naam_en_toelichting(
    lezer: _Lezer, pools: Sequence[_Pool], graaf: _Graaf, stappen_ids: Sequence[str]
) -> tuple[str, str]:
    """One pool: its process's name (or the pool's) and documentation; several: the collaboration's."""
    ids = {graaf.pool[i].id for i in stappen_ids}
    met_stappen = [p for p in pools if p.id in ids]
    if len(met_stappen) == 1 and met_stappen[0].proces is not None:
        proces = met_stappen[0].proces
        naam = _tekst(proces.get("name")) or met_stappen[0].naam
        return naam, (proces.findtext(_m("documentation")) or "").strip()
    collaboration = lezer.wortel.find(_m("collaboration"))
    if collaboration is None:
        return _tekst(lezer.wortel.get("name")), ""
    naam = _tekst(collaboration.get("name")) or _tekst(lezer.wortel.get("name"))
    return naam, (collaboration.findtext(_m("documentation")) or "").strip()


def _ws(knoop: ET.Element) -> ET.Element | None:
    return knoop.find(f"{_m('extensionElements')}/{{{WS}}}stap")


def _is_stap(graaf: _Graaf, ident: str) -> bool:
    knoop = graaf.knopen[ident]
    lokaal = _lokaal(knoop.tag)
    if lokaal in TAKEN or lokaal == "intermediateCatchEvent" or ident in graaf.overdrachten:
        return True
    if lokaal in KEUZE_GATEWAYS:
        return not _samenvoegend(graaf, knoop)
    return False


def _samenvoegend(graaf: _Graaf, knoop: ET.Element) -> bool:
    """A gateway that only joins paths (one way out, several in): structure, not a decision."""
    if _ws(knoop) is not None:
        return False
    uit = len(graaf.uit.get(knoop.get("id", ""), []))
    return uit <= 1 and graaf.binnen.get(knoop.get("id", ""), 0) > 1


def _structuur_melden(lezer: _Lezer, graaf: _Graaf, ids: Sequence[str]) -> None:
    """The nodes that are no step: gateways and events that are structure, and the names of the
    start and end events (for another tool's file)."""
    randen = []
    for ident in ids:
        knoop = graaf.knopen[ident]
        lokaal = _lokaal(knoop.tag)
        if _is_stap(graaf, ident):
            continue
        if lokaal in STILLE_STRUCTUUR:
            if _tekst(knoop.get("name")):
                randen.append(_tekst(knoop.get("name")))
            continue
        melding = _structuur_melding(lezer, graaf, knoop)
        if melding:
            lezer.meld(melding)
    randen = list(dict.fromkeys(randen))
    if randen and not lezer.eigen:
        lezer.meld(
            ngettext(
                "Not imported: the name of a start or end event (%(namen)s); a process map begins "
                "and ends without events.",
                "Not imported: the names of start and end events (%(namen)s); a process map begins "
                "and ends without events.",
                len(randen),
            )
            % {"namen": _lijst(randen)}
        )


def _structuur_melding(lezer: _Lezer, graaf: _Graaf, knoop: ET.Element) -> str | None:
    lokaal = _lokaal(knoop.tag)
    element = lezer.beschrijf(knoop)
    if lokaal == "parallelGateway":
        return _("Not imported: %(element)s; parallel paths were read one after the other.") % {
            "element": element
        }
    if lokaal in KEUZE_GATEWAYS:
        if not _tekst(knoop.get("name")):
            return None  # a join without a name says nothing the order does not
        return _("Not imported: %(element)s, which only joins paths.") % {"element": element}
    if lokaal == "boundaryEvent":
        ref = knoop.get("attachedToRef", "")
        doel = graaf.knopen.get(ref)
        if doel is None:
            return _(
                "Not imported: %(element)s. It is attached to “%(ref)s”, which is not in the file; "
                "the path after it was added at the end."
            ) % {"element": element, "ref": ref or "?"}
        return _("Not imported: %(element)s on “%(taak)s”; the path after it was read after that step.") % {
            "element": element,
            "taak": _tekst(doel.get("name")) or ref,
        }
    return _("Not imported: %(element)s.") % {"element": element}


def _stap_lezen(lezer: _Lezer, graaf: _Graaf, ident: str, n: int, actor: str) -> dict[str, Any]:
    """One step from a flow node: our extension restores every field; otherwise sensible defaults."""
    knoop = graaf.knopen[ident]
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
    if ident in graaf.overdrachten:
        _overdracht(stap, graaf.overdrachten[ident], eigen=ws is not None)
    if lokaal in SUBPROCESSEN:
        _subproces_melden(lezer, knoop)
    if ident not in graaf.gemaakt:
        _inhoud_melden(lezer, knoop, stap["naam"], overdracht=ident in graaf.overdrachten)
    return stap


def _overdracht(stap: dict[str, Any], wat: list[str], *, eigen: bool) -> None:
    """A step that sends a message to another pool: a handover, whose description says to whom."""
    if not eigen:
        stap["soort"] = StapSoort.OVERDRACHT
    stap["omschrijving"] = "\n\n".join(filter(None, [stap["omschrijving"], "\n".join(wat)]))


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
        triggers = _triggers()
        wat = [triggers.get(_lokaal(k.tag)) for k in knoop if _lokaal(k.tag).endswith("EventDefinition")]
        lezer.meld(
            _("%(element)s waits for %(wat)s; it was imported as a wait.")
            % {
                "element": beschrijving,
                "wat": ", ".join(w for w in wat if w) or _("something other than time"),
            }
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
    inhoud = [
        k for k in inhoud if _naamruimte(k.tag) == MODEL and _lokaal(k.tag) not in LUSSEN | {"sequenceFlow"}
    ]
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
            "namen": f" ({_lijst(namen)})" if namen else "",
        }
    )


def _inhoud_melden(lezer: _Lezer, knoop: ET.Element, naam: str, *, overdracht: bool) -> None:
    """What a node holds beyond its name, flows and our extension: tool settings, data, loops."""
    lokaal = _lokaal(knoop.tag)
    extra = []
    triggers = _triggers()
    for kind in knoop:
        kind_lokaal = _lokaal(kind.tag)
        if not kind_lokaal or kind_lokaal in ("documentation", "incoming", "outgoing"):
            continue
        if kind_lokaal == "extensionElements":
            if any(_naamruimte(e.tag) != WS for e in kind):
                lezer.instellingen.setdefault("", []).append(naam)
        elif lokaal in SUBPROCESSEN and _naamruimte(kind.tag) == MODEL and kind_lokaal not in LUSSEN:
            continue  # reported with the sub-process
        elif kind_lokaal.endswith("EventDefinition"):
            # A timer is the waiting time, a catch event's trigger is reported with the wait, and a
            # message that is handed over is the handover.
            skip = kind_lokaal == "timerEventDefinition" or lokaal == "intermediateCatchEvent"
            if not (skip or (overdracht and kind_lokaal == "messageEventDefinition")):
                extra.append(_("what it sends (%(wat)s)") % {"wat": triggers.get(kind_lokaal, kind_lokaal)})
        elif kind_lokaal in LUSSEN:
            extra.append(_("repetition (loop or multi-instance)"))
        elif kind_lokaal in ("dataInputAssociation", "dataOutputAssociation"):
            extra.append(_("data association"))
        else:
            extra.append(lezer.soort(kind))
    for attribuut in sorted(
        {a.split("}", 1)[-1] for a in knoop.attrib if a.startswith("{") and _naamruimte(a) != WS}
    ):
        lezer.instellingen.setdefault(attribuut, []).append(naam)
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
    """A decision's way on is the path to the step after it; its first other path becomes its
    branch; further paths are reported."""
    if stap["soort"] != StapSoort.BESLISSING:
        return
    eigen = index[knoop.get("id", "")]
    paden = [(flow, _eerste_stap(graaf, flow.get("targetRef"), index)) for flow in _uitgaand(graaf, knoop)]
    verder = next(
        (p for p in paden if p[1] is not None and index[p[1]] == eigen + 1), paden[0] if paden else None
    )
    ws = _ws(knoop)
    overige = [p for p in paden if p is not verder]
    for n, (flow, doel) in enumerate(overige):
        label = _tekst(flow.get("name"))
        if n == 0 and doel is not None and index[doel] != eigen:
            stap["vertakking_naar_index"] = index[doel]
            eigen_label = ws.get("vertakkingLabel") if ws is not None else None
            stap["vertakking_label"] = (label if eigen_label is None else _tekst(eigen_label))[:100]
            continue
        lezer.meld(
            _("Decision “%(naam)s”: the path %(label)sto %(doel)s was not kept (a decision has one branch).")
            % {
                "naam": stap["naam"],
                "label": f"“{label}” " if label else "",
                "doel": lezer.beschrijf(graaf.knopen[flow.get("targetRef")]),
            }
        )


def _flows_melden(lezer: _Lezer, pools: Sequence[_Pool], graaf: _Graaf) -> None:
    """Conditions on flows (other than the flow's name in words) are execution details: counted; a
    flow that does not join two nodes is reported."""
    flows = [f for p in pools if p.proces is not None for f in p.proces.findall(_m("sequenceFlow"))]
    voorwaarden = 0
    for flow in flows:
        voorwaarde = flow.find(_m("conditionExpression"))
        if voorwaarde is not None and _tekst(voorwaarde.text) not in ("", _tekst(flow.get("name"))):
            voorwaarden += 1
    if voorwaarden:
        lezer.meld(
            ngettext(
                "%(aantal)s condition on a sequence flow (an execution detail) was not imported.",
                "%(aantal)s conditions on sequence flows (execution details) were not imported.",
                voorwaarden,
            )
            % {"aantal": voorwaarden}
        )
    for flow in flows:
        if flow.get("sourceRef") not in graaf.knopen or flow.get("targetRef") not in graaf.knopen:
            lezer.meld(
                _("Not imported: %(element)s, which does not join two steps.")
                % {"element": lezer.beschrijf(flow)}
            )
