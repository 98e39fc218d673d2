"""Forms of the alternatives to own interviews: the alternative (per kind) and an attachment.

They validate input and lay themselves out; the rules live in `klantreis.alternatieven` (the model
requires the reason and, per kind, source and summary or municipality, link and what was taken over;
the service checks an attachment's size, type and content). The views put those refusals at the field.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin

from ..alternatieven import velden_van
from ..choices import AlternatiefSoort
from ..models import BIJLAGE_EXTENSIES, Alternatief

_TOELICHTING = {
    AlternatiefSoort.FEEDBACK: _("The existing customer feedback"),
    AlternatiefSoort.ANDERE_GEMEENTE: _("The other municipality's customer journey"),
}


def _helper(layout: Layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> and a real <button>
    helper.disable_csrf = True
    helper.layout = layout
    return helper


#: How the alternative's fields look; labels, lengths and help texts come from the model.
_WIDGETS = {
    "reden": forms.Textarea(attrs={"rows": 3}),
    "samenvatting": forms.Textarea(attrs={"rows": 5}),
    "overgenomen": forms.Textarea(attrs={"rows": 4}),
}
_UITLEG = {
    "samenvatting": _(
        "What the feedback says about the journey. No names, addresses, BSN, e-mail addresses or phone "
        "numbers of residents."
    ),
    "link": _("The web address where the municipality published its customer journey."),
    "overgenomen": _("Which phases, contact moments or insights were taken over for this journey."),
}


def _veld(modelveld, **kwargs) -> forms.Field:
    """The model's form field; a link without a scheme is taken as https://."""
    if modelveld.name == "link":
        kwargs["assume_scheme"] = "https"
    return modelveld.formfield(**kwargs)


class AlternatiefForm(ServicefoutenMixin, forms.Form):
    """The reason why no own interviews were held, and the fields of one kind of alternative.

    The kind is not a field: the view takes it from the page (`?soort=`) for a new alternative and
    from the alternative itself when editing; the form shows only that kind's fields. What each kind
    requires is the model's rule: the service's `full_clean()` puts a missing field's error at it.
    """

    def __init__(self, *args, soort: str, alternatief: Alternatief | None = None, **kwargs) -> None:
        self.soort = AlternatiefSoort(alternatief.soort if alternatief is not None else soort)
        self.velden = velden_van(self.soort)
        if alternatief is not None:
            kwargs.setdefault("initial", {}).update(model_to_dict(alternatief, fields=self.velden))
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Alternatief,
                fields=self.velden,
                widgets=_WIDGETS,
                help_texts=_UITLEG,
                formfield_callback=_veld,
            )
        )
        for naam in self.velden:  # required per kind: the model's clean() says so, at the field
            self.fields[naam].required = False
            if naam != "periode":
                self.fields[naam].widget.attrs["aria-required"] = "true"
        self.helper = _helper(
            Layout(
                Fieldset(_("Reason"), "reden"),
                Fieldset(_TOELICHTING[self.soort], *(n for n in self.velden if n != "reden")),
            )
        )
        if alternatief is not None:
            self.versie_volgen(alternatief, self.velden)

    def clean(self) -> dict:
        """The model's rule per kind already here, so every missing field is reported at once, also
        next to a field the form refused itself (e.g. a link that is no URL)."""
        cleaned = super().clean()
        kandidaat = Alternatief(soort=self.soort, **{n: cleaned.get(n) or "" for n in self.velden})
        try:
            kandidaat.clean()
        except ValidationError as fout:
            for veld, fouten in fout.error_dict.items():
                if veld in self.fields and veld not in self.errors:
                    self.add_error(veld, fouten)
        return cleaned

    def servicevelden(self) -> dict:
        """The cleaned fields as keyword arguments for the service."""
        return {naam: self.cleaned_data[naam] for naam in self.velden}


def _bestand_uitleg() -> str:
    return _("Allowed: %(extensies)s; at most %(maximum)s.") % {
        "extensies": ", ".join(f".{e}" for e in BIJLAGE_EXTENSIES),
        "maximum": filesizeformat(settings.KLANTREIS_BIJLAGE_MAX_BYTES),
    }


class BijlageForm(ServicefoutenMixin, forms.Form):
    """One file to attach to existing customer feedback (checked by the service)."""

    bestand = forms.FileField(
        label=_("File"),
        help_text=lazy(_bestand_uitleg, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in BIJLAGE_EXTENSIES)}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Layout("bestand"))
