"""HTML to accessible PDF (PDF/UA-1) with WeasyPrint, without a running server and without the network.

Templates refer to images, style sheets and fonts the way pages do, with ``{% static %}``. Those
references are resolved here straight from the static files (the finders, then ``STATIC_ROOT``);
``data:`` URLs are allowed; anything else is refused, so rendering never reaches out to the network.
WeasyPrint is imported inside the function: importing it costs about 0.6 s.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils.translation import gettext as _

PDF_VARIANT = "pdf/ua-1"

_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?[a-zA-Z]", re.IGNORECASE)
_TITEL = re.compile(r"<title[^>]*>\s*[^<\s]", re.IGNORECASE)


class PdfNietBeschikbaar(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango, HarfBuzz) are missing on this server.

    The message is fit to show to the user.
    """


def html_naar_pdf(*, html: str, base_url: str | None = None) -> bytes:
    """Render a complete HTML document to a tagged PDF/UA-1 document.

    The document must declare its language (``<html lang="nl">``) and have a non-empty ``<title>``:
    PDF/UA requires both. Relative and root-relative URLs resolve against `base_url` (default:
    ``settings.SITE_URL``); static files are read from disk.
    """
    return _opmaken(html, base_url).write_pdf(pdf_variant=PDF_VARIANT)


def passende_pdf(*, htmls: Iterable[str], max_paginas: int, base_url: str | None = None) -> bytes:
    """Render the first of `htmls` that fits in `max_paginas` pages; the last one if none does.

    For documents with a fixed length, such as a one-page card: give the full version first, then
    shorter ones. `htmls` may be a generator, so a shorter version is only made when needed.
    """
    document = None
    for html in htmls:
        document = _opmaken(html, base_url)
        if len(document.pages) <= max_paginas:
            break
    if document is None:
        raise ValueError("No HTML to render.")
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _opmaken(html: str, base_url: str | None):
    """Lay out the document (WeasyPrint's `Document`), ready to be written as PDF/UA-1."""
    if not _LANG.search(html) or not _TITEL.search(html):
        raise ValueError("A PDF/UA document needs <html lang=...> and a non-empty <title>.")
    weasyprint = _weasyprint()
    basis = base_url or f"{settings.SITE_URL.rstrip('/')}/"
    html_document = weasyprint.HTML(string=html, base_url=basis, url_fetcher=_fetcher_klasse()(basis))
    return html_document.render(pdf_variant=PDF_VARIANT)


def _weasyprint():
    # WeasyPrint reports every rendering phase at INFO; keep that out of the logs unless asked for.
    voortgang = logging.getLogger("weasyprint.progress")
    if voortgang.level == logging.NOTSET:
        voortgang.setLevel(logging.WARNING)
    try:
        import weasyprint
    except (ImportError, OSError) as fout:  # OSError: Pango or HarfBuzz cannot be loaded
        raise PdfNietBeschikbaar(
            _(
                "PDF documents cannot be made on this server right now (the PDF component is not "
                "installed). Ask the functional administrator to install it."
            )
        ) from fout
    return weasyprint


@cache
def _fetcher_klasse():
    """The URL fetcher class; built on first use because it subclasses a WeasyPrint class."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatischeBestanden(URLFetcher):
        """Serves static files and ``data:`` URLs; refuses everything else."""

        def __init__(self, basis: str) -> None:
            super().__init__(allowed_protocols=("data",), timeout=1)
            self.static_prefix = urljoin(basis, settings.STATIC_URL)

        def fetch(self, url: str, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            pad = _statisch_pad(url, self.static_prefix)
            if pad is None:
                raise ValueError(f"Not fetched (only static files and data: URLs): {url}")
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=pad.read_bytes(), headers={"Content-Type": soort})

    return StatischeBestanden


def _statisch_pad(url: str, static_prefix: str) -> Path | None:
    """The file on disk behind a static-file URL or a ``file:`` URL inside a static directory."""
    delen = urlsplit(url)
    if url.startswith(static_prefix):
        relatief = unquote(urlsplit(url[len(static_prefix) :]).path)
        return _zoek_statisch(relatief)
    if delen.scheme == "file":
        pad = Path(unquote(delen.path)).resolve()
        if any(pad.is_relative_to(map_) for map_ in _statische_mappen()) and pad.is_file():
            return pad
    return None


def _zoek_statisch(relatief: str) -> Path | None:
    try:
        gevonden = finders.find(relatief)
    except SuspiciousFileOperation:
        return None
    if gevonden:
        return Path(gevonden)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        pad = (root / relatief).resolve()
        if pad.is_relative_to(root) and pad.is_file():
            return pad
    return None


def _statische_mappen() -> list[Path]:
    mappen = [Path(m[1] if isinstance(m, tuple | list) else m) for m in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        mappen.append(Path(settings.STATIC_ROOT))
    return [m.resolve() for m in mappen]
