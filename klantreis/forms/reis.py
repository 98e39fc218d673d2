"""Forms of the customer journey: the target group or persona, a phase, a contact moment, a pain point.

They validate input and lay themselves out; the services hold the rules (the views put a service's
refusal at its field). Quotes and pain points are pseudonymous text: the models refuse what looks like
a BSN, an e-mail address or a phone number, and say so in their help text.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin

from ..choices import Beleving
from ..models import Contactmoment, Fase, Klantreis, Pijnpunt
from ..selectors import score_tekst
from ..services import CONTACTMOMENTVELDEN, FASEVELDEN, PERSONAVELDEN


def _helper(layout: Layout | None = None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> and a real <button>
    helper.disable_csrf = True
    if layout is not None:
        helper.layout = layout
    return helper


class _Servicevelden:
    velden: tuple[str, ...] = ()

    def servicevelden(self) -> dict:
        """The cleaned fields as keyword arguments for the service."""
        return {naam: self.cleaned_data[naam] for naam in self.velden}  # type: ignore[attr-defined]

    def bewerking_volgen(self) -> None:
        """Editing an existing object: carry the version the user sees (`wasstraat.bewerking`)."""
        if self.instance.pk:  # type: ignore[attr-defined]
            self.versie_volgen(self.instance, self.velden)  # type: ignore[attr-defined]


class KlantreisForm(_Servicevelden, ServicefoutenMixin, forms.ModelForm):
    """The target group or persona the journey is drawn for: name, description and needs."""

    velden = PERSONAVELDEN

    class Meta:
        model = Klantreis
        fields = PERSONAVELDEN
        widgets = {
            "persona_omschrijving": forms.Textarea(attrs={"rows": 4}),
            "persona_behoeften": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        # One journey per trajectory: someone else starting it first is a conflict as well.
        self.versie_volgen(self.instance if self.instance.pk else None, self.velden)


class FaseForm(_Servicevelden, ServicefoutenMixin, forms.ModelForm):
    """A phase of the journey with the metric that measures it (current value and target)."""

    velden = FASEVELDEN

    class Meta:
        model = Fase
        fields = FASEVELDEN
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Layout(
                "naam",
                "omschrijving",
                "metriek",
                Row(
                    Column("huidige_waarde", css_class="col-md-6"),
                    Column("streefwaarde", css_class="col-md-6"),
                ),
            )
        )
        self.bewerking_volgen()


class FaseKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: Fase) -> str:
        return f"{obj.volgorde}. {obj.naam}"


class ContactmomentForm(_Servicevelden, ServicefoutenMixin, forms.ModelForm):
    """A contact moment: phase and journey, what the customer does and experiences, the experience
    (−2 … +2), quotes, whether it is a moment of truth."""

    velden = CONTACTMOMENTVELDEN

    class Meta:
        model = Contactmoment
        fields = CONTACTMOMENTVELDEN
        field_classes = {"fase": FaseKeuzeVeld}
        widgets = {
            "reis": forms.RadioSelect,
            "beleving": forms.RadioSelect,
            "klant_doet": forms.Textarea(attrs={"rows": 3}),
            "klant_ervaart": forms.Textarea(attrs={"rows": 3}),
            "citaten": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, klantreis: Klantreis, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fase"].queryset = klantreis.fasen.order_by("volgorde", "pk")
        self.fields["fase"].empty_label = None
        self.fields["beleving"].choices = [
            (waarde, f"{label} ({score_tekst(waarde)})") for waarde, label in Beleving.choices
        ]
        self.helper = _helper(
            Layout(
                Row(Column("fase", css_class="col-md-6"), Column("reis", css_class="col-md-6")),
                Row(Column("titel", css_class="col-md-8"), Column("kanaal", css_class="col-md-4")),
                "klant_doet",
                "klant_ervaart",
                "beleving",
                "citaten",
                "moment_van_waarheid",
            )
        )
        self.bewerking_volgen()


class PijnpuntForm(_Servicevelden, ServicefoutenMixin, forms.ModelForm):
    """One pain point of a contact moment."""

    velden = ("omschrijving",)

    class Meta:
        model = Pijnpunt
        fields = ("omschrijving",)
        labels = {"omschrijving": _("New pain point")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
