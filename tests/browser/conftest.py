"""Browser tests: Playwright (pytest-playwright) driving Debian's Chromium headless against `live_server`.

- Chromium comes from Debian (`apt-get install chromium`); `playwright install` is never used. Without
  the binary the browser tests are skipped, except in CI (`CI=true`), where they fail: CI must run them.
- `pagina` is pytest-playwright's `page` (1280×900, Dutch) that records console errors, failed page
  scripts and CSP violations; `controleer_pagina(pagina, naam)` runs axe-core on the current page and
  fails on a serious or critical violation or on anything the console reported so far.
- `WASSTRAAT_SCREENSHOTS=<dir>` makes the tests save PNG screenshots there (e.g. docs/screenshots).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would then refuse ORM calls made by
# the test itself. `make test` sets this too; a plain `pytest tests/browser` needs it here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = ("serious", "critical")
DUBBELE_IDS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}"""


def chromium_pad() -> str | None:
    """Debian's Chromium binary, or None when it is not installed."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """In CI a missing Chromium is an error, not a reason to skip (the root conftest skips)."""
    if item.get_closest_marker("browser") and chromium_pad() is None and os.environ.get("CI") == "true":
        pytest.fail(
            f"CI=true but Chromium is missing ({CHROMIUM}); install it with `apt-get install chromium`. "
            "The browser tests must run in CI.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    pad = chromium_pad()
    if pad is None:
        pytest.skip("needs Chromium (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": pad, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "viewport": VIEWPORT,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
    }


@pytest.fixture(scope="session")
def axe_bron() -> str:
    """The source of axe-core, as shipped by the axe-playwright-python package."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture
def pagina(page):
    """pytest-playwright's `page`, collecting console errors (CSP violations among them) in `page.fouten`."""
    fouten: list[str] = []

    def bij_console(bericht) -> None:
        if bericht.type == "error":
            fouten.append(f"console: {bericht.text} ({page.url})")

    page.on("console", bij_console)
    page.on("pageerror", lambda fout: fouten.append(f"page error: {fout} ({page.url})"))
    page.fouten = fouten
    page.set_default_timeout(10_000)
    return page


def _ernstige_schendingen(resultaat: dict) -> list[dict]:
    return [v for v in resultaat["violations"] if v.get("impact") in ERNSTIG]


def _beschrijf(schendingen: list[dict]) -> str:
    regels = []
    for schending in schendingen:
        doelen = [json.dumps(knoop["target"]) for knoop in schending["nodes"][:10]]
        regels.append(f"- {schending['id']} ({schending['impact']}): {schending['help']}")
        regels.extend(f"    {doel}" for doel in doelen)
    return "\n".join(regels)


@pytest.fixture
def controleer_pagina(axe_bron: str) -> Callable:
    """Check the page now shown: axe-core (WCAG 2.1 A/AA) and the console."""
    bezocht: list[str] = []

    def controleer(page, naam: str) -> None:
        page.wait_for_load_state("load")
        # `evaluate` is not subject to the page's CSP; an injected <script> would be (and rightly so).
        page.evaluate(axe_bron)
        resultaat = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        ernstig = _ernstige_schendingen(resultaat)
        assert not ernstig, f"axe on the {naam} page ({page.url}):\n{_beschrijf(ernstig)}"
        # What axe (since WCAG 2.2 dropped 4.1.1) no longer checks, and the house style's one h1.
        dubbel = page.evaluate(DUBBELE_IDS)
        assert not dubbel, f"duplicate ids on the {naam} page ({page.url}): {dubbel}"
        assert page.locator("h1").count() == 1, f"the {naam} page ({page.url}) needs exactly one h1"
        assert not page.fouten, f"console errors up to the {naam} page:\n" + "\n".join(page.fouten)
        bezocht.append(naam)

    controleer.bezocht = bezocht
    return controleer


@pytest.fixture
def schermafdruk() -> Callable:
    """Save a PNG of the viewport as `<name>.png` when WASSTRAAT_SCREENSHOTS names a directory.

    Call it last on a page: it takes the focus away and scrolls to the top.
    """
    map_ = os.environ.get("WASSTRAAT_SCREENSHOTS")

    def maak(page, naam: str, vanaf: str | None = None) -> None:
        """`vanaf`: a selector to show at the top of the screenshot instead of the top of the page."""
        if not map_:
            return
        Path(map_).mkdir(parents=True, exist_ok=True)
        # The top of the page, without a focus ring left by the test: as a reader first sees it.
        page.evaluate(
            "(s) => { document.activeElement.blur(); const e = s && document.querySelector(s);"
            " window.scrollTo({top: e ? e.getBoundingClientRect().top + window.scrollY - 16 : 0,"
            " behavior: 'instant'}); }",
            vanaf,
        )
        page.screenshot(path=str(Path(map_) / f"{naam}.png"))

    return maak
