"""The client's address behind reverse proxies: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from wasstraat.netwerk import client_adres


def verzoek(remote: str, doorgestuurd: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if doorgestuurd is not None:
        extra["HTTP_X_FORWARDED_FOR"] = doorgestuurd
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert client_adres(verzoek("198.51.100.7", "203.0.113.5")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address():
    assert client_adres(verzoek("198.51.100.7", "203.0.113.5")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw():
    assert client_adres(verzoek("10.1.2.3", "203.0.113.5")) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.0.2.10"])
def test_a_forged_address_in_front_of_the_real_one_is_not_believed():
    # The client wrote "1.2.3.4" itself; the outer proxy appended the address it really saw.
    assert client_adres(verzoek("10.1.2.3", "1.2.3.4, 203.0.113.5, 192.0.2.10")) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
@pytest.mark.parametrize(
    ("kop", "verwacht"),
    [
        ("203.0.113.5:51234", "203.0.113.5"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::2", "2001:db8::2"),
        ("onzin", "10.1.2.3"),
        ("", "10.1.2.3"),
    ],
)
def test_ports_and_ipv6_are_understood_and_garbage_is_not(kop, verwacht):
    assert client_adres(verzoek("10.1.2.3", kop)) == verwacht


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_without_the_header_a_trusted_proxy_is_the_client():
    assert client_adres(verzoek("10.1.2.3")) == "10.1.2.3"
