"""The form to plan a session or record what happened in it."""

from __future__ import annotations

from collections.abc import Iterable

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wasstraat.accounts.models import User
from wasstraat.datumvelden import DatumTijdVeld  # naive times are read in TIME_ZONE

from ..choices import SessieSoort
from ..models import Sessie, Traject
from ..services.traject import SESSIEVELDEN
from .fouten import ServicefoutenMixin


class AanwezigenVeld(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class SessieForm(ServicefoutenMixin, forms.Form):
    """Type, time, place or link, attendees and notes of one session.

    Whether the times and the place are valid is the model's rule (`Sessie.clean`), reached through
    the service; the view puts those errors back at their fields.
    """

    soort = forms.ChoiceField(label=_("Type"))
    titel = forms.CharField(label=_("Title"), max_length=200)
    begint_op = DatumTijdVeld(label=_("Starts at"))
    eindigt_op = DatumTijdVeld(label=_("Ends at"))
    locatie = forms.CharField(
        label=_("Location"),
        max_length=200,
        required=False,
        help_text=_("A room or address. Give a location, an online link, or both."),
    )
    online_link = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        assume_scheme="https",
    )
    aanwezigen = AanwezigenVeld(
        label=_("Attendees"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notities = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was discussed and agreed. No personal data of residents."),
    )

    def __init__(
        self, *args, traject: Traject, soorten: Iterable[SessieSoort], sessie: Sessie | None = None, **kwargs
    ) -> None:
        if sessie is not None:
            kwargs.setdefault("initial", {}).update(self._beginwaarden(sessie))
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [(s.value, s.label) for s in soorten]
        # Team members; whoever already attended stays selectable even after leaving the team, so
        # recording notes never silently drops them from the record.
        leden = Q(teamlidmaatschappen__traject=traject)
        if sessie is not None:
            leden |= Q(pk__in=sessie.aanwezigen.values("pk"))
        self.fields["aanwezigen"].queryset = (
            User.objects.filter(leden).distinct().order_by("first_name", "last_name", "username")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> and a real <button>
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "soort",
            "titel",
            Row(Column("begint_op", css_class="col-md-6"), Column("eindigt_op", css_class="col-md-6")),
            Row(Column("locatie", css_class="col-md-6"), Column("online_link", css_class="col-md-6")),
            "aanwezigen",
            "notities",
        )
        if sessie is not None:
            self.versie_volgen(sessie, (*SESSIEVELDEN, "aanwezigen"))

    @staticmethod
    def _beginwaarden(sessie: Sessie) -> dict:
        waarden = {naam: getattr(sessie, naam) for naam in SESSIEVELDEN}
        waarden["aanwezigen"] = list(sessie.aanwezigen.values_list("pk", flat=True))
        return waarden

    def servicevelden(self) -> dict:
        """The cleaned data as keyword arguments for `sessie_plannen` / `sessie_wijzigen` (without the
        version, which the view passes to `sessie_wijzigen` itself)."""
        data = {naam: self.cleaned_data[naam] for naam in SESSIEVELDEN}
        data["aanwezigen"] = list(self.cleaned_data["aanwezigen"])
        return data
