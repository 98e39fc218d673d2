"""Forms of step 3b: inviting colleagues to check a process map, their responses, marking it checked."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wasstraat.accounts.models import User

from ..models import ProcesStap, ProcesVersie, Sessie
from .fouten import ServicefoutenMixin
from .team import GebruikerKeuzeVeld


class _Personen(forms.ModelMultipleChoiceField):
    """People, shown as "Full name (department)" like everywhere else."""

    label_from_instance = GebruikerKeuzeVeld.label_from_instance


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form>
    helper.disable_csrf = True
    return helper


class UitnodigenForm(ServicefoutenMixin, forms.Form):
    """The colleagues to ask: subject-matter employees and the process owner not yet asked."""

    gebruikers = _Personen(
        label=_("Who should check the process?"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Subject-matter employees and the process owner of this trajectory. They get an e-mail."),
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args, kandidaten: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebruikers"].queryset = kandidaten
        self.helper = _helper()


class GecontroleerdForm(ServicefoutenMixin, forms.Form):
    """How the version was checked: online (everyone asked has responded) or in a 3b session."""

    ONLINE = "online"
    SESSIE = "sessie"

    manier = forms.ChoiceField(
        label=_("How was the process checked?"),
        choices=[
            (ONLINE, _("Online: everyone who was asked has confirmed it or commented")),
            (SESSIE, _("In a 3b session (checking the process)")),
        ],
        widget=forms.RadioSelect,
        initial=ONLINE,
    )
    sessie = forms.ModelChoiceField(
        label=_("3b session"),
        queryset=Sessie.objects.none(),
        required=False,
        empty_label=_("Choose the session"),
        help_text=_("A session that has taken place, with its notes recorded."),
    )

    def __init__(self, *args, sessies: QuerySet[Sessie], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessie"].queryset = sessies
        self.fields["sessie"].label_from_instance = self._sessie_label
        self.helper = _helper()

    @staticmethod
    def _sessie_label(sessie: Sessie) -> str:
        return f"{sessie.titel} ({formats.date_format(timezone.localtime(sessie.begint_op), 'j F Y')})"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("manier") == self.SESSIE and not data.get("sessie"):
            self.add_error("sessie", _("Choose the 3b session in which the process was checked."))
        return data

    def sessie_voor_service(self) -> Sessie | None:
        return self.cleaned_data["sessie"] if self.cleaned_data["manier"] == self.SESSIE else None


class StapOpmerkingForm(ServicefoutenMixin, forms.Form):
    """A comment on one step; the step must belong to the version being checked."""

    stap = forms.ModelChoiceField(queryset=ProcesStap.objects.none(), widget=forms.HiddenInput)
    tekst = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write your comment.")},
    )

    def __init__(self, *args, versie: ProcesVersie, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stap"].queryset = ProcesStap.objects.filter(versie=versie)
        self.helper = _helper()


class BevestigenForm(ServicefoutenMixin, forms.Form):
    """ "Klopt": the map is complete and correct, with an optional general comment."""

    algemene_opmerking = forms.CharField(
        label=_("General comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class OpmerkingVerwijderenForm(forms.Form):
    """Which of one's own comments to take back."""

    opmerking = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
