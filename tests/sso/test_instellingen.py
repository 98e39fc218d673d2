"""The settings block of single sign-on (wasstraat/settings/base.py), read from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.sso.conftest import Aanbieder

ROOT = Path(__file__).resolve().parents[2]
LEZEN = """
import json
from wasstraat.settings import base as s
print(json.dumps({
    "aan": s.OIDC_AAN,
    "backends": s.AUTHENTICATION_BACKENDS,
    "middleware": s.MIDDLEWARE,
    "form_action": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
    "groepen": s.OIDC_GROEPEN,
    "apps": s.INSTALLED_APPS,
}))
"""


def instellingen(**omgeving: str) -> subprocess.CompletedProcess:
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    return subprocess.run(
        [sys.executable, "-c", LEZEN],
        cwd=ROOT,
        env={**schoon, **omgeving},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_client_id_single_sign_on_is_off_and_nothing_changes():
    uitvoer = instellingen()
    gelezen = json.loads(uitvoer.stdout)

    assert gelezen["aan"] is False
    assert gelezen["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "guardian.backends.ObjectPermissionBackend",
    ]
    assert not any("sso" in m for m in gelezen["middleware"])
    assert gelezen["form_action"] == ["'self'"]
    assert "wasstraat.sso" in gelezen["apps"]  # its table exists either way


def test_with_a_client_id_and_an_issuer_it_is_on_after_axes():
    uitvoer = instellingen(
        OIDC_RP_CLIENT_ID="wasstraat",
        OIDC_RP_CLIENT_SECRET="geheim",
        OIDC_OP_ISSUER="https://login.microsoftonline.com/0000-tenant/v2.0",
        OIDC_GROEPEN='{"11111111-2222": "Management"}',
    )
    gelezen = json.loads(uitvoer.stdout)

    assert gelezen["aan"] is True
    assert gelezen["backends"][0] == "axes.backends.AxesStandaloneBackend"
    assert gelezen["backends"][-1] == "wasstraat.sso.backends.OidcBackend"
    assert gelezen["middleware"][-1] == "wasstraat.sso.middleware.SessieVerversen"
    assert gelezen["form_action"] == ["'self'", "https://login.microsoftonline.com"]
    assert gelezen["groepen"] == {"11111111-2222": "Management"}


@pytest.mark.parametrize(
    "omgeving",
    [
        {"OIDC_RP_CLIENT_ID": "wasstraat"},  # no provider
        {"OIDC_RP_CLIENT_ID": "wasstraat", "OIDC_OP_ISSUER": "https://sso.example", "OIDC_GROEPEN": '["x"]'},
    ],
)
def test_an_incomplete_or_wrong_configuration_stops_the_start(omgeving):
    uitvoer = instellingen(**omgeving)

    assert uitvoer.returncode != 0
    assert "ImproperlyConfigured" in uitvoer.stderr


def test_the_test_settings_match_what_the_environment_would_give(aanbieder: Aanbieder):
    """The fixture's settings (conftest.oidc_instellingen) are those of the block, for the test provider."""
    uitvoer = instellingen(
        OIDC_RP_CLIENT_ID=settings.OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=settings.OIDC_RP_CLIENT_SECRET,
        OIDC_OP_ISSUER=aanbieder.issuer,
    )
    gelezen = json.loads(uitvoer.stdout)

    assert gelezen["backends"] == settings.AUTHENTICATION_BACKENDS
    assert gelezen["middleware"] == settings.MIDDLEWARE
    assert gelezen["form_action"] == settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]
