"""Forms of the accounts app in the application (the admin's forms are in admin.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wasstraat.filterformulier import PeriodeFilterForm

from .choices import RechtenwijzigingSoort


class RechtenlogFilterForm(PeriodeFilterForm):
    """Filters of the rights log (GET): kind, account and period. A bad filter is left out, with its error."""

    soort = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *RechtenwijzigingSoort.choices]
    )
    zoek = forms.CharField(
        label=_("Account or group"), required=False, max_length=150, help_text=_("Name or user name.")
    )
    KOLOMMEN = (("soort", "col-md-3"), ("zoek", "col-md-4"))
