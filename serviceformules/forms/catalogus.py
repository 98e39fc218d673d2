"""Forms of the catalogue: a serviceformule with the texts of its six P's, and a product's formule."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin

from ..choices import P
from ..models import FormuleP, Product, Serviceformule
from ..services import FORMULE_VELDEN, P_LABELS, P_VELDEN, p_stand

_P_UITLEG = {
    "zekerheid": _("What the resident can count on, in the resident's words."),
    "interne_afspraak": _("What the organisation agrees internally to keep that promise."),
}


def p_veldnaam(p: str, veld: str) -> str:
    """The form field of one P text, e.g. ``prijs_zekerheid`` (the services report errors so too)."""
    return f"{p}_{veld}"


class FormuleForm(ServicefoutenMixin, forms.ModelForm):
    """A formule's name, description, customer role, core values and status, and the promise and internal
    agreement of each of the six P's, in one form."""

    class Meta:
        model = Serviceformule
        fields = list(FORMULE_VELDEN)
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "kernwaarden": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bestaand: dict[str, FormuleP] = {}
        if self.instance.pk:
            bestaand = {rij.p: rij for rij in self.instance.ps.all()}
        for p in P:
            for veld in P_VELDEN:
                naam = p_veldnaam(p.value, veld)
                self.fields[naam] = forms.CharField(
                    label=P_LABELS[veld] % {"p": p.label},
                    help_text=_P_UITLEG[veld],
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=getattr(bestaand.get(p.value), veld, ""),
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "naam",
            "omschrijving",
            Row(Column("klantrol", css_class="col-md-6"), Column("kernwaarden", css_class="col-md-6")),
            "actief",
            HTML(format_html('<h2 class="h4 mt-4">{}</h2>', _("The six P's"))),
            *(
                Fieldset(
                    p.label,
                    Row(
                        Column(p_veldnaam(p.value, "zekerheid"), css_class="col-md-6"),
                        Column(p_veldnaam(p.value, "interne_afspraak"), css_class="col-md-6"),
                    ),
                    css_id=f"p-{p.value}",
                )
                for p in P
            ),
        )
        if self.instance.pk:
            self.versie_volgen(self.instance, FORMULE_VELDEN, extra=p_stand(self.instance))

    def servicevelden(self) -> dict:
        """The formule's own fields, as keyword arguments for the services."""
        return {naam: self.cleaned_data[naam] for naam in FORMULE_VELDEN}

    def p_teksten(self) -> dict[str, dict[str, str]]:
        """The twelve P texts, as the services take them."""
        return {p.value: {veld: self.cleaned_data[p_veldnaam(p.value, veld)] for veld in P_VELDEN} for p in P}


class ProductFormuleForm(ServicefoutenMixin, forms.ModelForm):
    """The formule a product is delivered by (or none)."""

    class Meta:
        model = Product
        fields = ["serviceformule"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["serviceformule"]
        actief = Q(actief=True)
        if self.instance.serviceformule_id:
            actief |= Q(pk=self.instance.serviceformule_id)  # keep one that became inactive
        veld.queryset = Serviceformule.objects.filter(actief).order_by("naam")
        veld.empty_label = _("No formule")
        veld.help_text = _(
            "Only active formules can be chosen. Step 5 of a trajectory proposes this formule."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Div("serviceformule"))
        self.versie_volgen(self.instance, self.Meta.fields)
