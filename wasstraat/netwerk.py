"""The client's network address, as far as it can be trusted.

Behind a reverse proxy every request arrives from the proxy's address, so login throttling on
``REMOTE_ADDR`` alone would treat a whole municipal network as one client. The address a proxy puts
in ``X-Forwarded-For`` is only believed when the request really comes from a proxy we trust
(``TRUSTED_PROXIES``): anyone else can write whatever they like in that header.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Netwerk = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple[Netwerk, ...]:
    try:
        return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())
    except ValueError as fout:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {fout}") from fout


def _adres(tekst: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    tekst = tekst.strip()
    if tekst.startswith("[") and "]" in tekst:  # [2001:db8::1]:443
        tekst = tekst[1 : tekst.index("]")]
    elif tekst.count(":") == 1:  # 192.0.2.1:443
        tekst = tekst.split(":")[0]
    try:
        return ipaddress.ip_address(tekst)
    except ValueError:
        return None


def _vertrouwd(adres, netwerken: Iterable[Netwerk]) -> bool:
    return any(adres in netwerk for netwerk in netwerken)


def client_adres(request: HttpRequest) -> str:
    """The address of the client that sent ``request``.

    ``REMOTE_ADDR``, unless that is a trusted proxy: then ``X-Forwarded-For`` is read from right to
    left (each proxy appends the address it received the request from) and the first address that
    is not a trusted proxy is the client. Malformed entries end the walk, so a forged prefix in the
    header never wins.
    """
    direct = request.META.get("REMOTE_ADDR", "")
    netwerken = _netwerken(tuple(settings.TRUSTED_PROXIES))
    adres = _adres(direct)
    if adres is None or not netwerken or not _vertrouwd(adres, netwerken):
        return direct
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for deel in reversed(doorgestuurd.split(",")):
        kandidaat = _adres(deel)
        if kandidaat is None:
            break
        adres = kandidaat
        if not _vertrouwd(kandidaat, netwerken):
            break
    return str(adres)
