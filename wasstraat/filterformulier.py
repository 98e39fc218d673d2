"""The filter form of a log page (GET): a few filters of its own and a period, on one row.

The privacy log and the rights log share it. A filter with an error is left out of `filters()`, with its
error shown at the field; the rest still filter.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from .datumvelden import DatumVeld


class PeriodeFilterForm(forms.Form):
    """Subclasses add their fields and list them with their column classes in `KOLOMMEN`; `van` and
    `tot` (the period, both optional) come last."""

    KOLOMMEN: tuple[tuple[str, str], ...] = ()

    van = DatumVeld(label=_("From"), required=False)
    tot = DatumVeld(label=_("Up to and including"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        kolommen = [*self.KOLOMMEN, ("van", "col-md-2 col-6"), ("tot", "col-md-3 col-6")]
        self.helper.layout = Layout(
            Row(*(Column(naam, css_class=klassen) for naam, klassen in kolommen), css_class="g-2")
        )

    def clean(self) -> dict:
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("The end of the period cannot be before its start."))
        return data

    def filters(self) -> dict:
        """The valid filters (a filter with an error is left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {naam: data.get(naam) for naam in self.fields if naam not in self.errors and data.get(naam)}
