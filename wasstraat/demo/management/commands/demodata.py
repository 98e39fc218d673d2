"""`manage.py demodata`: load the demo municipality and print the demo logins. Safe to run twice."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from wasstraat.demo.data import ADRES, WACHTWOORD, demodata_laden


class Command(BaseCommand):
    help = (
        "Load the demo municipality 'Gemeente Voorbeeldstad': departments, one user per role, "
        "products/services and trajectories in different steps. Idempotent. Not for production."
    )

    def handle(self, *args, **options) -> None:
        with _zonder_echte_email():
            resultaat = demodata_laden()
        for titel in resultaat.aangemaakt:
            self.stdout.write(f"  + {titel}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(resultaat.aangemaakt)} trajectories created, "
                f"{len(resultaat.al_aanwezig)} already present."
            )
        )
        self._logins(resultaat.gebruikers)

    def _logins(self, gebruikers) -> None:
        breedte_u = max(len(g.username) for g in gebruikers)
        breedte_r = max(len(g.rol) for g in gebruikers)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write(f"  {'username':<{breedte_u}}  {'role':<{breedte_r}}  name")
        self.stdout.write(f"  {'-' * breedte_u}  {'-' * breedte_r}  {'-' * 20}")
        for g in gebruikers:
            self.stdout.write(f"  {g.username:<{breedte_u}}  {g.rol:<{breedte_r}}  {g.naam}")
        self.stdout.write("")
        self.stdout.write(f"  Password for every demo account: {self.style.WARNING(WACHTWOORD)}")
        self.stdout.write(f"  Open {ADRES} and log in.")


@contextmanager
def _zonder_echte_email() -> Iterator[None]:
    """Team e-mails of the demo go nowhere: tasks run in-process and mail stays in memory.

    The in-app notifications are still created, so the demo users have some to read. The log line
    Celery writes per task is held back to keep the output readable.
    """
    from wasstraat.celery import app

    eager = app.conf.task_always_eager
    taaklog = logging.getLogger("celery.app.trace")
    niveau = taaklog.level
    app.conf.task_always_eager = True
    taaklog.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        app.conf.task_always_eager = eager
        taaklog.setLevel(niveau)
