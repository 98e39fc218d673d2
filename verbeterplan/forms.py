"""Forms of the improvement plan."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from trajecten.choices import Discipline
from trajecten.forms.fouten import ServicefoutenMixin
from trajecten.forms.kpi import DecimaalVeld
from trajecten.models import Kpi, Traject
from wasstraat.accounts.models import User
from wasstraat.datumvelden import DatumVeld

from .choices import Oordeel, Schaal, Termijn, VerbeterpuntStatus
from .models import Verbeteractie, Verbeterpunt, Voorwaarde
from .services import ACTIEVELDEN, BESLUITVELDEN, kpi_effecten_van, kpi_extra
from .toetsing import INTREKVELDEN, VOORWAARDEVELDEN
from .toetsvragen import BEDRAG, JA_NEE, KEUZE, TEKST, Toetsvraag, antwoorden_valideren, vragen_van


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


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> and a real <button>
    helper.disable_csrf = True
    return helper


# --- step 6: the plan page's filters ------------------------------------------------------------


class PlanFilterForm(forms.Form):
    """The filters of the plan page, in the query string: source, step, decided or not, grouping."""

    bron = forms.ChoiceField(label=_("Source"), required=False)
    stap = forms.ChoiceField(label=_("Step"), required=False)
    besluit = forms.ChoiceField(label=_("Decision"), required=False)
    groeperen = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[("stap", _("Step")), ("bron", _("Source"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        from .selectors import BRON_KEUZES, STAP_KEUZES

        super().__init__(*args, **kwargs)
        self.fields["bron"].choices = [("", _("All sources")), *BRON_KEUZES]
        self.fields["stap"].choices = [("", _("All steps")), *STAP_KEUZES]
        self.fields["besluit"].choices = [
            ("", _("Open and decided")),
            (VerbeterpuntStatus.OPEN, _("Open only")),
            ("besloten", _("Decided only")),
            *((s.value, s.label) for s in VerbeterpuntStatus if s != VerbeterpuntStatus.OPEN),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters (an unknown value in the URL is ignored, with a message at its field)."""
        self.is_valid()  # a field with an unknown value is left out of cleaned_data
        gekozen = {n: self.cleaned_data.get(n) or "" for n in ("bron", "stap", "besluit")}
        return gekozen | {"groeperen": self.cleaned_data.get("groeperen") or "stap"}


# --- step 6: deciding on a point ----------------------------------------------------------------


class _BesluitForm(ServicefoutenMixin, forms.Form):
    """A decision on one point; carries the version of the decision the user saw."""

    besluit: str = ""

    def __init__(self, *args, punt: Verbeterpunt, **kwargs) -> None:
        kwargs.setdefault("prefix", self.besluit)
        super().__init__(*args, **kwargs)
        self.punt = punt
        self.helper = _helper()
        self.versie_volgen(punt, BESLUITVELDEN)


class OvernemenForm(_BesluitForm):
    """Accept the point into a new action, with the action's title (the point's, unless changed)."""

    besluit = "overnemen"

    titel = forms.CharField(
        label=_("Title of the new action"),
        max_length=200,
        help_text=_("You fill in the rest of the action (impact, effort, cost, owner) on its own page."),
        error_messages={"required": _("Give the new action a title.")},
    )

    def __init__(self, *args, punt: Verbeterpunt, **kwargs) -> None:
        kwargs.setdefault("initial", {"titel": punt.titel})
        super().__init__(*args, punt=punt, **kwargs)


class ActieKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: Verbeteractie) -> str:
        return f"{obj.volgorde}. {obj.titel}"


class SamenvoegenForm(_BesluitForm):
    """Merge the point into one of the plan's actions."""

    besluit = "samenvoegen"

    actie = ActieKeuzeVeld(
        label=_("Action"),
        queryset=Verbeteractie.objects.none(),
        empty_label=_("— choose an action —"),
        error_messages={
            "required": _("Choose the action to merge this point into."),
            "invalid_choice": _("Choose an action of this improvement plan."),
        },
    )

    def __init__(self, *args, punt: Verbeterpunt, acties: QuerySet[Verbeteractie], **kwargs) -> None:
        super().__init__(*args, punt=punt, **kwargs)
        self.fields["actie"].queryset = acties


class AfwijzenForm(_BesluitForm):
    """Reject the point, with the reason (required)."""

    besluit = "afwijzen"

    afwijzingsreden = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the team does not take this point up; it stays visible with this reason."),
        error_messages={"required": _("Give the reason for rejecting this point.")},
    )

    def __init__(self, *args, punt: Verbeterpunt, **kwargs) -> None:
        if punt.afwijzingsreden:
            kwargs.setdefault("initial", {"afwijzingsreden": punt.afwijzingsreden})
        super().__init__(*args, punt=punt, **kwargs)


# --- step 6: an action --------------------------------------------------------------------------


class EigenaarKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class VerbeteractieForm(ServicefoutenMixin, forms.ModelForm):
    """An improvement action: what, quick win or long term, impact and effort, cost, departments,
    proposed owner, whether the desired process changes, and per KPI of the trajectory the expected
    effect in words (a field ``kpi_<pk>`` each; empty: not expected to move it)."""

    class Meta:
        model = Verbeteractie
        fields = list(ACTIEVELDEN)
        field_classes = {
            "voorgestelde_eigenaar": EigenaarKeuzeVeld,
            "kosten_eenmalig": DecimaalVeld,  # typed with a comma or a point
            "kosten_jaarlijks": DecimaalVeld,
        }
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "termijn": forms.RadioSelect,
            "afdelingen": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "titel": {"required": _("Give the action a title.")},
            "kosten_eenmalig": {"invalid": _("Enter an amount in euros, such as 2500 or 2500,50.")},
            "kosten_jaarlijks": {"invalid": _("Enter an amount in euros, such as 2500 or 2500,50.")},
        }

    def __init__(self, *args, traject: Traject, kpis: list[Kpi], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kpis = kpis
        self.fields["termijn"].choices = [("", _("Not chosen yet")), *Termijn.choices]
        self.fields["termijn"].required = False
        for naam in ("impact", "inspanning"):
            self.fields[naam].choices = [("", _("Not estimated yet")), *Schaal.choices]
        # The team, and the owner chosen earlier even if they left the team since (kept, not lost).
        team = Q(teamlidmaatschappen__traject=traject) | Q(pk=self.instance.voorgestelde_eigenaar_id or 0)
        self.fields["voorgestelde_eigenaar"].queryset = (
            User.objects.filter(team).distinct().order_by("first_name", "last_name", "pk")
        )
        self.fields["voorgestelde_eigenaar"].empty_label = _("— nobody yet —")
        effecten = kpi_effecten_van(self.instance if self.instance.pk else None, kpis)
        for kpi in kpis:
            self.fields[f"kpi_{kpi.pk}"] = forms.CharField(
                label=_("Expected effect on %(kpi)s") % {"kpi": kpi.naam},
                max_length=300,
                required=False,
                initial=effecten[kpi.pk],
                help_text=_("In words, e.g. “from 56 to 30 days”; leave empty if it does not move this KPI."),
            )
        self.helper = _helper()
        self.helper.layout = Layout(
            "titel",
            "omschrijving",
            "termijn",
            Row(Column("impact", css_class="col-md-6"), Column("inspanning", css_class="col-md-6")),
            Row(
                Column("kosten_eenmalig", css_class="col-md-6"),
                Column("kosten_jaarlijks", css_class="col-md-6"),
            ),
            "afdelingen",
            "voorgestelde_eigenaar",
            "wijzigt_gewenst_proces",
            *([Fieldset(_("The KPIs it should move"), *(f"kpi_{kpi.pk}" for kpi in kpis))] if kpis else []),
        )
        if self.instance.pk:
            self.versie_volgen(self.instance, ACTIEVELDEN, extra=kpi_extra(kpis, effecten))

    def servicevelden(self) -> dict:
        """The cleaned fields as keyword arguments for the service."""
        return {naam: self.cleaned_data[naam] for naam in ACTIEVELDEN}

    def kpi_effecten(self) -> dict[int, str]:
        return {kpi.pk: self.cleaned_data.get(f"kpi_{kpi.pk}", "") for kpi in self.kpis}


# --- step 7: the review -------------------------------------------------------------------------


class PersoonKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        naam = obj.get_full_name() or obj.get_username()
        return f"{naam} ({obj.functie})" if getattr(obj, "functie", "") else naam


class ToetsverzoekForm(ServicefoutenMixin, forms.Form):
    """A review request: the specialist (on the team or not), their discipline, the term, a message."""

    specialist = PersoonKeuzeVeld(
        label=_("Specialist"),
        queryset=User.objects.none(),
        empty_label=_("— choose a person —"),
        help_text=_("Anyone with an account; the request itself gives them access to what the review needs."),
        error_messages={
            "required": _("Choose the specialist who reviews the plan."),
            "invalid_choice": _("Choose an active person from the list."),
        },
    )
    discipline = forms.ChoiceField(
        label=_("Discipline"),
        choices=[("", _("— choose a discipline —")), *Discipline.choices],
        error_messages={"required": _("Choose the discipline the specialist reviews from.")},
    )
    termijn = DatumVeld(
        label=_("Term"),
        help_text=_("By default ten working days from today (weekends and public holidays skipped)."),
        error_messages={"required": _("Give the date by which the verdict is expected.")},
    )
    bericht = forms.CharField(
        label=_("Message to the specialist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what you would like them to look at in particular."),
    )

    def __init__(self, *args, termijn, **kwargs) -> None:
        kwargs.setdefault("initial", {"termijn": termijn})
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name", "pk"
        )
        self.helper = _helper()


class IntrekkenForm(ServicefoutenMixin, forms.Form):
    """Withdraw a request, with the reason (required); carries the request's version."""

    intrekreden = forms.CharField(
        label=_("Reason for withdrawing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this review is no longer needed; it stays visible with the request."),
        error_messages={"required": _("Give the reason for withdrawing this request.")},
    )

    def __init__(self, *args, verzoek, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.versie_volgen(verzoek, INTREKVELDEN)


class HerhalenForm(ServicefoutenMixin, forms.Form):
    """A fresh review of the changed actions: the term and a message."""

    termijn = DatumVeld(
        label=_("Term"),
        help_text=_("By default ten working days from today (weekends and public holidays skipped)."),
        error_messages={"required": _("Give the date by which the verdict is expected.")},
    )
    bericht = forms.CharField(
        label=_("Message to the specialist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what changed, in a few words."),
    )

    def __init__(self, *args, termijn, **kwargs) -> None:
        kwargs.setdefault("initial", {"termijn": termijn})
        super().__init__(*args, **kwargs)
        self.helper = _helper()


def _vraagveld(vraag: Toetsvraag) -> forms.Field:
    """The form field of one question; the value is checked by the table's rules (`antwoorden_valideren`)."""
    algemeen = {
        "label": vraag.vraag,
        "required": vraag.verplicht,
        "help_text": vraag.uitleg,
        "error_messages": {"required": _("Answer this question: %(vraag)s") % {"vraag": vraag.vraag}},
    }
    if vraag.soort in (JA_NEE, KEUZE):
        keuzes = list(vraag.opties()) if vraag.verplicht else [("", _("No answer")), *vraag.opties()]
        return forms.ChoiceField(choices=keuzes, widget=forms.RadioSelect, **algemeen)
    if vraag.soort == TEKST:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **algemeen)
    invoer = "decimal" if vraag.soort == BEDRAG else "numeric"
    return forms.CharField(max_length=20, widget=forms.TextInput(attrs={"inputmode": invoer}), **algemeen)


class ToetsoordeelForm(ServicefoutenMixin, forms.Form):
    """A verdict: approved, with conditions (one per line) or not, the explanation, and the questions of
    the request's discipline (`toetsvragen.TOETSVRAGEN`, a field ``vraag_<key>`` each)."""

    oordeel = forms.ChoiceField(
        label=_("Verdict"),
        choices=Oordeel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your verdict.")},
    )
    voorwaarden = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only with “approved with conditions”: one condition per line; each is tracked on the action."
        ),
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain your verdict.")},
    )

    def __init__(self, *args, discipline: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.discipline = discipline
        self.vragen = vragen_van(discipline)
        for vraag in self.vragen:
            self.fields[vraag.veldnaam] = _vraagveld(vraag)
        self.helper = _helper()
        vragen = [v.veldnaam for v in self.vragen]
        self.helper.layout = Layout(
            "oordeel",
            "voorwaarden",
            "toelichting",
            *([Fieldset(_("The questions of your discipline"), *vragen)] if vragen else []),
        )

    def clean(self) -> dict:
        data = super().clean()
        regels = self.voorwaarde_regels()
        if data.get("oordeel") == Oordeel.ONDER_VOORWAARDEN and not regels:
            self.add_error("voorwaarden", _("Name the conditions of your approval, one per line."))
        elif data.get("oordeel") and data.get("oordeel") != Oordeel.ONDER_VOORWAARDEN and regels:
            self.add_error(
                "voorwaarden",
                _(
                    "Only an approval with conditions has conditions; choose that verdict or leave this "
                    "empty."
                ),
            )
        try:
            self.schone_antwoorden = antwoorden_valideren(self.discipline, self.antwoorden())
        except ValidationError as fout:
            for veld, berichten in fout.message_dict.items():
                if veld not in self.errors:  # a required question left empty is said once
                    self.add_error(veld if veld in self.fields else None, berichten)
        return data

    def voorwaarde_regels(self) -> list[str]:
        tekst = self.cleaned_data.get("voorwaarden") or ""
        return [regel.strip() for regel in tekst.splitlines() if regel.strip()]

    def antwoorden(self) -> dict:
        return {v.sleutel: self.cleaned_data.get(v.veldnaam) or "" for v in self.vragen}


class VoorwaardeForm(ServicefoutenMixin, forms.ModelForm):
    """Keeping up a condition: its owner, and met, set aside (with the reason) or open."""

    class Meta:
        model = Voorwaarde
        fields = list(VOORWAARDEVELDEN)
        field_classes = {"eigenaar": EigenaarKeuzeVeld}
        widgets = {"status": forms.RadioSelect, "toelichting": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"eigenaar": {"required": _("Choose the owner of this condition.")}}

    def __init__(self, *args, traject: Traject, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        team = Q(teamlidmaatschappen__traject=traject) | Q(pk=self.instance.eigenaar_id or 0)
        self.fields["eigenaar"].queryset = (
            User.objects.filter(team, is_active=True).distinct().order_by("first_name", "last_name", "pk")
        )
        self.fields["eigenaar"].empty_label = None
        self.helper = _helper()
        self.versie_volgen(self.instance, VOORWAARDEVELDEN)
