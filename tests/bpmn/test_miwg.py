"""Real collaborations exported by other tools (the OMG BPMN MIWG test suite, see fixtures/miwg/README.md).

Each file is imported and checked against the file itself, read here independently of the importer:
every task is a step (or, inside a sub-process, reported with it), every pool and every named lane is
an actor, every message flow is a handover, and no step comes before a step that leads to it (loops
aside).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import translation

from trajecten.bpmn import MODEL, bpmn_importeren
from trajecten.choices import StapSoort

MIWG = Path(__file__).parent / "fixtures" / "miwg"
BESTANDEN = sorted(p.name for p in MIWG.glob("*.bpmn"))
B = f"{{{MODEL}}}"
TAKEN = {"task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask", "subProcess"}


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


def _lokaal(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _naam(element) -> str:
    return " ".join((element.get("name") or "").split())


class Bestand:
    """What the file holds, read without the importer: pools, lanes, tasks, flows, messages."""

    def __init__(self, naam: str) -> None:
        self.wortel = fromstring((MIWG / naam).read_bytes())
        self.processen = self.wortel.findall(f"{B}process")
        self.pools = self.wortel.findall(f"{B}collaboration/{B}participant")
        self.berichten = self.wortel.findall(f"{B}collaboration/{B}messageFlow")
        self.boven = {k.get("id"): k for p in self.processen for k in p if k.get("id")}  # top-level
        self.ouder = {
            e.get("id"): knoop_id
            for knoop_id, knoop in self.boven.items()
            for e in knoop.iter()
            if e is not knoop and e.get("id")
        }

    def taken(self) -> list:
        return [e for p in self.processen for e in p.iter() if _lokaal(e) in TAKEN]

    def lanes(self) -> list[str]:
        return [_naam(lane) for p in self.processen for lane in p.iter(f"{B}lane") if _naam(lane)]

    def paden(self) -> dict[str, set[str]]:
        """Top-level node → its successors: sequence flows, boundary events, message flows."""
        uit: dict[str, set[str]] = {i: set() for i in self.boven}
        for proces in self.processen:
            for flow in proces.findall(f"{B}sequenceFlow"):
                uit[flow.get("sourceRef")].add(flow.get("targetRef"))
            for grens in proces.findall(f"{B}boundaryEvent"):
                uit[grens.get("attachedToRef")].add(grens.get("id"))
        for bericht in self.berichten:
            bron, doel = (self.ouder.get(r, r) for r in (bericht.get("sourceRef"), bericht.get("targetRef")))
            if bericht.get("sourceRef") in self.ouder:  # sent from inside a sub-process: a handover step
                uit[bron].add(bericht.get("id"))
                uit[bericht.get("id")] = {doel}
            else:
                uit[bron].add(doel)
        return uit


def _bereikbaar(uit: dict[str, set[str]], van: str) -> set[str]:
    gezien, werk = set(), [van]
    while werk:
        for volgende in uit.get(werk.pop(), ()):
            if volgende not in gezien:
                gezien.add(volgende)
                werk.append(volgende)
    return gezien


@pytest.mark.parametrize("naam", BESTANDEN)
def test_every_task_is_a_step_or_reported_with_its_sub_process(naam):
    bestand = Bestand(naam)
    resultaat = bpmn_importeren((MIWG / naam).read_bytes())
    gemeld = "\n".join(resultaat.overgeslagen)
    for taak in bestand.taken():
        if taak.get("id") in bestand.boven:
            assert taak.get("id") in resultaat.herkomst, _naam(taak)
        else:
            assert f"“{_naam(taak)}”" in gemeld, _naam(taak)  # listed with the sub-process it is in


@pytest.mark.parametrize("naam", BESTANDEN)
def test_every_pool_and_every_named_lane_is_an_actor(naam):
    bestand = Bestand(naam)
    resultaat = bpmn_importeren((MIWG / naam).read_bytes())
    actoren = {s["actor"] for s in resultaat.stappen}
    for pool in bestand.pools:
        assert _naam(pool) in resultaat.opmerkingen[0]
    for lane in bestand.lanes():
        assert any(actor == lane or actor.endswith(f" – {lane}") for actor in actoren), lane
    assert len(bestand.pools) > 1 and f"The {len(bestand.pools)} pools were read" in resultaat.opmerkingen[0]


@pytest.mark.parametrize("naam", BESTANDEN)
def test_every_message_flow_is_a_handover(naam):
    bestand = Bestand(naam)
    resultaat = bpmn_importeren((MIWG / naam).read_bytes())
    soort = dict(zip(resultaat.herkomst, (s["soort"] for s in resultaat.stappen), strict=True))
    for bericht in bestand.berichten:
        bron = bericht.get("sourceRef")
        verzender = bron if bron in bestand.boven and _lokaal(bestand.boven[bron]) != "startEvent" else None
        assert (
            soort.get(verzender) == StapSoort.OVERDRACHT
            or soort.get(bericht.get("id")) == StapSoort.OVERDRACHT
        )
    assert (
        resultaat.opmerkingen[1] == f"{len(bestand.berichten)} message flows between pools became handovers."
    )


def _volgende_stappen(uit: dict[str, set[str]], van: str, stappen: set[str]) -> set[str]:
    """The steps a step leads to directly: through gateways and events, not through other steps."""
    gezien, werk, gevonden = set(), [van], set()
    while werk:
        for volgende in uit.get(werk.pop(), ()):
            if volgende in gezien:
                continue
            gezien.add(volgende)
            if volgende in stappen:
                gevonden.add(volgende)
            else:
                werk.append(volgende)
    return gevonden


@pytest.mark.parametrize("naam", BESTANDEN)
def test_no_step_comes_before_a_step_that_leads_to_it_loops_aside(naam):
    uit = Bestand(naam).paden()
    resultaat = bpmn_importeren((MIWG / naam).read_bytes())
    plek = {ident: n for n, ident in enumerate(resultaat.herkomst)}
    achter = {ident: _bereikbaar(uit, ident) for ident in plek}
    in_lus = {ident for ident in plek if ident in achter[ident]}
    namen = [s["naam"] for s in resultaat.stappen]
    for a in plek:
        # A flow from one step to the next goes forward, unless it closes a loop.
        for b in _volgende_stappen(uit, a, set(plek)):
            if a not in achter[b]:
                assert plek[a] < plek[b], (namen[plek[a]], namen[plek[b]])
        # Two steps on no loop keep the order of the flow, however far apart.
        for b in (achter[a] & plek.keys()) - in_lus:
            if a not in in_lus:
                assert plek[a] < plek[b], (namen[plek[a]], namen[plek[b]])


def test_the_camunda_invoice_collaboration_in_order_with_its_lanes_and_handovers():
    resultaat = bpmn_importeren((MIWG / "C.1.0-camunda-modeler-5.23.bpmn").read_bytes())
    assert [(s["naam"], s["actor"], s["soort"]) for s in resultaat.stappen] == [
        ("Scan Invoice", "Team-Assistant", StapSoort.OVERDRACHT),
        ("Archive Original", "Team-Assistant", StapSoort.ACTIE),
        ("Assign Approver", "Team Assistant", StapSoort.OVERDRACHT),
        ("Approver to be assigned", "Team-Assistant", StapSoort.WACHTEN),
        ("Assign approver", "Team-Assistant", StapSoort.OVERDRACHT),
        ("Unnamed step 6", "Team-Assistant", StapSoort.BESLISSING),  # the event-based gateway
        ("7 Days", "Team-Assistant", StapSoort.WACHTEN),
        ("Approve Invoice", "Approver", StapSoort.ACTIE),
        ("Invoice approved?", "Approver", StapSoort.BESLISSING),
        ("Prepare Bank Transfer", "Accountant", StapSoort.ACTIE),
        ("Archive Invoice", "Accountant", StapSoort.ACTIE),
        ("Rechnung klÃƒÂ¤ren", "Team Assistant", StapSoort.OVERDRACHT),  # the file's own spelling
        ("Invoice Review Needed", "Team-Assistant", StapSoort.WACHTEN),
        ("Review and Document Result", "Team-Assistant", StapSoort.OVERDRACHT),
        ("Review successful?", "Team Assistant", StapSoort.BESLISSING),
    ]
    beslissingen = {
        s["naam"]: (s.get("vertakking_naar_index"), s["vertakking_label"]) for s in resultaat.stappen
    }
    assert beslissingen["Invoice approved?"] == (11, "no")
    assert beslissingen["Review successful?"] == (7, "yes")  # the loop back to the approval
    assert resultaat.stappen[0]["omschrijving"] == "Message flow to Process Engine - Invoice Receipt."


def test_signavio_unnamed_lanes_are_named_after_their_pool_and_a_loop_is_kept():
    resultaat = bpmn_importeren((MIWG / "C.2.0-signavio-process-manager-19.9.bpmn").read_bytes())
    actoren = [s["actor"] for s in resultaat.stappen]
    assert list(dict.fromkeys(actoren)) == [
        "Customer",
        "Credit Card Company",
        "Picker",
        "Packager",
        "Carrier",
    ]
    assert not any("Lane" in actor for actor in actoren)
    namen = [s["naam"] for s in resultaat.stappen]
    assert namen[:4] == ["Browse Products on Amazon", "Add Item to Cart", "Done Shopping?", "Checkout"]
    winkelen = resultaat.stappen[2]
    assert (winkelen["vertakking_naar_index"], winkelen["vertakking_label"]) == (0, "No")
    # A message from inside the sub-process becomes a handover step right after it.
    assert namen[4] == "Send Credit Card Information"
    assert resultaat.stappen[4]["soort"] == StapSoort.OVERDRACHT
    assert "Hand over to Amazon" in namen
    assert namen[-1] == "Receive items"  # only once the carrier has delivered
    gemeld = "\n".join(resultaat.overgeslagen)
    assert "boundary event sid-5DF6D7CF-6C01-43BA-A9E4-4D81F24B043C on “Checkout”" in gemeld
    assert "tool-specific settings of 13 steps" in gemeld


def test_trisotech_pools_without_lanes_and_a_default_namespace_of_its_own():
    resultaat = bpmn_importeren((MIWG / "C.2.0-trisotech-workflow-modeler-12.13.bpmn").read_bytes())
    assert resultaat.naam == "Drawing 1"
    assert {s["actor"] for s in resultaat.stappen} == {
        "Customer",
        "Credit Card Company",
        "Picker",
        "Packager",
        "Carrier",
    }
    assert "Send Order" in [s["naam"] for s in resultaat.stappen]  # the throw event inside the checkout


def test_the_messages_are_dutch_for_a_dutch_user():
    with translation.override("nl"):
        resultaat = bpmn_importeren((MIWG / "C.2.0-trisotech-workflow-modeler-12.13.bpmn").read_bytes())
    gemeld = "\n".join(resultaat.overgeslagen + resultaat.opmerkingen)
    for woord in ("Deelproces “Checkout”", "randgebeurtenis", "berichtenstromen", "pools"):
        assert woord in gemeld, woord
    for engels in ("subProcess", "boundaryEvent", "messageFlow", "Not imported"):
        assert engels not in gemeld, engels
