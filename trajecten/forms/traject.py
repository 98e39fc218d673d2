"""Forms for a trajectory's basics, the "Mijn trajecten" filter and the reason for a transition."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serviceformules.models import Product
from wasstraat.accounts.models import Afdeling
from wasstraat.datumvelden import DatumInvoer, DatumVeld

from ..choices import Stap, TrajectStatus
from ..models import Traject
from .fouten import ServicefoutenMixin


class TrajectForm(ServicefoutenMixin, forms.ModelForm):
    """The basics of a trajectory, for creating and editing it.

    When editing, the form carries the version the user started from (`wasstraat.bewerking`), so the
    service can refuse to overwrite someone else's change made in the meantime.
    """

    class Meta:
        model = Traject
        fields = ["product", "titel", "aanleiding", "doel", "startdatum", "einddatum"]
        widgets = {
            "aanleiding": forms.Textarea(attrs={"rows": 4}),
            "doel": forms.Textarea(attrs={"rows": 4}),
            "startdatum": DatumInvoer(),
            "einddatum": DatumInvoer(),
        }
        field_classes = {"startdatum": DatumVeld, "einddatum": DatumVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bewerken = self.instance.pk is not None
        actief = Q(actief=True)
        if self.bewerken:
            actief |= Q(pk=self.instance.product_id)  # keep a product that became inactive
        product = self.fields["product"]
        product.queryset = Product.objects.filter(actief).select_related("afdeling")
        product.help_text = _("Only active products and services can be chosen.")
        product.empty_label = _("Choose a product or service")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "product",
            "titel",
            "aanleiding",
            "doel",
            Div(
                Div("startdatum", css_class="col-sm-6"),
                Div("einddatum", css_class="col-sm-6"),
                css_class="row",
            ),
        )
        if self.bewerken:
            self.versie_volgen(self.instance, self.Meta.fields)

    def basisgegevens(self) -> dict:
        """The cleaned basics, as keyword arguments for the services."""
        return {naam: self.cleaned_data[naam] for naam in self.Meta.fields}


class TrajectFilterForm(forms.Form):
    """Search and filters of the "Mijn trajecten" list (GET)."""

    zoek = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or product")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *TrajectStatus.choices],
    )
    stap = forms.ChoiceField(
        label=_("Step in progress"), required=False, choices=[("", _("All steps")), *Stap.choices]
    )
    afdeling = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Afdeling.objects.all(),
        empty_label=_("All departments"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(Field("zoek"), css_class="col-md-4"),
                Div(Field("status"), css_class="col-md-2"),
                Div(Field("stap"), css_class="col-md-3"),
                Div(Field("afdeling"), css_class="col-md-3"),
                css_class="row g-2",
            )
        )

    def filters(self) -> dict:
        """The valid filters as keyword arguments for `selectors.trajecten_lijst`; bad ones are ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        schoon = self.cleaned_data
        afdeling = schoon.get("afdeling")
        return {
            "zoek": schoon.get("zoek", ""),
            "status": schoon.get("status", ""),
            "stap": schoon.get("stap", ""),
            "afdeling": afdeling.pk if afdeling else None,
        }


class RedenForm(ServicefoutenMixin, forms.Form):
    """The reason for a transition: required to pause, stop, skip or reopen; optional to resume."""

    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Give a reason.")},
    )

    def __init__(self, *args, verplicht: bool = True, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["reden"]
        veld.required = verplicht
        if not verplicht:
            veld.label = _("Reason (optional)")
        veld.help_text = help_text
        self.helper = FormHelper()
        self.helper.form_tag = False
