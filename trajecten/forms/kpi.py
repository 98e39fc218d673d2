"""Forms of step 2: a KPI (with the reason for changing an approved one) and a measurement.

Numbers are typed the Dutch way ("42,5", also "1.234,5"); a point works too ("42.5"). Whether a
target is valid (different from the baseline, better in the chosen direction) and whether a reason is
needed are the model's and the service's rules; the view puts those errors at their fields.
"""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wasstraat.datumvelden import DatumVeld
from wasstraat.svg import getal

from ..choices import KpiRichting, Meetfrequentie
from ..models import Kpi
from ..services.kpi import KPI_VELDEN
from .fouten import ServicefoutenMixin


def _label(naam: str):
    return capfirst(Kpi._meta.get_field(naam).verbose_name)


def _uitleg(naam: str):
    return Kpi._meta.get_field(naam).help_text


def decimaal_genormaliseerd(tekst: str) -> str:
    """A typed number with a decimal point, whichever way it was typed: "42,5" and "1.234,5" (Dutch),
    "1,234.5" (English). Anything else is left for the field to refuse."""
    tekst = "".join(tekst.split()).replace("\N{NO-BREAK SPACE}", "")
    komma, punt = tekst.rfind(","), tekst.rfind(".")
    if komma >= 0 and punt >= 0:
        if komma > punt:  # 1.234,5
            return tekst.replace(".", "").replace(",", ".")
        return tekst.replace(",", "")  # 1,234.5
    if tekst.count(",") == 1:
        return tekst.replace(",", ".")
    return tekst


class DecimaalInvoer(forms.TextInput):
    """A text input for numbers (a phone shows its number pad); a stored value reads "42,5" in Dutch."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return getal(value)
        return super().format_value(value)  # what the user typed comes back as typed


class DecimaalVeld(forms.DecimalField):
    """A decimal number typed with a comma or a point, at most 12 digits of which 2 after the comma."""

    widget = DecimaalInvoer

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = decimaal_genormaliseerd(value)
        return super().to_python(value)


def _datumveld(naam: str, **kwargs) -> forms.DateField:
    return DatumVeld(label=_label(naam), **kwargs)


class KpiForm(ServicefoutenMixin, forms.Form):
    """Name, definition, unit, direction, baseline, target, frequency and source of one KPI.

    Editing an approved KPI adds the field `reden`: the service requires it when the definition,
    unit, baseline or target changes, and then the error lands there.
    """

    naam = forms.CharField(label=_label("naam"), max_length=200)
    definitie = forms.CharField(
        label=_label("definitie"), help_text=_uitleg("definitie"), widget=forms.Textarea(attrs={"rows": 4})
    )
    eenheid = forms.CharField(label=_label("eenheid"), max_length=50, help_text=_uitleg("eenheid"))
    richting = forms.ChoiceField(
        label=_label("richting"), choices=KpiRichting.choices, widget=forms.RadioSelect
    )
    nulmeting = DecimaalVeld(label=_label("nulmeting"), help_text=_("E.g. 42,5"))
    nulmeting_datum = _datumveld("nulmeting_datum", help_text=_("When the baseline was measured."))
    streefwaarde = DecimaalVeld(label=_label("streefwaarde"))
    streefdatum = _datumveld("streefdatum", required=False, help_text=_("Optional: by when."))
    meetfrequentie = forms.ChoiceField(label=_label("meetfrequentie"), choices=Meetfrequentie.choices)
    bron = forms.CharField(label=_label("bron"), max_length=200, required=False, help_text=_uitleg("bron"))
    reden = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "This KPI has been approved by the process owner. Changing its definition, unit, baseline "
            "or target needs a reason; the change and the reason are kept in the timeline."
        ),
    )

    def __init__(self, *args, kpi: Kpi | None = None, **kwargs) -> None:
        if kpi is not None:
            kwargs.setdefault("initial", {}).update({naam: getattr(kpi, naam) for naam in KPI_VELDEN})
        super().__init__(*args, **kwargs)
        if kpi is None or not kpi.is_goedgekeurd:
            del self.fields["reden"]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> and a real <button>
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "naam",
            "definitie",
            Row(Column("eenheid", css_class="col-md-6"), Column("meetfrequentie", css_class="col-md-6")),
            "richting",
            Row(Column("nulmeting", css_class="col-md-6"), Column("nulmeting_datum", css_class="col-md-6")),
            Row(Column("streefwaarde", css_class="col-md-6"), Column("streefdatum", css_class="col-md-6")),
            "bron",
            *(["reden"] if "reden" in self.fields else []),
        )
        if kpi is not None:
            self.versie_volgen(kpi, KPI_VELDEN)

    def servicevelden(self) -> dict:
        """The KPI's fields as keyword arguments for `kpi_aanmaken` / `kpi_wijzigen` (without `reden`)."""
        return {naam: self.cleaned_data[naam] for naam in KPI_VELDEN}

    def gegeven_reden(self) -> str:
        """The reason typed for the change ("" when the form has no reason field)."""
        return self.cleaned_data.get("reden", "") if "reden" in self.fields else ""


class MetingForm(ServicefoutenMixin, forms.Form):
    """One measurement: date, value and an optional note."""

    datum = DatumVeld(label=_("Date"))
    waarde = DecimaalVeld(label=_("Value"), help_text=_("E.g. 42,5"))
    toelichting = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Optional: e.g. the period measured, or something special about it."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("datum", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("datum", css_class="col-sm-6"), Column("waarde", css_class="col-sm-6")),
            "toelichting",
        )
