"""End to end in Chromium: step 6, the improvement plan.

The projectleider opens step 6 from the trajectory page (steps 1–5 done, 6 in progress) and finds the
four improvement points of the trajectory grouped by step, each linked to its source. She filters on
the KPI's; she rejects one point (first without a reason, which is refused at its field), accepts one
into a new action, merges another into that action, and accepts the last into a second action. She
fills in the first action (quick win, impact and effort, a one-off cost with a comma, the expected
effect on the KPI), marks the second as long term, moves it to the top with the keyboard-usable up
button, sees both in the impact × effort matrix and its table, and completes step 6 on the trajectory
page. The procesadviseur then finds the plan closed: nothing to decide any more.

Every page visited is checked with axe-core (no serious or critical WCAG 2.1 A/AA violation), for
duplicate ids, one h1 and console errors (a CSP violation is one). Selectors use names, ids and URLs.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import (
    WACHTWOORD,
    AfdelingFactory,
    SessieFactory,
    TeamlidFactory,
    TrajectFactory,
    UserFactory,
    VerbeterpuntFactory,
    zet_stappen,
)
from tests.kpi.factories import KpiFactory
from trajecten.choices import Rol, SessieSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import StapStatus
from verbeterplan.choices import Termijn, VerbeterpuntBron, VerbeterpuntStatus
from verbeterplan.models import Verbeteractie, Verbeterpunt
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.browser

PAGINAS = (
    "trajectory (step 6 in progress)",
    "plan",
    "plan (KPI points)",
    "decision",
    "decision (reason missing)",
    "plan (decided)",
    "action form",
    "action",
    "actions with the matrix",
    "trajectory (6 completed)",
    "decision (plan closed)",
)


@pytest.fixture
def plan(transactional_db):
    afdeling = AfdelingFactory(naam="Burgerzaken")
    sanne = UserFactory(username="sanne", first_name="Sanne", last_name="de Vries", afdeling=afdeling,
                        groepen=[Groep.TRAJECTLEIDERS])  # fmt: skip
    mehmet = UserFactory(username="mehmet", first_name="Mehmet", last_name="Yılmaz", afdeling=afdeling)
    traject = TrajectFactory(titel="Verhuizing doorgeven: in één keer goed", aangemaakt_door=sanne)
    TeamlidFactory(traject=traject, gebruiker=mehmet, rol=Rol.PROCESADVISEUR)
    klaar = {
        stap: StapStatusKeuze.AFGEROND for stap in (Stap.S1, Stap.S2, Stap.S3A, Stap.S3B, Stap.S4, Stap.S5)
    }
    zet_stappen(traject, klaar | {Stap.S6: StapStatusKeuze.BEZIG}, traject_status=TrajectStatus.LOPEND)
    kpi = KpiFactory(traject=traject, naam="Doorlooptijd verhuizing")
    sessie = SessieFactory(traject=traject, soort=SessieSoort.KLANTREIS, titel="Klantreis verhuizen")
    punt = {"traject": traject, "ingediend_door": sanne}
    punten = {
        "kpi": VerbeterpuntFactory(titel="Controle pas na drie weken", bron="kpi", kpi=kpi, **punt),
        "sessie": VerbeterpuntFactory(
            titel="Bewoners weten niet dat ze klaar zijn", bron=VerbeterpuntBron.SESSIE, sessie=sessie, **punt
        ),
        "traject": VerbeterpuntFactory(titel="Bevestiging per e-mail sturen", **punt),
        "ander": VerbeterpuntFactory(titel="Nieuwe huisstijl voor brieven", **punt),
    }
    return traject, kpi, punten


def _url(pagina: Page, pad: str) -> str:
    return re.match(r"https?://[^/]+", pagina.url).group(0) + pad


def _main(pagina: Page, selector: str):
    return pagina.locator(f"main {selector}")


def _inloggen(pagina: Page, live_server, gebruikersnaam: str) -> None:
    pagina.context.clear_cookies()
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", gebruikersnaam)
    pagina.fill("#id_password", WACHTWOORD)
    _main(pagina, "form button[type=submit]").click()
    expect(pagina).to_have_url(live_server.url + reverse("trajecten:lijst"))


def _besluiten(pagina: Page, traject, punt, controleer=None) -> None:
    pagina.goto(_url(pagina, reverse("verbeterplan:plan", args=[traject.pk])))
    _main(pagina, f"a[href='{reverse('verbeterplan:punt_besluiten', args=[traject.pk, punt.pk])}']").click()
    if controleer:
        controleer(pagina, "decision")


def _knop(pagina: Page, naam: str, traject, punt):
    url = reverse(f"verbeterplan:punt_{naam}", args=[traject.pk, punt.pk])
    return _main(pagina, f"form[action='{url}'] button[type=submit]")


def test_the_team_decides_every_point_draws_up_the_actions_and_completes_step_6(
    pagina: Page, live_server, plan, controleer_pagina
):
    traject, kpi, punten = plan
    _inloggen(pagina, live_server, "sanne")

    # From the trajectory page to step 6's work
    pagina.goto(_url(pagina, traject.get_absolute_url()))
    controleer_pagina(pagina, "trajectory (step 6 in progress)")
    plan_url = reverse("verbeterplan:plan", args=[traject.pk])
    _main(pagina, f"#stap-6 a[href='{plan_url}']").click()
    expect(pagina).to_have_url(_url(pagina, plan_url))
    expect(_main(pagina, f"a[href='{kpi.get_absolute_url()}']")).to_be_visible()
    expect(_main(pagina, f"a[href='{punten['sessie'].sessie.get_absolute_url()}']")).to_be_visible()
    controleer_pagina(pagina, "plan")

    # Filter on the KPI's: the form in the query string
    _main(pagina, "#id_bron").select_option("kpi")
    _main(pagina, "form[method=get] button[type=submit]").click()
    expect(pagina).to_have_url(re.compile(r"bron=kpi"))
    expect(_main(pagina, "tbody tr")).to_have_count(1)
    controleer_pagina(pagina, "plan (KPI points)")

    # Reject, first without a reason
    _besluiten(pagina, traject, punten["ander"], controleer_pagina)
    _knop(pagina, "afwijzen", traject, punten["ander"]).click()
    expect(_main(pagina, "#id_afwijzen-afwijzingsreden")).to_have_attribute("aria-invalid", "true")
    controleer_pagina(pagina, "decision (reason missing)")
    _main(pagina, "#id_afwijzen-afwijzingsreden").fill(
        "Hoort bij het project huisstijl, niet bij dit traject."
    )
    _knop(pagina, "afwijzen", traject, punten["ander"]).click()
    expect(pagina).to_have_url(re.compile(rf"{plan_url}#punt-{punten['ander'].pk}$"))

    # Accept one into a new action, merge another into it, accept the last into a second action
    _besluiten(pagina, traject, punten["kpi"])
    _main(pagina, "#id_overnemen-titel").fill("Direct controleren bij de aangifte")
    _knop(pagina, "overnemen", traject, punten["kpi"]).click()
    eerste = Verbeteractie.objects.get(titel="Direct controleren bij de aangifte")
    _besluiten(pagina, traject, punten["traject"])
    _main(pagina, "#id_samenvoegen-actie").select_option(str(eerste.pk))
    _knop(pagina, "samenvoegen", traject, punten["traject"]).click()
    _besluiten(pagina, traject, punten["sessie"])
    _knop(pagina, "overnemen", traject, punten["sessie"]).click()
    tweede = Verbeteractie.objects.exclude(pk=eerste.pk).get()
    assert set(Verbeterpunt.objects.values_list("status", flat=True)) == {
        VerbeterpuntStatus.AFGEWEZEN,
        VerbeterpuntStatus.OVERGENOMEN,
        VerbeterpuntStatus.SAMENGEVOEGD,
    }
    expect(_main(pagina, f"a[href='{eerste.get_absolute_url()}']")).to_have_count(2)  # both its points
    controleer_pagina(pagina, "plan (decided)")

    # Fill in the actions
    pagina.goto(_url(pagina, reverse("verbeterplan:actie_bewerken", args=[traject.pk, eerste.pk])))
    _main(pagina, f"input[name='termijn'][value='{Termijn.QUICK_WIN}']").check()
    _main(pagina, "#id_impact").select_option("5")
    _main(pagina, "#id_inspanning").select_option("1")
    _main(pagina, "#id_kosten_eenmalig").fill("1250,50")
    _main(pagina, f"#id_kpi_{kpi.pk}").fill("Van 21 naar 2 dagen")
    controleer_pagina(pagina, "action form")
    _main(pagina, "form[method=post] button[type=submit]").click()
    expect(pagina).to_have_url(_url(pagina, eerste.get_absolute_url()))
    controleer_pagina(pagina, "action")
    pagina.goto(_url(pagina, reverse("verbeterplan:actie_bewerken", args=[traject.pk, tweede.pk])))
    _main(pagina, f"input[name='termijn'][value='{Termijn.LANGE_TERMIJN}']").check()
    _main(pagina, "#id_impact").select_option("4")
    _main(pagina, "#id_inspanning").select_option("4")
    _main(pagina, "form[method=post] button[type=submit]").click()
    eerste.refresh_from_db()
    assert (eerste.termijn, eerste.impact, eerste.inspanning, str(eerste.kosten_eenmalig)) == (
        Termijn.QUICK_WIN,
        5,
        1,
        "1250.50",
    )

    # The order, by keyboard, and the matrix
    pagina.goto(_url(pagina, reverse("verbeterplan:acties", args=[traject.pk])))
    verplaatsen = reverse("verbeterplan:actie_verplaatsen", args=[traject.pk, tweede.pk])
    _main(pagina, f"form[action='{verplaatsen}'] button[value='op']").focus()
    pagina.keyboard.press("Enter")
    expect(pagina).to_have_url(re.compile(rf"#actie-{tweede.pk}$"))
    assert list(Verbeteractie.objects.order_by("volgorde").values_list("pk", flat=True)) == [
        tweede.pk,
        eerste.pk,
    ]
    expect(_main(pagina, "svg[role='img'] circle")).to_have_count(2)
    expect(_main(pagina, "table caption")).to_be_visible()
    controleer_pagina(pagina, "actions with the matrix")

    # Complete step 6
    pagina.goto(_url(pagina, traject.get_absolute_url()))
    afronden = reverse("trajecten:stap_actie", args=[traject.pk, Stap.S6.value, "afronden"])
    _main(pagina, f"form[action='{afronden}'] button[type=submit]").click()
    expect(pagina.locator(f"#stap-{Stap.S6.value}")).to_have_attribute(
        "data-status", StapStatusKeuze.AFGEROND.value
    )
    assert StapStatus.objects.get(traject=traject, stap=Stap.S6).status == StapStatusKeuze.AFGEROND
    controleer_pagina(pagina, "trajectory (6 completed)")

    # The plan is closed now
    _inloggen(pagina, live_server, "mehmet")
    _besluiten(pagina, traject, punten["ander"])
    expect(_knop(pagina, "afwijzen", traject, punten["ander"])).to_have_count(0)
    controleer_pagina(pagina, "decision (plan closed)")
    assert set(controleer_pagina.bezocht) == set(PAGINAS)
