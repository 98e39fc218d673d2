"""The audit trail is append-only: not through the model, not in bulk, not in the admin, not in SQL."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import TrajectFactory, UserFactory
from trajecten.choices import GebeurtenisSoort
from trajecten.models import Gebeurtenis, Traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebeurtenis() -> Gebeurtenis:
    traject = TrajectFactory()
    return Gebeurtenis.objects.get(traject=traject, soort=GebeurtenisSoort.TRAJECT_AANGEMAAKT)


def test_an_event_cannot_be_changed(gebeurtenis):
    gebeurtenis.omschrijving = "Vervalst"
    with pytest.raises(PermissionError):
        gebeurtenis.save()
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.omschrijving != "Vervalst"


def test_an_event_cannot_be_deleted(gebeurtenis):
    with pytest.raises(PermissionError):
        gebeurtenis.delete()
    assert Gebeurtenis.objects.filter(pk=gebeurtenis.pk).exists()


def test_events_cannot_be_changed_in_bulk(gebeurtenis):
    with pytest.raises(PermissionError):
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(omschrijving="Vervalst")
    with pytest.raises(PermissionError):
        Gebeurtenis.objects.update(reden="Vervalst")
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.omschrijving != "Vervalst"


def test_events_cannot_be_deleted_in_bulk(gebeurtenis):
    with pytest.raises(PermissionError):
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).delete()
    with pytest.raises(PermissionError):
        Gebeurtenis.objects.all().delete()
    assert Gebeurtenis.objects.filter(pk=gebeurtenis.pk).exists()


def test_a_trajectory_with_history_cannot_be_deleted(gebeurtenis):
    with pytest.raises(ProtectedError):
        gebeurtenis.traject.delete()
    assert Traject.objects.filter(pk=gebeurtenis.traject_id).exists()


def test_the_admin_offers_no_add_change_or_delete_even_to_a_superuser(gebeurtenis):
    model_admin = admin.site._registry[Gebeurtenis]
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, gebeurtenis)
    assert not model_admin.has_delete_permission(request, gebeurtenis)
    assert model_admin.has_view_permission(request, gebeurtenis)


def test_the_admin_pages_refuse_changes(client, gebeurtenis):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    wijzigen = reverse("admin:trajecten_gebeurtenis_change", args=[gebeurtenis.pk])
    assert client.get(reverse("admin:trajecten_gebeurtenis_changelist")).status_code == 200
    assert client.get(reverse("admin:trajecten_gebeurtenis_add")).status_code == 403
    assert client.post(wijzigen, {"omschrijving": "Vervalst"}).status_code == 403
    assert (
        client.post(
            reverse("admin:trajecten_gebeurtenis_delete", args=[gebeurtenis.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.omschrijving != "Vervalst"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE trajecten_gebeurtenis SET omschrijving = 'Vervalst' WHERE id = %s",
        "DELETE FROM trajecten_gebeurtenis WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_raw_changes_to_events(gebeurtenis, sql):
    with pytest.raises(DatabaseError, match="Audit events cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [gebeurtenis.pk])
    assert Gebeurtenis.objects.get(pk=gebeurtenis.pk).omschrijving != "Vervalst"


@pytest.mark.postgres
def test_the_database_still_accepts_new_events(gebeurtenis):
    Gebeurtenis.objects.create(
        traject=gebeurtenis.traject, soort=GebeurtenisSoort.BESLUIT, omschrijving="Besluit genomen."
    )
    assert gebeurtenis.traject.gebeurtenissen.count() == 3
