"""Reading a page's HTML in tests, without extra libraries: Django's own test parser."""

from __future__ import annotations

from django.http import HttpResponse
from django.test.html import Element, parse_html


def html(response: HttpResponse) -> Element:
    """The page as a tree of `django.test.html.Element`s."""
    return parse_html(response.content.decode())


def element_met_id(boom: Element, ident: str) -> Element | None:
    """The first element with `id="<ident>"`, depth first (`boom` itself included)."""
    if dict(getattr(boom, "attributes", [])).get("id") == ident:
        return boom
    for kind in boom.children:
        if not isinstance(kind, str) and (gevonden := element_met_id(kind, ident)) is not None:
            return gevonden
    return None


def tekst(element: Element | str) -> str:
    """The text of an element (entities decoded), whitespace collapsed to single spaces."""
    if isinstance(element, str):
        return " ".join(element.split())
    return " ".join(filter(None, (tekst(kind) for kind in element.children)))


def links_en_formulieren(element: Element) -> list[str]:
    """Every href and form action inside `element`."""
    gevonden = []
    attributen = dict(element.attributes) if hasattr(element, "attributes") else {}
    for naam in ("href", "action"):
        if attributen.get(naam):
            gevonden.append(attributen[naam])
    for kind in element.children:
        if not isinstance(kind, str):
            gevonden.extend(links_en_formulieren(kind))
    return gevonden
