"""Forms of the interviews (step 4): an interview, sharing an insight, and the privacy log's filters.

What looks like personal data (a BSN that passes the elfproef, an e-mail address, a Dutch phone number)
is refused by the model's validators; a ModelForm runs them, so the error lands at its field and the
input stays in the form.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trajecten.forms.fouten import ServicefoutenMixin
from trajecten.models import Traject
from wasstraat.datumvelden import DatumInvoer, DatumVeld
from wasstraat.filterformulier import PeriodeFilterForm

from ..choices import Handeling, Klanttype, Toestemming
from ..models import Interview, InterviewLog
from ..privacy import INTERVIEWVELDEN

WAARSCHUWING_PSEUDONIEM = _(
    "Privacy: the pseudonym is a made-up label. Never the resident's name, initials, address, BSN, e-mail "
    "address or phone number; what looks like a BSN, e-mail address or phone number is refused."
)
WAARSCHUWING_NOTITIES = _(
    "Privacy: write down what the customer did and experienced, not who they are. No names, addresses, BSN, "
    "e-mail addresses or phone numbers of residents. Only the klantreiscoach can read the notes; they are "
    "deleted after the retention period."
)


def _waarschuwing(tekst) -> HTML:
    """A privacy warning right above a field (translated when the form is made, i.e. per request)."""
    return HTML(
        format_html(
            '<div class="alert alert-warning small mb-2" role="note">'
            '<i class="bi bi-shield-exclamation" aria-hidden="true"></i> {}</div>',
            tekst,
        )
    )


class InterviewForm(ServicefoutenMixin, forms.ModelForm):
    """Date, customer type, pseudonym, consent (how and when), notes and key insights.

    When the notes were deleted after the retention period, the form has no notes field.
    """

    class Meta:
        model = Interview
        fields = list(INTERVIEWVELDEN)
        widgets = {
            "datum": DatumInvoer(),
            "toestemming_op": DatumInvoer(),
            "pseudoniem": forms.TextInput(attrs={"autocomplete": "off"}),
            "notities": forms.Textarea(attrs={"rows": 10, "autocomplete": "off"}),
            "kerninzichten": forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
            "toestemming_wijze": forms.RadioSelect,
        }
        field_classes = {"datum": DatumVeld, "toestemming_op": DatumVeld}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            vandaag = timezone.localdate()
            self.initial.setdefault("datum", vandaag)
            self.initial.setdefault("toestemming_op", vandaag)
        self.fields["klanttype"].choices = [("", _("Choose the customer type")), *Klanttype.choices]
        self.fields["toestemming_wijze"].choices = Toestemming.choices  # radio buttons: no empty one
        self.notities_verwijderd = self.instance.notities_verwijderd_op is not None
        if self.notities_verwijderd:
            del self.fields["notities"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("datum", css_class="col-md-6"), Column("klanttype", css_class="col-md-6")),
            _waarschuwing(WAARSCHUWING_PSEUDONIEM),
            "pseudoniem",
            Row(
                Column("toestemming_wijze", css_class="col-md-7"),
                Column("toestemming_op", css_class="col-md-5"),
            ),
            *([] if self.notities_verwijderd else [_waarschuwing(WAARSCHUWING_NOTITIES), "notities"]),
            "kerninzichten",
        )
        if self.instance.pk:
            self.versie_volgen(self.instance, [n for n in INTERVIEWVELDEN if n in self.fields])

    def servicevelden(self) -> dict:
        """The interview's fields as keyword arguments for `interview_aanmaken` / `interview_wijzigen`."""
        return {naam: self.cleaned_data[naam] for naam in INTERVIEWVELDEN if naam in self.fields}


class InzichtForm(ServicefoutenMixin, forms.Form):
    """Share an insight with the journey: one of the interview's key insights, or in the coach's words."""

    kerninzicht = forms.ChoiceField(label=_("Key insight"), required=False)
    tekst = forms.CharField(
        label=_("Or write the insight"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_(
            "Anonymous: the whole team sees it on the customer journey. No names, addresses, BSN, "
            "e-mail addresses or phone numbers of residents. A text written here is used instead of the "
            "choice above."
        ),
    )

    def __init__(self, *args, kerninzichten: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kerninzicht"].choices = [
            ("", _("— choose a key insight —")),
            *((tekst, tekst) for tekst in kerninzichten),
        ]
        if not kerninzichten:
            del self.fields["kerninzicht"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict:
        data = super().clean()
        tekst = (data.get("tekst") or "").strip() or data.get("kerninzicht", "")
        if not tekst and not self.has_error("kerninzicht"):
            self.add_error("tekst", _("Choose a key insight or write the insight."))
        data["gekozen"] = tekst
        return data

    def gekozen_tekst(self) -> str:
        return self.cleaned_data["gekozen"]


class LogFilterForm(PeriodeFilterForm):
    """Filters of the privacy log (GET): trajectory, action and period. Bad filters are ignored."""

    traject = forms.ModelChoiceField(
        label=_("Trajectory"),
        required=False,
        queryset=Traject.objects.none(),
        empty_label=_("All trajectories"),
    )
    handeling = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *Handeling.choices]
    )
    KOLOMMEN = (("traject", "col-md-4"), ("handeling", "col-md-3"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = Traject.objects.filter(
            pk__in=InterviewLog.objects.values("traject")
        ).order_by("titel")
