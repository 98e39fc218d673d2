"""Forms of the improvement plan."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin


class VerbeterpuntForm(ServicefoutenMixin, forms.Form):
    """An improvement point noted "for later": a short title and, if useful, an explanation."""

    titel = forms.CharField(
        label=_("Improvement point"),
        max_length=200,
        help_text=_("In a few words: what could be better?"),
    )
    omschrijving = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: what did you notice, and why does it matter?"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (htmx, hidden source)
        self.helper.disable_csrf = True
