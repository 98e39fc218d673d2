"""The "Mijn trajecten" list at scale: its order across pages, its indexes on PostgreSQL (migration
0005) and the queries that use them, and the permission lookups every trajectory page makes.

The PostgreSQL tests (marker ``postgres``) read the indexes from the catalogue and ask EXPLAIN whether
the list's own queries use them; ``enable_seqscan`` is switched off for that, because on a small
test table a sequential scan is always cheapest and the planner would rightly ignore any index.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils import timezone

from tests.factories import ProductFactory, TeamlidFactory, TrajectFactory, UserFactory, zet_stappen
from trajecten import selectors
from trajecten.choices import Rol, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Traject
from trajecten.permissions import rechten_voor, rechten_voor_rollen
from wasstraat.accounts.models import Groep

pytestmark = pytest.mark.django_db


def _trajecten(aantal: int, **basis) -> list[Traject]:
    """`aantal` trajectories whose "changed at" descends with their number, two by two equal (so the
    id decides between them)."""
    lijst = [TrajectFactory(titel=f"Traject {n:02}", **basis) for n in range(aantal)]
    nu = timezone.now()
    for n, traject in enumerate(lijst):
        Traject.objects.filter(pk=traject.pk).update(gewijzigd_op=nu - dt.timedelta(hours=n // 2))
    return lijst


def test_the_pages_follow_last_change_then_id_without_gaps_or_overlap():
    manager = UserFactory(groepen=[Groep.MANAGEMENT])
    _trajecten(7)
    verwacht = list(Traject.objects.order_by("-gewijzigd_op", "-pk").values_list("pk", flat=True))
    paginator = Paginator(selectors.trajecten_lijst(gebruiker=manager), 3)
    assert paginator.count == 7 and paginator.num_pages == 3
    gelezen = [t.pk for nummer in paginator.page_range for t in paginator.page(nummer)]
    assert gelezen == verwacht


def test_a_page_row_carries_its_steps_in_progress_and_project_leaders():
    projectleider = UserFactory(first_name="Petra", last_name="de Leider")
    traject = TrajectFactory(aangemaakt_door=projectleider)
    zet_stappen(
        traject,
        {Stap.S1: StapStatusKeuze.AFGEROND, Stap.S2: StapStatusKeuze.BEZIG, Stap.S4: StapStatusKeuze.BEZIG},
        traject_status=TrajectStatus.LOPEND,
    )
    [rij] = selectors.trajecten_lijst(gebruiker=projectleider)[0:20]
    assert [s.stap for s in rij.lopende_stappen] == [Stap.S2, Stap.S4]
    assert [lid.gebruiker for lid in rij.projectleiders] == [projectleider]
    assert rij.product.afdeling is not None


def test_a_member_lists_only_their_own_trajectories_and_search_finds_titles_and_products():
    lid = UserFactory()
    eigen = TrajectFactory(titel="Sneller een parkeervergunning")
    TeamlidFactory(traject=eigen, gebruiker=lid, rol=Rol.SPONSOR)
    via_product = TrajectFactory(titel="Minder fouten", product=ProductFactory(naam="Kapvergunning"))
    TeamlidFactory(traject=via_product, gebruiker=lid, rol=Rol.SPONSOR)
    TrajectFactory(titel="Vergunning van een ander")  # not theirs
    assert {t.pk for t in selectors.trajecten_lijst(gebruiker=lid)[0:20]} == {eigen.pk, via_product.pk}
    gevonden = selectors.trajecten_lijst(gebruiker=lid, zoek="VERGUNNING")
    assert gevonden.count() == 2
    assert [t.pk for t in selectors.trajecten_lijst(gebruiker=lid, zoek="kap")[0:20]] == [via_product.pk]


def test_a_search_lists_at_most_its_maximum_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr(selectors, "ZOEK_MAX_TREFFERS", 4)
    manager = UserFactory(groepen=[Groep.MANAGEMENT])
    for nummer in range(6):
        TrajectFactory(titel=f"Vergunning {nummer}")
    TrajectFactory(titel="Iets anders")

    gevonden = selectors.trajecten_lijst(gebruiker=manager, zoek="vergunning")
    paginator = Paginator(gevonden, 3)
    assert paginator.count == 4 and paginator.num_pages == 2
    assert gevonden.afgekapt
    precies = selectors.trajecten_lijst(gebruiker=manager, zoek="anders")
    assert precies.count() == 1 and not precies.afgekapt
    assert selectors.trajecten_lijst(gebruiker=manager).count() == 7  # without a search: every one

    client.force_login(manager)
    pagina = client.get("/trajecten/", {"zoek": "vergunning"})
    assert "Meer dan 4 trajecten gevonden" in pagina.text
    assert "4 trajecten" not in pagina.text.replace("Meer dan 4 trajecten", "")


def test_a_trajectory_page_reads_a_members_rights_in_one_query(django_assert_num_queries):
    traject = TrajectFactory()
    sponsor = UserFactory()
    TeamlidFactory(traject=traject, gebruiker=sponsor, rol=Rol.SPONSOR)
    with django_assert_num_queries(1):
        assert rechten_voor(sponsor, traject) == rechten_voor_rollen([Rol.SPONSOR])


# --- PostgreSQL: the indexes and the plans that use them ------------------------------------------------


def _indexen(tabel: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [tabel])
        return dict(cursor.fetchall())


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(rij[0] for rij in cursor.fetchall())


@pytest.mark.postgres
def test_the_indexes_of_the_list_exist_on_postgresql():
    traject = _indexen("trajecten_traject")
    assert "traject_lijst_volgorde_idx" in traject
    assert "(gewijzigd_op DESC, id DESC)" in traject["traject_lijst_volgorde_idx"]
    trigram = traject["traject_titel_trgm_idx"]
    assert "USING gin" in trigram and "gin_trgm_ops" in trigram
    assert "upper((titel)::text)" in trigram  # the very expression Django's icontains compiles to
    stap = _indexen("trajecten_stapstatus")["stapstatus_stap_status_idx"]
    assert "(stap, status, traject_id)" in stap


@pytest.mark.postgres
def test_the_search_uses_the_trigram_index():
    manager = UserFactory(groepen=[Groep.MANAGEMENT])
    TrajectFactory(titel="Sneller een parkeervergunning")
    lijst = selectors.trajecten_lijst(gebruiker=manager, zoek="parkeer")
    assert "UPPER" in str(lijst.treffers.query) and "LIKE" in str(lijst.treffers.query)
    assert "traject_titel_trgm_idx" in _plan(lijst.treffers.order_by())


@pytest.mark.postgres
def test_the_step_filter_and_the_order_use_their_indexes():
    manager = UserFactory(groepen=[Groep.MANAGEMENT])
    TrajectFactory()
    stap = selectors.trajecten_lijst(gebruiker=manager, stap=Stap.S3A)
    assert "stapstatus_stap_status_idx" in _plan(stap.treffers.order_by())
    alles = selectors.trajecten_lijst(gebruiker=manager)
    assert "traject_lijst_volgorde_idx" in _plan(alles.rijen(slice(0, 20)))
