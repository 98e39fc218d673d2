"""The admin's permission matrix: every admin page of every registered model × every kind of person,
against the contract in tests/views/matrix_beheer.py (from SPEC.md).

- not staff (anonymous, an ordinary user, management, the privacy officer) → the admin's login page;
- staff without permissions → 403 on every model page;
- the functioneel beheerder and a superuser → 200 where the contract says they may, 403 elsewhere.

A page, URL or registered model without a row fails `test_every_admin_url_has_a_row`. Crafted POSTs to
the user and group pages are in tests/accounts.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from klantreis import privacy
from klantreis.models import InterviewLog
from serviceformules.models import Serviceformule
from tests.factories import AfdelingFactory, ProductFactory, TrajectFactory, UserFactory, VerbeterpuntFactory
from tests.klantreis.factories import InterviewFactory, KlantreisFactory
from tests.views.matrix_beheer import (
    ACTIES,
    BEHEERDER_MAG,
    EIGEN_PAGINAS,
    MODELLEN,
    SUPERUSER_MAG,
    VRIJGESTELD,
)
from trajecten import services as traject_services
from trajecten.choices import Rol
from trajecten.models import Gebeurtenis
from wasstraat.accounts import services
from wasstraat.accounts.models import Groep, User
from wasstraat.meldingen.models import Melding

pytestmark = pytest.mark.django_db

NIET_STAF = ("anoniem", "gewoon", "management", "privacy")
STAF = ("staf_zonder_rechten", "beheerder", "superuser")
PERSONEN = NIET_STAF + STAF


@pytest.fixture
def mensen(db) -> dict[str, User | None]:
    return {
        "anoniem": None,
        "gewoon": UserFactory(username="gewoon"),
        "management": UserFactory(username="manager", groepen=[Groep.MANAGEMENT]),
        "privacy": UserFactory(username="privacy", groepen=[Groep.PRIVACY]),
        "staf_zonder_rechten": UserFactory(username="staf", is_staff=True),
        "beheerder": UserFactory(username="beheerder", is_staff=True, groepen=[Groep.FUNCTIONEEL_BEHEER]),
        "superuser": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def clients(mensen) -> dict[str, Client]:
    uit = {}
    for naam, gebruiker in mensen.items():
        uit[naam] = Client()
        if gebruiker is not None:
            uit[naam].force_login(gebruiker)
    return uit


def _voorbeeld(label: str, mensen) -> Model:
    """One object of the model, made as the application would (for its change, delete, history page)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    poging = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "iemand", "http_accept": "*/*"}
    if label == "accounts.user":
        return UserFactory(username="collega")
    if label == "accounts.afdeling":
        return AfdelingFactory()
    if label == "accounts.rechtenwijziging":
        persoon = UserFactory(username="gepromoveerd")
        return services.rechten_wijzigen(door=mensen["superuser"], gebruiker=persoon, is_staff=True)[0]
    if label == "sso.oidcidentiteit":
        from wasstraat.sso.models import OidcIdentiteit

        return OidcIdentiteit.objects.create(gebruiker=UserFactory(), issuer="https://idp.example", sub="abc")
    if label == "auth.group":
        return Group.objects.create(name="Kwaliteitsteam")
    if label == "axes.accessattempt":
        return AccessAttempt.objects.create(
            **poging, path_info="/", get_data="", post_data="", failures_since_start=1
        )
    if label == "axes.accesslog":
        return AccessLog.objects.create(**poging, path_info="/")
    if label == "axes.accessfailurelog":
        return AccessFailureLog.objects.create(**poging, path_info="/")
    if label.startswith("django_celery_beat."):
        interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
        return {
            "django_celery_beat.intervalschedule": lambda: interval,
            "django_celery_beat.crontabschedule": lambda: CrontabSchedule.objects.create(
                minute="0", hour="3"
            ),
            "django_celery_beat.clockedschedule": lambda: ClockedSchedule.objects.create(
                clocked_time=timezone.now()
            ),
            "django_celery_beat.solarschedule": lambda: SolarSchedule.objects.create(
                event="sunrise", latitude=52.09, longitude=5.12
            ),
            "django_celery_beat.periodictask": lambda: PeriodicTask.objects.create(
                name="Iets", task="klantreis.tasks.interviewnotities_opschonen", interval=interval
            ),
        }[label]()
    traject = TrajectFactory()
    coach = UserFactory(username="coach")
    traject_services.teamlid_toevoegen(
        traject=traject, door=traject.aangemaakt_door, gebruiker=coach, rol=Rol.KLANTREISCOACH
    )
    interview = InterviewFactory(klantreis=KlantreisFactory(traject=traject), aangemaakt_door=coach)
    return {
        "trajecten.traject": lambda: traject,
        "trajecten.gebeurtenis": lambda: Gebeurtenis.objects.filter(traject=traject).first(),
        "klantreis.interview": lambda: interview,
        "klantreis.interviewlog": lambda: (
            privacy.interview_bekijken(interview=interview, door=coach) or InterviewLog.objects.first()
        ),
        "meldingen.melding": lambda: Melding.objects.create(
            ontvanger=coach, sleutel="test-1", onderwerp="Welkom", tekst="Je bent toegevoegd."
        ),
        "serviceformules.product": lambda: ProductFactory(),
        "serviceformules.serviceformule": lambda: Serviceformule.objects.first(),
        "verbeterplan.verbeterpunt": lambda: VerbeterpuntFactory(traject=traject),
    }[label]()


def _url(label: str, actie: str, obj: Model) -> str:
    app_label, model = label.split(".")
    naam = f"admin:{app_label}_{model}_{actie}"
    return reverse(naam) if actie in ("changelist", "add") else reverse(naam, args=[obj.pk])


def _verwacht(persoon: str, mag: frozenset[str] | None, actie: str) -> str:
    if persoon in NIET_STAF:
        return "login"
    return "200" if mag is not None and actie in mag else "403"


def _afwijking(verwacht: str, response, url: str) -> str | None:
    if verwacht == "login":
        doel = redirect_to_login(url, login_url=reverse("admin:login")).url
        if response.status_code == 302 and response.url == doel:
            return None
        return f"expected a redirect to {doel}, got {response.status_code} {getattr(response, 'url', '')}"
    return (
        None if response.status_code == int(verwacht) else f"expected {verwacht}, got {response.status_code}"
    )


def _mag(persoon: str, label: str) -> frozenset[str] | None:
    return {"beheerder": BEHEERDER_MAG.get(label), "superuser": SUPERUSER_MAG.get(label)}.get(persoon)


@pytest.mark.parametrize("label", sorted(MODELLEN))
def test_every_person_gets_the_answer_the_contract_gives_on_every_model_page(label, mensen, clients):
    obj = _voorbeeld(label, mensen)
    afwijkingen = []
    for actie in ACTIES:
        url = _url(label, actie, obj)
        for persoon in PERSONEN:
            verwacht = _verwacht(persoon, _mag(persoon, label), actie)
            if fout := _afwijking(verwacht, clients[persoon].get(url), url):
                afwijkingen.append(f"{actie} {persoon} ({verwacht}): {fout}")
    assert not afwijkingen, f"{label}:\n" + "\n".join(afwijkingen)


def test_the_user_admins_own_pages(mensen, clients):
    collega = UserFactory(username="collega")
    manager = mensen["management"]
    verwacht = {
        # (page, account): {person: status}; not staff always → login
        ("auth_user_password_change", collega): {
            "staf_zonder_rechten": 403,
            "beheerder": 403,
            "superuser": 200,
        },
        ("auth_user_password_change", manager): {
            "staf_zonder_rechten": 403,
            "beheerder": 403,
            "superuser": 200,
        },
        ("accounts_user_resetlink", collega): {
            "staf_zonder_rechten": 403,
            "beheerder": 200,
            "superuser": 200,
        },
        ("accounts_user_resetlink", manager): {
            "staf_zonder_rechten": 403,
            "beheerder": 403,
            "superuser": 200,
        },
    }
    afwijkingen = []
    for (naam, account), per_persoon in verwacht.items():
        url = reverse(f"admin:{naam}", args=[account.pk])
        for persoon in PERSONEN:
            status = "login" if persoon in NIET_STAF else str(per_persoon[persoon])
            if fout := _afwijking(status, clients[persoon].get(url), url):
                afwijkingen.append(f"{naam} {account} {persoon}: {fout}")
    assert not afwijkingen, "\n".join(afwijkingen)


def test_the_index_and_the_app_pages_show_each_person_what_the_contract_gives(clients):
    afwijkingen = []
    for persoon in PERSONEN:
        url = reverse("admin:index")
        verwacht = "login" if persoon in NIET_STAF else "200"
        if fout := _afwijking(verwacht, clients[persoon].get(url), url):
            afwijkingen.append(f"index {persoon}: {fout}")
    for app_label in sorted({label.split(".")[0] for label in MODELLEN}):
        url = reverse("admin:app_list", kwargs={"app_label": app_label})
        for persoon in STAF:
            mag = any(_mag(persoon, label) for label in MODELLEN if label.startswith(f"{app_label}."))
            status = clients[persoon].get(url).status_code
            if status != (200 if mag else 404):
                afwijkingen.append(f"app {app_label} {persoon}: got {status}")
    assert not afwijkingen, "\n".join(afwijkingen)

    index = clients["beheerder"].get(reverse("admin:index"))
    getoond = {
        f"{app['app_label']}.{m['object_name'].lower()}"
        for app in index.context["app_list"]
        for m in app["models"]
    }
    assert getoond == set(BEHEERDER_MAG)


# --- completeness ---------------------------------------------------------------------------------------


def _namen(patronen) -> set[str]:
    namen = set()
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            namen |= _namen(patroon.url_patterns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            namen.add(patroon.name)
    return namen


def test_every_registered_model_has_a_row():
    geregistreerd = {model._meta.label_lower for model in admin.site._registry}
    assert geregistreerd == MODELLEN, {
        "zonder rij": geregistreerd - MODELLEN,
        "weg": MODELLEN - geregistreerd,
    }


def test_every_admin_url_has_a_row():
    per_model = {f"{label.replace('.', '_')}_{actie}" for label in MODELLEN for actie in ACTIES}
    gedekt = per_model | EIGEN_PAGINAS | {"index", "app_list"} | set(VRIJGESTELD)
    namen = _namen(admin.site.get_urls())
    assert namen == gedekt, {"zonder rij": sorted(namen - gedekt), "bestaat niet": sorted(gedekt - namen)}
    assert all(reden.strip() for reden in VRIJGESTELD.values())
