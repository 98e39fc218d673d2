"""The pagination under every list (templates/includes/paginering.html) shows a handful of page
numbers, however many pages there are, without walking all of them (wasstraat/paginering.py)."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.template.loader import get_template
from django.test import RequestFactory


class NietAllePaginas(Paginator):
    """A paginator that fails the test when a template walks every page number (500 for the list of
    10,000 trajectories: ~10 ms per page view, only to show seven of them)."""

    @property
    def page_range(self):
        if self.num_pages > 10:
            raise AssertionError("the pagination walked every page number")
        return super().page_range


def _nummers(aantal_paginas: int, huidig: int) -> list[str]:
    pagina = NietAllePaginas(range(aantal_paginas * 20), 20).page(huidig)
    verzoek = RequestFactory().get("/trajecten/", {"zoek": "vergunning", "pagina": huidig})
    html = get_template("includes/paginering.html").render({"pagina": pagina}, verzoek)
    return re.findall(r'class="page-link"[^>]*>(?:<span class="visually-hidden">[^<]*</span>)?([^<]+)<', html)


def test_five_hundred_pages_show_the_ends_and_two_either_side():
    assert _nummers(500, 250)[1:-1] == ["1", "…", "248", "249", "250", "251", "252", "…", "500"]
    assert _nummers(500, 1)[1:-1] == ["1", "2", "3", "…", "500"]
    assert _nummers(500, 500)[1:-1] == ["1", "…", "498", "499", "500"]


def test_a_few_pages_show_every_number():
    assert _nummers(5, 3)[1:-1] == ["1", "2", "3", "4", "5"]


def test_the_links_keep_the_search_and_mark_the_current_page():
    pagina = NietAllePaginas(range(200), 20).page(4)
    verzoek = RequestFactory().get("/trajecten/", {"zoek": "vergunning", "pagina": 4})
    html = get_template("includes/paginering.html").render({"pagina": pagina}, verzoek)
    assert 'href="?zoek=vergunning&amp;pagina=5"' in html
    assert re.search(r'pagina=4" aria-current="page"', html)
