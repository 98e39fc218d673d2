"""A real OpenID Connect provider for the single sign-on tests, and the code flow through it.

`tests/sso/provider.mjs` (npm ``oidc-provider``, installed by `make node-deps`) runs in Node on a free
port of 127.0.0.1. Without Node or node_modules the tests here are skipped, except when ``CI`` is set:
then they fail, since CI must run them.

- ``aanbieder``: the provider for the Django test client (redirect URI ``http://testserver/oidc/callback/``),
  one process per test session, with single sign-on switched on in the settings for the test.
  ``aanbieder.account("jan", email=..., groups=[...])`` sets an account's claims (read at every login);
  ``aanbieder.inloggen(client, "jan")`` runs the whole code flow: our /oidc/authenticate/ with the test
  client, the provider's pages over real HTTP with ``requests`` (``aanbieder.browser``, which keeps the
  provider's session cookie), and back to our callback with the test client. Its answer is returned.
- ``start_aanbieder(redirect_uris, post_logout_redirect_uris)``: another provider process (the browser
  test's, for ``live_server``), stopped at the end of the test.
"""

from __future__ import annotations

import copy
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests
from django.test import Client
from django.urls import reverse

# The browser test here uses the fixtures (and the CI rule) of the browser tests.
from tests.browser.conftest import (  # noqa: F401
    axe_bron,
    browser_context_args,
    browser_type_launch_args,
    controleer_pagina,
    pagina,
    pytest_runtest_setup,
    schermafdruk,
)

MAP = Path(__file__).resolve().parent
PROVIDER = MAP / "provider.mjs"
NODE_MODULES = MAP.parent.parent / "node_modules" / "oidc-provider"
CLIENT_ID = "wasstraat-test"
CLIENT_SECRET = "test-geheim-van-de-client-dat-lang-genoeg-is"
TESTSERVER = "http://testserver"
AANBIEDER_NAAM = "Testaanbieder"
WACHTTIJD = 20  # seconds for the provider to start


def _node() -> str:
    """The node binary; skip without Node or oidc-provider, fail in CI."""
    node = shutil.which("node")
    if node and NODE_MODULES.is_dir():
        return node
    reden = "needs Node and node_modules/oidc-provider (make node-deps)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the single sign-on tests cannot run: {reden}", pytrace=False)
    pytest.skip(reden)


class AanbiederProces:
    """One running provider process; see the module docstring."""

    def __init__(self, werkmap: Path, redirect_uris: list[str], post_logout_redirect_uris: list[str]):
        self.accounts_bestand = werkmap / "accounts.json"
        self.accounts_leegmaken()
        self._log = (werkmap / "provider.log").open("w+", encoding="utf-8")
        omgeving = {
            **os.environ,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": ",".join(redirect_uris),
            "OIDC_POST_LOGOUT_REDIRECT_URIS": ",".join(post_logout_redirect_uris),
            "OIDC_ACCOUNTS_FILE": str(self.accounts_bestand),
        }
        self.proces = subprocess.Popen(
            [_node(), str(PROVIDER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=omgeving,
            text=True,
        )
        self.issuer = self._issuer_lezen()
        self.discovery = self._wachten_op_discovery()

    def _fout(self, wat: str) -> None:
        self.stoppen()
        self._log.seek(0)
        pytest.fail(f"the OpenID Connect provider {wat}:\n{self._log.read()}", pytrace=False)

    def _issuer_lezen(self) -> str:
        klaar, _, _ = select.select([self.proces.stdout], [], [], WACHTTIJD)
        regel = self.proces.stdout.readline() if klaar else ""
        if not regel:
            self._fout("did not start")
        return json.loads(regel)["issuer"]

    def _wachten_op_discovery(self) -> dict[str, Any]:
        einde = time.monotonic() + WACHTTIJD
        while time.monotonic() < einde:
            try:
                antwoord = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2)
                if antwoord.ok:
                    return antwoord.json()
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self._fout("published no discovery document")

    def accounts_leegmaken(self) -> None:
        self.accounts_bestand.write_text("{}", encoding="utf-8")

    def account(self, login: str, **claims: Any) -> None:
        """Create or replace the provider's account `login` (its sub) with these claims."""
        accounts = json.loads(self.accounts_bestand.read_text(encoding="utf-8"))
        accounts[login] = claims
        self.accounts_bestand.write_text(json.dumps(accounts), encoding="utf-8")

    def stoppen(self) -> None:
        if self.proces.poll() is None:
            self.proces.stdin.close()
            try:
                self.proces.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()


def oidc_instellingen(issuer: str, csp: dict, backends: list[str], middleware: list[str]) -> dict[str, Any]:
    """The settings the environment would give for this provider (wasstraat/settings/base.py)."""
    csp = copy.deepcopy(csp)
    csp["DIRECTIVES"]["form-action"] = [*csp["DIRECTIVES"]["form-action"], issuer]
    return {
        "OIDC_AAN": True,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_OP_ISSUER": issuer,
        "OIDC_AANBIEDER_NAAM": AANBIEDER_NAAM,
        "OIDC_RP_SCOPES": "openid email profile groups",
        "AUTHENTICATION_BACKENDS": [*backends, "wasstraat.sso.backends.OidcBackend"],
        "MIDDLEWARE": [*middleware, "wasstraat.sso.middleware.SessieVerversen"],
        "CONTENT_SECURITY_POLICY": csp,
    }


class Aanbieder:
    """The provider as a test uses it: its accounts, and logging in through it."""

    def __init__(self, proces: AanbiederProces):
        self.proces = proces
        self.issuer = proces.issuer
        self.discovery = proces.discovery
        self.browser = requests.Session()

    def account(self, login: str, **claims: Any) -> None:
        self.proces.account(login, **claims)

    def volgen(self, url: str) -> str | requests.Response:
        """Follow the provider's redirects until they lead back to us (the URL) or to a page."""
        for _ in range(20):
            if url.startswith(TESTSERVER):
                return url
            antwoord = self.browser.get(url, allow_redirects=False, timeout=10)
            if not antwoord.is_redirect:
                return antwoord
            url = urljoin(url, antwoord.headers["Location"])
        raise AssertionError("too many redirects at the provider")

    def naar_ons(self, client: Client, url: str):
        """Our answer to the provider's redirect back to `url` (http://testserver/...)."""
        assert url.startswith(TESTSERVER), url
        return client.get(url.removeprefix(TESTSERVER))

    def inloggen(self, client: Client, login: str, volgende: str = ""):
        """The whole code flow as `login`; returns our callback's answer."""
        pad = reverse("oidc_authentication_init") + (f"?next={volgende}" if volgende else "")
        begin = client.get(pad)
        assert begin.status_code == 302, begin
        stap = self.volgen(begin["Location"])
        if isinstance(stap, requests.Response):  # the provider's login page
            assert stap.status_code == 200, stap.text
            actie = stap.url.rstrip("/") + "/login"
            antwoord = self.browser.post(actie, data={"login": login}, allow_redirects=False, timeout=10)
            assert antwoord.is_redirect, antwoord.text
            stap = self.volgen(urljoin(actie, antwoord.headers["Location"]))
            assert isinstance(stap, str), stap.text
        return self.naar_ons(client, stap)


@pytest.fixture(scope="session")
def aanbieder_proces(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AanbiederProces]:
    proces = AanbiederProces(
        tmp_path_factory.mktemp("oidc-provider"),
        redirect_uris=[f"{TESTSERVER}/oidc/callback/"],
        post_logout_redirect_uris=[f"{TESTSERVER}/account/login/"],
    )
    yield proces
    proces.stoppen()


@pytest.fixture
def aanbieder(aanbieder_proces: AanbiederProces, settings, db) -> Iterator[Aanbieder]:
    """Single sign-on on, against the session's provider, with no accounts yet."""
    aanbieder_proces.accounts_leegmaken()
    for naam, waarde in oidc_instellingen(
        aanbieder_proces.issuer,
        settings.CONTENT_SECURITY_POLICY,
        settings.AUTHENTICATION_BACKENDS,
        settings.MIDDLEWARE,
    ).items():
        setattr(settings, naam, waarde)
    aanbieder = Aanbieder(aanbieder_proces)
    yield aanbieder
    aanbieder.browser.close()


@pytest.fixture
def start_aanbieder(tmp_path: Path) -> Iterator[Callable[..., AanbiederProces]]:
    """Start a provider for other redirect URIs (e.g. live_server's); stopped after the test."""
    gestart: list[AanbiederProces] = []

    def start(redirect_uris: list[str], post_logout_redirect_uris: list[str]) -> AanbiederProces:
        proces = AanbiederProces(tmp_path, redirect_uris, post_logout_redirect_uris)
        gestart.append(proces)
        return proces

    yield start
    for proces in gestart:
        proces.stoppen()
