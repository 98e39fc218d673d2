"""Date fields that never lose what the user typed: one mechanism for every date in every form.

The browser's native pickers (``<input type="date">`` and ``type="datetime-local"``) can only show a
real date: given "31-02-2026" they show an empty field, so after the error the user no longer sees
what was wrong. Hence, for every date field:

- the widget (`DatumInvoer`, `DatumTijdInvoer`) stays the native picker while its value is a real date
  (in any of the accepted ways of typing it), and becomes a plain text field carrying the typed text
  when it is not, with the expected form as placeholder;
- the field (`DatumVeld`, `DatumTijdVeld`) quotes the typed text in its error ("“31-02-2026” is not an
  existing date …") and accepts the ways Dutch people type a date, so the corrected text is read too.

Forms use the fields (a ModelForm through ``Meta.field_classes``); the fields bring their widget and
their input formats. This module imports nothing from the apps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

#: ISO first (what <input type="date"> sends), then the ways Dutch people type a date.
DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
#: What a ``datetime-local`` input sends and expects.
DATUMTIJD_FORMAAT = "%Y-%m-%dT%H:%M"
#: ISO (with "T" or a space) first, then the Dutch ways; naive values are read in the current time zone.
DATUMTIJD_FORMATEN = [
    DATUMTIJD_FORMAAT,
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%y %H:%M",
]

#: Text shaped like a date (digits and separators), so "31-02-2026" is called "not an existing date"
#: where "next Monday" is "not a date".
_DATUMVORM = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}[:.]\d{2}(?::\d{2})?)?$")
_MAX_GETOOND = 40  # characters of the typed text quoted in an error


def _lezen(tekst: str, formaten: Sequence[str]) -> dt.datetime | None:
    """`tekst` read with the first of `formaten` that fits, or None when none does."""
    tekst = tekst.strip()
    for formaat in formaten:
        try:
            return dt.datetime.strptime(tekst, formaat)
        except ValueError:
            continue
    return None


class _TypedeTekstBlijft:
    """For a native date picker: a typed text that is not a real date is shown as typed, in a text field."""

    input_type: str
    formaten: Sequence[str]
    voorbeeld: str  # the placeholder of the text field

    def _als_waarde(self, gelezen: dt.datetime) -> dt.date | dt.datetime:
        return gelezen

    def format_value(self, value):
        if isinstance(value, str) and value.strip():
            gelezen = _lezen(value, self.formaten)
            if gelezen is None:
                return value  # as typed: the text field shows it beside the error
            value = self._als_waarde(gelezen)
        return super().format_value(value)  # type: ignore[misc]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        if isinstance(value, str) and value.strip() and _lezen(value, self.formaten) is None:
            context["widget"]["type"] = "text"
            context["widget"]["attrs"].setdefault("placeholder", str(self.voorbeeld))
        return context


class DatumInvoer(_TypedeTekstBlijft, forms.DateInput):
    """A native date picker (the browser shows it in the user's locale), or a text field holding what
    was typed when that is not a real date."""

    input_type = "date"
    formaten = DATUM_FORMATEN
    voorbeeld = _("dd-mm-yyyy")

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def _als_waarde(self, gelezen: dt.datetime) -> dt.date:
        return gelezen.date()


class DatumTijdInvoer(_TypedeTekstBlijft, forms.DateTimeInput):
    """A native date-and-time picker, or a text field holding what was typed when it is not a real one."""

    input_type = "datetime-local"
    formaten = DATUMTIJD_FORMATEN
    voorbeeld = _("dd-mm-yyyy hh:mm")

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format=DATUMTIJD_FORMAAT)


class _FoutNoemtInvoer:
    """A date field whose error quotes the typed text and says how to type it."""

    def to_python(self, value):
        try:
            return super().to_python(value)  # type: ignore[misc]
        except ValidationError as fout:
            if fout.code != "invalid":
                raise
            tekst = str(value).strip()
            sleutel = "bestaat_niet" if _DATUMVORM.match(tekst) else "geen_datum"
            raise ValidationError(
                self.error_messages[sleutel],  # type: ignore[attr-defined]
                code="invalid",
                params={"waarde": Truncator(tekst).chars(_MAX_GETOOND)},
            ) from None


class DatumVeld(_FoutNoemtInvoer, forms.DateField):
    """A date: the native picker, Dutch typing (31-12-2026, 31/12/2026) accepted, the typed text kept."""

    widget = DatumInvoer
    default_error_messages = {
        "bestaat_niet": _(
            "“%(waarde)s” is not an existing date. Type the date as dd-mm-yyyy, for example 28-02-2026."
        ),
        "geen_datum": _("“%(waarde)s” is not a date. Type the date as dd-mm-yyyy, for example 28-02-2026."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("input_formats", DATUM_FORMATEN)
        super().__init__(**kwargs)


class DatumTijdVeld(_FoutNoemtInvoer, forms.DateTimeField):
    """A date and time: the native picker, Dutch typing (31-12-2026 14:00) accepted, the typed text kept."""

    widget = DatumTijdInvoer
    default_error_messages = {
        "bestaat_niet": _(
            "“%(waarde)s” is not an existing date and time. Type it as dd-mm-yyyy hh:mm, "
            "for example 28-02-2026 14:00."
        ),
        "geen_datum": _(
            "“%(waarde)s” is not a date and time. Type it as dd-mm-yyyy hh:mm, for example 28-02-2026 14:00."
        ),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("input_formats", DATUMTIJD_FORMATEN)
        super().__init__(**kwargs)
