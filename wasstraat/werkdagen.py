"""Working days: weekdays that are not a Dutch public holiday (the maintained `holidays` package)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def is_werkdag(datum: dt.date) -> bool:
    """Monday to Friday and not a Dutch public holiday (New Year, Easter, King's Day, …)."""
    return datum.weekday() < 5 and datum not in _feestdagen(datum.year)


def werkdagen_na(datum: dt.date, aantal: int) -> dt.date:
    """The date `aantal` working days after `datum` (weekends and Dutch public holidays skipped)."""
    dag = datum
    geteld = 0
    while geteld < aantal:
        dag += dt.timedelta(days=1)
        if is_werkdag(dag):
            geteld += 1
    return dag
