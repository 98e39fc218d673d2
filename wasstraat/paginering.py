"""The page numbers that templates/includes/paginering.html shows (registered as the template library
``paginering`` in settings.TEMPLATES).

The template used to walk every page number and decide per number whether to show it: with 10,000
trajectories that is 500 numbers and three conditions each, ~10 ms for every page of the list. Django's
`Paginator.get_elided_page_range` gives the few numbers to show straight away.
"""

from __future__ import annotations

from collections.abc import Iterator

from django import template
from django.core.paginator import Page

register = template.Library()

#: The first and last page, and this many pages either side of the current one.
AAN_ELKE_KANT = 2


@register.filter
def paginanummers(pagina: Page) -> Iterator[int | str]:
    """The numbers of the pages to link to, with `Paginator.ELLIPSIS` where numbers are left out."""
    return pagina.paginator.get_elided_page_range(pagina.number, on_each_side=AAN_ELKE_KANT, on_ends=1)
