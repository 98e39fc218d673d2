"""Exports checked by the tools other people use: bpmnlint (recommended rules) and bpmn-moddle.

Representative process versions (decisions branching forward, back and to the next step, loops,
waits, handovers, many lanes, empty names, special characters, an empty version) are exported to
files, and the real tools from ``node_modules`` (``make node-deps``) read them all in one run each:
``bpmnlint --max-warnings=0`` must report no error and no warning, and ``moddle_check.mjs`` (bpmn-moddle,
the parser of bpmn.io) no warning. Without ``node_modules`` the tool tests are skipped locally and fail
when the environment variable ``CI`` is set. The same versions also pass the OMG schema and round-trip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.bpmn.factories import ProcesVersieFactory, groot_proces, voorbeeldproces
from tests.bpmn.test_bpmn import VELDEN, _opnieuw_importeren, _vergelijkbaar, structuur_fouten
from trajecten.bpmn import bpmn_exporteren, bpmn_importeren
from trajecten.choices import Kanaal, Lean, StapSoort, TijdEenheid, Verspilling
from trajecten.models import ProcesStap

HIER = Path(__file__).parent
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
BPMNLINT = NODE_MODULES / ".bin" / "bpmnlint"


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


def _node_tools() -> str:
    """The node binary, once the project's tools are installed; else skip (or fail in CI)."""
    node = shutil.which("node")
    if node and BPMNLINT.exists() and (NODE_MODULES / "bpmn-moddle").is_dir():
        return node
    bericht = "node_modules is missing: `make node-deps` (npm ci) installs bpmnlint and bpmn-moddle"
    if os.environ.get("CI"):
        pytest.fail(bericht)
    pytest.skip(bericht)


def _stappen(versie, rijen: list[tuple], takken: dict[int, tuple[int, str]]) -> list[ProcesStap]:
    """Steps (name, actor, kind) written directly, with branches {decision: (target, label)}."""
    stappen = [
        ProcesStap.objects.create(
            versie=versie,
            volgorde=n,
            naam=naam,
            actor=actor,
            soort=soort,
            kanaal=Kanaal.INTERN,
            bewerkingstijd=Decimal(10),
            bewerkingstijd_eenheid=TijdEenheid.MINUTEN,
            wachttijd=Decimal(n % 3),
            wachttijd_eenheid=TijdEenheid.DAGEN,
            lean=Lean.NODIG,
        )
        for n, (naam, actor, soort) in enumerate(rijen, 1)
    ]
    for van, (naar, label) in takken.items():
        stappen[van].vertakking_naar, stappen[van].vertakking_label = stappen[naar], label
        stappen[van].save()
    return stappen


A, B, W, H = StapSoort.ACTIE, StapSoort.BESLISSING, StapSoort.WACHTEN, StapSoort.OVERDRACHT


def _lussen(versie) -> None:
    """A loop back to the first step, a branch to the very next step, decisions into decisions, two
    branches into one step, a decision without a branch, and a decision as the last step."""
    _stappen(
        versie,
        [
            ("Melding ontvangen", "KCC", A),
            ("Compleet?", "KCC", B),
            ("Urgent?", "Behandelaar", B),
            ("Spoed behandelen", "Behandelaar", A),
            ("Wachten op monteur", "Aannemer", W),
            ("Doorsturen", "Aannemer", H),
            ("Nog iets?", "Behandelaar", B),
            ("Afronden", "Behandelaar", A),
            ("Tevreden?", "KCC", B),
        ],
        {1: (0, "nee"), 2: (3, "ja"), 6: (3, ""), 8: (0, "nee, opnieuw")},
    )


def _lege_namen(versie) -> None:
    versie.naam = ""
    versie.save()
    _stappen(versie, [("", "", A), ("", "KCC", B), ("   ", "KCC", W)], {1: (0, "")})


def _bijzondere_tekens(versie) -> None:
    lang = "Beoordelen of de aanvraag " + "heel " * 40 + "volledig is"
    stappen = _stappen(
        versie,
        [
            ('Aanvraag "spoed" <direct> & snel', "Team <A&B> “Zuid”", A),
            (lang[:200], "Ωmega — ‮rechts-naar-links‬ 🚲", B),
            ("Crème brûlée; ‘quotes’ en \\backslash\\", "Team <A&B> “Zuid”", A),
        ],
        {1: (0, "ja & <nee>")},
    )
    ProcesStap.objects.filter(pk=stappen[0].pk).update(
        omschrijving="Regel 1\nRegel 2 met <b>html</b> & ]]> en \t tab",
        lean=Lean.VERSPILLING,
        verspilling=Verspilling.WACHTEN,
    )


VERSIES = {
    "voorbeeld": voorbeeldproces,
    "lussen": _lussen,
    "acht-banen": lambda versie: groot_proces(versie, 60, banen=8),
    "lege-namen": _lege_namen,
    "bijzondere-tekens": _bijzondere_tekens,
    "een-stap": lambda versie: _stappen(versie, [("Alleen deze", "KCC", A)], {}),
    "leeg": lambda versie: None,
}


@pytest.fixture
def exports(traject, tmp_path) -> dict[str, Path]:
    """Every representative version exported to a file, by name."""
    bestanden = {}
    for naam, vullen in VERSIES.items():
        versie = ProcesVersieFactory(traject=traject, naam=f"Versie {naam}")
        vullen(versie)
        bestand = tmp_path / f"{naam}.bpmn"
        bestand.write_bytes(bpmn_exporteren(versie=versie, stappen=list(versie.stappen.order_by("volgorde"))))
        bestanden[naam] = bestand
    return bestanden


def test_bpmnlint_finds_no_error_or_warning_in_any_export(exports):
    _node_tools()
    uitvoer = subprocess.run(
        [
            str(BPMNLINT),
            "--config",
            str(HIER / ".bpmnlintrc"),
            "--max-warnings=0",
            *map(str, exports.values()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr


def test_bpmnlint_does_find_the_problems_of_a_bad_file(tmp_path):
    """The check is real: a decision without condition or default and unnamed events are reported."""
    _node_tools()
    slecht = tmp_path / "slecht.bpmn"
    slecht.write_text(
        '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'id="D" targetNamespace="x"><bpmn:process id="P"><bpmn:startEvent id="S"/>'
        '<bpmn:exclusiveGateway id="G" name="?"/><bpmn:endEvent id="E1" name="a"/>'
        '<bpmn:endEvent id="E2" name="b"/><bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G"/>'
        '<bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="E1"/>'
        '<bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E2"/></bpmn:process></bpmn:definitions>'
    )
    uitvoer = subprocess.run(
        [str(BPMNLINT), "--config", str(HIER / ".bpmnlintrc"), str(slecht)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uitvoer.returncode == 1
    assert "label-required" in uitvoer.stdout and "no-bpmndi" in uitvoer.stdout


def test_bpmn_moddle_reads_every_export_without_warnings(exports):
    node = _node_tools()
    uitvoer = subprocess.run(
        [node, str(HIER / "moddle_check.mjs"), *map(str, exports.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=settings.BASE_DIR,
    )
    resultaten = [json.loads(regel) for regel in uitvoer.stdout.splitlines()]
    assert [r["file"] for r in resultaten] == [str(p) for p in exports.values()], uitvoer.stderr
    assert [r for r in resultaten if r["warnings"] or r["error"]] == []
    assert uitvoer.returncode == 0


def test_every_export_is_valid_against_the_bpmn_20_schema_and_structurally_sound(exports):
    etree = pytest.importorskip("lxml.etree")
    spiff = pytest.importorskip("SpiffWorkflow")
    xsd = Path(spiff.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    for naam, bestand in exports.items():
        data = bestand.read_bytes()
        document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        assert schema.validate(document), (naam, schema.error_log)
        assert structuur_fouten(data) == [], naam


@pytest.mark.parametrize("naam", [n for n in VERSIES if n not in ("lege-namen", "leeg")])
def test_every_representative_export_imports_back_to_the_same_steps(traject, naam):
    versie = ProcesVersieFactory(traject=traject, naam=f"Versie {naam}")
    VERSIES[naam](versie)
    resultaat, nieuw = _opnieuw_importeren(versie, bpmn_exporteren(versie=versie))
    assert resultaat.overgeslagen == [] and resultaat.opmerkingen == []
    assert _vergelijkbaar(nieuw) == _vergelijkbaar(versie)


def test_an_export_with_empty_names_imports_with_names_to_show(traject):
    versie = ProcesVersieFactory(traject=traject)
    _lege_namen(versie)
    resultaat = bpmn_importeren(bpmn_exporteren(versie=versie))
    assert [(s["naam"], s["actor"], s["soort"]) for s in resultaat.stappen] == [
        ("Step 1", "Unknown", StapSoort.ACTIE),
        ("Step 2", "KCC", StapSoort.BESLISSING),
        ("Step 3", "KCC", StapSoort.WACHTEN),
    ]
    assert resultaat.stappen[1]["vertakking_naar_index"] == 0
    assert resultaat.stappen[1]["vertakking_label"] == ""  # “Otherwise” is only the flow's name in BPMN
    assert set(VELDEN) <= set(resultaat.stappen[0])
