"""End to end in Chromium: a projectleider defines a KPI from an example and enters a measurement
(htmx, no reload); the proceseigenaar approves the KPI's and step 2's condition is met.

Every page is checked with axe-core (no serious or critical WCAG 2.1 A/AA violation), for duplicate
ids, one h1, and console errors (a CSP violation is one), with the fixtures of tests/browser.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import (  # noqa: F401  fixtures, shared with the other browser tests
    axe_bron,
    browser_context_args,
    browser_type_launch_args,
    controleer_pagina,
    pagina,
)
from tests.factories import WACHTWOORD, zet_stappen
from trajecten.choices import Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Kpi, KpiMeting

pytestmark = pytest.mark.browser


@pytest.fixture
def stap2(transactional_db, maak_traject):
    traject = maak_traject(titel="Sneller een omgevingsvergunning")
    return zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S2: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )


def _inloggen(page: Page, live_server, gebruikersnaam: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", gebruikersnaam)
    page.fill("#id_password", WACHTWOORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + reverse("trajecten:lijst"))


def test_define_measure_and_approve_a_kpi(pagina: Page, live_server, stap2, controleer_pagina):  # noqa: F811
    traject = stap2
    _inloggen(pagina, live_server, "projectleider_gebruiker")
    pagina.goto(live_server.url + reverse("trajecten:kpis", args=[traject.pk]))
    controleer_pagina(pagina, "KPI list (empty)")

    pagina.locator(f"main a[href='{reverse('trajecten:kpi_nieuw', args=[traject.pk])}']").click()
    controleer_pagina(pagina, "new KPI form")
    pagina.locator("main a[href='?voorbeeld=doorlooptijd']").click()
    expect(pagina.locator("#id_naam")).to_have_value("Gemiddelde doorlooptijd")
    controleer_pagina(pagina, "new KPI form with an example")
    pagina.fill("#id_naam", "Doorlooptijd omgevingsvergunning")
    pagina.fill("#id_nulmeting", "56")
    pagina.fill("#id_nulmeting_datum", (timezone.localdate() - dt.timedelta(days=90)).isoformat())
    pagina.fill("#id_streefwaarde", "28,5")
    pagina.locator("main form button[type=submit]").click()
    kpi = Kpi.objects.get()
    expect(pagina).to_have_url(live_server.url + kpi.get_absolute_url())
    assert kpi.streefwaarde == 28.5
    controleer_pagina(pagina, "KPI")

    # A measurement through htmx: the section is swapped, the page is not reloaded.
    pagina.evaluate("() => { window.nietHerladen = true; }")
    pagina.fill("#id_datum", (timezone.localdate() - dt.timedelta(days=2)).isoformat())
    pagina.fill("#id_waarde", "41,5")
    pagina.locator("#kpi-metingen form button[type=submit]").click()
    expect(pagina.locator("#kpi-metingen table tbody")).to_contain_text("41,5")
    assert pagina.evaluate("() => window.nietHerladen === true"), "the page was reloaded"
    assert KpiMeting.objects.get().waarde == 41.5
    expect(pagina.locator("#kpi-metingen svg circle")).to_have_count(1)
    controleer_pagina(pagina, "KPI after a measurement")

    # A bad value comes back at its field, in the swapped section.
    pagina.fill("#id_waarde", "veertig")
    pagina.locator("#kpi-metingen form button[type=submit]").click()
    expect(pagina.locator("#id_waarde")).to_have_class(re.compile("is-invalid"))
    expect(pagina.locator("#id_waarde")).to_have_value("veertig")

    _inloggen(pagina, live_server, "proceseigenaar_gebruiker")
    pagina.goto(live_server.url + reverse("trajecten:kpis", args=[traject.pk]))
    controleer_pagina(pagina, "KPI list (to approve)")
    pagina.locator(
        f"main form[action='{reverse('trajecten:kpis_goedkeuren', args=[traject.pk])}'] button"
    ).click()
    expect(pagina.locator("main .alert-success")).to_be_visible()
    expect(
        pagina.locator(f"main form[action='{reverse('trajecten:kpis_goedkeuren', args=[traject.pk])}']")
    ).to_have_count(0)
    controleer_pagina(pagina, "KPI list (approved)")
    kpi.refresh_from_db()
    assert kpi.is_goedgekeurd
