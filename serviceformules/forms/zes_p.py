"""Forms of step 5: choosing the trajectory's serviceformule and assessing one P."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin

from ..choices import Oordeel
from ..models import Formulekeuze, PBeoordeling, Serviceformule
from ..services import BEOORDELINGVELDEN, KEUZEVELDEN, TOELICHTING_VERPLICHT


class FormuleKeuzeVeld(forms.ModelChoiceField):
    """A formule with its customer role, so the team sees which one fits."""

    def label_from_instance(self, obj: Serviceformule) -> str:
        return f"{obj.naam} — {obj.klantrol}" if obj.klantrol else obj.naam


class FormulekeuzeForm(ServicefoutenMixin, forms.ModelForm):
    """The formule the product is assessed against, and why (optional)."""

    formule = FormuleKeuzeVeld(
        label=_("Serviceformule"),
        queryset=Serviceformule.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Only active formules can be chosen."),
    )

    class Meta:
        model = Formulekeuze
        fields = ["formule", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"toelichting": _("Optional: why this formule fits the product.")}

    def __init__(
        self, *args, huidige: Serviceformule | None = None, keuze: Formulekeuze | None = None, **kwargs
    ) -> None:
        """`keuze`: the trajectory's choice as it is now (None: not chosen yet)."""
        super().__init__(*args, **kwargs)
        actief = Q(actief=True)
        if huidige is not None:
            actief |= Q(pk=huidige.pk)  # the chosen one stays choosable, also when it became inactive
        self.fields["formule"].queryset = Serviceformule.objects.filter(actief).order_by("naam")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("formule", "toelichting")
        self.versie_volgen(keuze, KEUZEVELDEN)


class PBeoordelingForm(ServicefoutenMixin, forms.ModelForm):
    """The verdict on one P (matches, partly deviates, deviates) with its explanation."""

    oordeel = forms.ChoiceField(label=_("Verdict"), choices=Oordeel.choices, widget=forms.RadioSelect)

    class Meta:
        model = PBeoordeling
        fields = ["oordeel", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "toelichting": _(
                "Compare the current process with the promise and the internal agreement above: what "
                "matches, what does not, and where you see it in the process."
            )
        }
        error_messages = {"toelichting": {"required": TOELICHTING_VERPLICHT}}

    def __init__(self, *args, beoordeling: PBeoordeling | None = None, **kwargs) -> None:
        """`beoordeling`: the assessment of this P as it is now (None: not assessed yet)."""
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("oordeel", "toelichting")
        self.versie_volgen(beoordeling, BEOORDELINGVELDEN)
