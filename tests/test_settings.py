"""Settings the issue fixes: production passes `check --deploy`, Dutch defaults, custom user, Celery."""

from __future__ import annotations

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from wasstraat.accounts.models import User
from wasstraat.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def productie_omgeving(**extra: str) -> dict[str, str]:
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    omgeving.update(
        DJANGO_SETTINGS_MODULE="wasstraat.settings.production",
        SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        ALLOWED_HOSTS="wasstraat.gemeente.example.nl",
        **extra,
    )
    return omgeving


def test_production_settings_pass_check_deploy_without_warnings():
    uitkomst = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=productie_omgeving(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "System check identified no issues" in uitkomst.stdout


@pytest.fixture
def productie(monkeypatch):
    """The production settings module, imported fresh with a production environment."""
    from wasstraat.settings import base

    # production.py changes the log level in the LOGGING dict it shares with base: undo afterwards.
    monkeypatch.setitem(base.LOGGING["root"], "level", base.LOGGING["root"]["level"])
    for naam, waarde in productie_omgeving().items():
        monkeypatch.setenv(naam, waarde)
    sys.modules.pop("wasstraat.settings.production", None)
    yield importlib.import_module("wasstraat.settings.production")
    sys.modules.pop("wasstraat.settings.production", None)


def test_production_is_secure_by_default(productie):
    assert productie.DEBUG is False
    assert productie.ALLOWED_HOSTS == ["wasstraat.gemeente.example.nl"]
    assert productie.SESSION_COOKIE_SECURE and productie.CSRF_COOKIE_SECURE
    assert productie.SECURE_SSL_REDIRECT
    assert productie.SECURE_HSTS_SECONDS >= 60 * 60 * 24 * 365


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from wasstraat.settings import base

    monkeypatch.setitem(base.LOGGING["root"], "level", base.LOGGING["root"]["level"])
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "wasstraat.gemeente.example.nl")
    sys.modules.pop("wasstraat.settings.production", None)
    try:
        with pytest.raises(ImproperlyConfigured):
            importlib.import_module("wasstraat.settings.production")
    finally:
        sys.modules.pop("wasstraat.settings.production", None)


def test_the_application_speaks_dutch_in_amsterdam_time():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ and settings.USE_I18N
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


def test_the_user_model_is_our_own():
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert get_user_model() is User


def test_celery_acknowledges_late_and_takes_one_task_at_a_time():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_celery_uses_redis_when_redis_url_is_set():
    if settings.REDIS_URL:
        assert celery_app.conf.broker_url == settings.REDIS_URL
    else:
        assert settings.CELERY_TASK_ALWAYS_EAGER is True
