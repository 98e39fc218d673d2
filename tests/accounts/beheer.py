"""Helpers to post the admin's own forms as a browser would, so a test can add what an attacker adds."""

from __future__ import annotations

from django.db.models import Model
from django.test import Client
from django.urls import reverse

from wasstraat.accounts.models import User


def wijzigen_url(gebruiker: User) -> str:
    return reverse("admin:accounts_user_change", args=[gebruiker.pk])


def wachtwoord_url(gebruiker: User) -> str:
    return reverse("admin:auth_user_password_change", args=[gebruiker.pk])


def resetlink_url(gebruiker: User) -> str:
    return reverse("admin:accounts_user_resetlink", args=[gebruiker.pk])


def formulierdata(client: Client, url: str) -> dict:
    """The data of the admin form at `url` as the browser would send it unchanged (GET it first)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    form = response.context["adminform"].form
    data: dict = {}
    for naam, veld in form.fields.items():
        if veld.disabled:
            continue
        waarde = form[naam].value()
        if isinstance(waarde, bool):
            if waarde:
                data[naam] = "on"
        elif isinstance(waarde, list | tuple):
            data[naam] = [str(w.pk if isinstance(w, Model) else w) for w in waarde]
        elif waarde is not None:
            data[naam] = str(waarde.pk if isinstance(waarde, Model) else waarde)
    return data


def velden_van(client: Client, url: str) -> set[str]:
    """The names of the editable fields of the admin form at `url`."""
    return set(client.get(url).context["adminform"].form.fields)


def staat(gebruiker: User) -> tuple:
    """What an attacker wants to change about an account, fresh from the database."""
    gebruiker = User.objects.get(pk=gebruiker.pk)
    return (
        gebruiker.is_superuser,
        gebruiker.is_staff,
        gebruiker.is_active,
        gebruiker.email,
        gebruiker.password,
        frozenset(gebruiker.groups.values_list("name", flat=True)),
        frozenset(gebruiker.user_permissions.values_list("codename", flat=True)),
    )
