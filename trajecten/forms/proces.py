"""Forms of the process maps: a version (new, or a copy of another) and one step of it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import ProcesSoort
from ..models import ProcesStap, ProcesVersie, Traject
from .fouten import ServicefoutenMixin


def _helper(layout: Layout | None = None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> (with its htmx attributes)
    helper.disable_csrf = True
    if layout is not None:
        helper.layout = layout
    return helper


class VersieKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProcesVersie) -> str:
        return f"{obj.naam} ({obj.get_soort_display().lower()}, {obj.get_status_display().lower()})"


class ProcesVersieForm(ServicefoutenMixin, forms.Form):
    """A new process version: its kind, name and explanation, and optionally the version it copies.

    With `bewerken=True` only the name and the explanation (the kind is fixed once created).
    """

    soort = forms.ChoiceField(
        label=_("Kind"),
        choices=ProcesSoort.choices,
        widget=forms.RadioSelect,
        help_text=_("The current process is mapped in step 3a and checked in 3b; the desired one in step 8."),
    )
    naam = forms.CharField(label=_("Name"), max_length=200)
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: scope, sources, what this version is about."),
    )
    kopie_van = VersieKeuzeVeld(
        label=_("Start as a copy of"),
        queryset=ProcesVersie.objects.none(),
        required=False,
        empty_label=_("No: start with an empty map"),
        help_text=_("Every step is copied, in order, with its branches."),
    )

    def __init__(self, *args, traject: Traject, bewerken: ProcesVersie | None = None, **kwargs) -> None:
        """`bewerken`: the version being edited (then only its name and explanation)."""
        if bewerken is not None:
            kwargs.setdefault("initial", {}).update(
                {"naam": bewerken.naam, "toelichting": bewerken.toelichting}
            )
        super().__init__(*args, **kwargs)
        if bewerken is not None:
            del self.fields["soort"]
            del self.fields["kopie_van"]
        else:
            self.fields["kopie_van"].queryset = traject.procesversies.order_by("soort", "-aangemaakt_op")
        self.helper = _helper()
        if bewerken is not None:
            self.versie_volgen(bewerken, ("naam", "toelichting"))

    def versiegegevens(self) -> dict:
        """Name and explanation, as keyword arguments for `procesversie_wijzigen`."""
        return {naam: self.cleaned_data[naam] for naam in ("naam", "toelichting")}


def _zonder_nullen(getal: Decimal) -> Decimal:
    """The same number without trailing zeros after the decimal point (and never in exponent form)."""
    return getal.quantize(Decimal(1)) if getal == getal.to_integral_value() else getal.normalize()


class StapKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProcesStap) -> str:
        return f"{obj.volgorde}. {obj.naam}"


TIJDVELD_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "tijdveld"}


class ProcesStapForm(ServicefoutenMixin, forms.ModelForm):
    """One step: what happens, who does it (the lane), how long it takes and its LEAN class.

    Whether a waste type is needed and whether a branch is allowed are the model's rules
    (`ProcesStap.clean`), shown at their fields. Times take a Dutch decimal comma ("1,5").
    The actor is free text with suggestions (a datalist the page renders once, `actoren_lijst` is
    its id), so the lanes stay consistent. A new step (`nieuw=True`) may be placed after a given step.
    """

    bewerkingstijd = forms.DecimalField(
        label=_("Processing time"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=TIJDVELD_ATTRS),
        help_text=_("The time someone actually works on it."),
    )
    wachttijd = forms.DecimalField(
        label=_("Waiting time"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=TIJDVELD_ATTRS),
        help_text=_("The time the case lies waiting before or after this step."),
    )
    na = StapKeuzeVeld(
        label=_("Position"),
        queryset=ProcesStap.objects.none(),
        required=False,
        empty_label=_("At the end"),
        help_text=_("Or right after the step chosen here."),
    )

    class Meta:
        model = ProcesStap
        fields = [
            "naam",
            "actor",
            "omschrijving",
            "soort",
            "kanaal",
            "bewerkingstijd",
            "bewerkingstijd_eenheid",
            "wachttijd",
            "wachttijd_eenheid",
            "lean",
            "verspilling",
            "vertakking_naar",
            "vertakking_label",
        ]
        field_classes = {"vertakking_naar": StapKeuzeVeld}
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "verspilling": _("Only for a waste step: which of the eight kinds of waste."),
            "vertakking_naar": _("Only for a decision: the step the other outcome leads to."),
        }

    def __init__(
        self,
        *args,
        versie: ProcesVersie,
        stappen: Iterable[ProcesStap] | None = None,
        actoren_lijst: str = "",
        nieuw: bool = False,
        **kwargs,
    ) -> None:
        instance = kwargs.get("instance") or ProcesStap(versie=versie, volgorde=0)
        instance.versie = versie
        kwargs["instance"] = instance
        super().__init__(*args, **kwargs)
        andere = versie.stappen.order_by("volgorde", "pk")
        if instance.pk:
            andere = andere.exclude(pk=instance.pk)
        self.fields["vertakking_naar"].queryset = andere
        self.fields["vertakking_naar"].empty_label = _("No branch")
        self.fields["verspilling"].choices = [("", _("Not waste")), *self.fields["verspilling"].choices[1:]]
        if actoren_lijst:
            self.fields["actor"].widget.attrs.update({"list": actoren_lijst, "autocomplete": "off"})
        for veld in ("bewerkingstijd", "wachttijd"):  # "1,5" rather than "1,50"; "30" rather than "30,00"
            if not self.is_bound and self.initial.get(veld) is not None:
                self.initial[veld] = _zonder_nullen(Decimal(self.initial[veld]))
        if nieuw:
            self.fields["na"].queryset = versie.stappen.order_by("volgorde", "pk")
        else:
            del self.fields["na"]
        self.helper = _helper(self._layout(nieuw))
        if instance.pk:
            self.versie_volgen(instance, self.Meta.fields)

    @staticmethod
    def _layout(nieuw: bool) -> Layout:
        kolom = "col-12 col-md-6 col-xl-3"
        return Layout(
            Row(Column("naam", css_class="col-12 col-md-6"), Column("actor", css_class="col-12 col-md-6")),
            Field("omschrijving"),
            Row(
                Column("soort", css_class=kolom),
                Column("kanaal", css_class=kolom),
                Column("lean", css_class=kolom),
                Column("verspilling", css_class=kolom),
            ),
            Row(
                Column("bewerkingstijd", css_class=kolom),
                Column("bewerkingstijd_eenheid", css_class=kolom),
                Column("wachttijd", css_class=kolom),
                Column("wachttijd_eenheid", css_class=kolom),
            ),
            Row(
                Column("vertakking_naar", css_class="col-12 col-md-6"),
                Column("vertakking_label", css_class="col-12 col-md-6"),
            ),
            *(["na"] if nieuw else []),
        )

    def stapgegevens(self) -> dict:
        """The cleaned values the step services take (without the position)."""
        return {naam: self.cleaned_data[naam] for naam in self.Meta.fields}


class VergelijkenForm(forms.Form):
    """Which two versions to set side by side (a GET form: the choice is in the address)."""

    huidig = forms.TypedChoiceField(label=_("Version"), coerce=int)
    gewenst = forms.TypedChoiceField(label=_("Compared with"), coerce=int)

    def __init__(self, *args, versies: Iterable[ProcesVersie], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._versies = {versie.pk: versie for versie in versies}
        keuzes = [(pk, VersieKeuzeVeld.label_from_instance(None, v)) for pk, v in self._versies.items()]
        for naam in ("huidig", "gewenst"):
            self.fields[naam].choices = keuzes
        self.helper = _helper()

    def clean(self) -> dict:
        data = super().clean()
        for naam in ("huidig", "gewenst"):
            if naam in data:
                data[naam] = self._versies[data[naam]]
        if data.get("huidig") is not None and data.get("huidig") == data.get("gewenst"):
            self.add_error("gewenst", _("Choose another version than the first."))
        return data
