"""Forms of the accounts app in the application (the admin's forms are in admin.py)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import RechtenwijzigingSoort

#: ISO first (what <input type="date"> sends), then the ways Dutch people type a date.
DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]


class _Datum(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RechtenlogFilterForm(forms.Form):
    """Filters of the rights log (GET): kind, account and period. A bad filter is left out, with its error."""

    soort = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *RechtenwijzigingSoort.choices]
    )
    zoek = forms.CharField(
        label=_("Account or group"), required=False, max_length=150, help_text=_("Name or user name.")
    )
    van = forms.DateField(label=_("From"), required=False, widget=_Datum(), input_formats=DATUM_FORMATEN)
    tot = forms.DateField(
        label=_("Up to and including"), required=False, widget=_Datum(), input_formats=DATUM_FORMATEN
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("soort", css_class="col-md-3"),
                Column("zoek", css_class="col-md-4"),
                Column("van", css_class="col-md-2 col-6"),
                Column("tot", css_class="col-md-3 col-6"),
                css_class="g-2",
            )
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
