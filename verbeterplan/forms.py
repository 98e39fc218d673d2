"""Forms of the improvement plan."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin
from trajecten.forms.kpi import DecimaalVeld
from trajecten.models import Kpi, Traject
from wasstraat.accounts.models import User

from .choices import Schaal, Termijn, VerbeterpuntStatus
from .models import Verbeteractie, Verbeterpunt
from .services import ACTIEVELDEN, BESLUITVELDEN, kpi_effecten_van, kpi_extra


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
