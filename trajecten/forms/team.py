"""Forms of the team page: finding a person and adding them to the trajectory team in a role."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from wasstraat.accounts.models import User

from ..choices import Discipline, Rol
from .fouten import ServicefoutenMixin


class GebruikerKeuzeVeld(forms.ModelChoiceField):
    """A person, shown as "Full name (department)" so namesakes can be told apart."""

    def label_from_instance(self, obj: User) -> str:
        naam = obj.get_full_name() or obj.get_username()
        return f"{naam} ({obj.afdeling})" if obj.afdeling_id else naam


class PersoonZoekForm(forms.Form):
    """The search of the team picker: a GET of the team page or of its matches; the add form sends
    the term along so the matches come back with the form."""

    zoek = forms.CharField(label=_("Search for a person"), required=False, max_length=100)
    # The person already chosen among the matches: htmx sends it with a new search, so an answer that
    # arrives after the choice (the search runs a moment after the last keystroke) keeps it chosen.
    gebruiker = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True), required=False)

    def zoekterm(self) -> str:
        """The term, or "" when it is too long to be a name."""
        return self.cleaned_data["zoek"] if self.is_valid() else ""

    def gekozen(self) -> User | None:
        """The active person already chosen, if any (an unknown or inactive one is ignored)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("gebruiker")


class TeamlidForm(ServicefoutenMixin, forms.Form):
    """A person (chosen from the matches of a search) and the role they get; specialists also need
    their discipline.

    Any active account is a valid choice; the page offers only the matches of the search (the
    template lays them out as radio buttons), never a list of everybody.
    """

    gebruiker = GebruikerKeuzeVeld(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True).select_related("afdeling"),
        # The choices on the page are the search's matches (team_personen.html); the widget must never
        # list the queryset: a radio button per account is the 2,000-option page this replaced.
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Search for the person and choose them from the results."),
            "invalid_choice": _("This person cannot be chosen; search again and choose from the results."),
        },
    )
    rol = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Rol.choices])
    discipline = forms.ChoiceField(
        label=_("Discipline"),
        choices=[("", "---------"), *Discipline.choices],
        required=False,
        help_text=_("Only for specialists: the discipline they review from."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> with its htmx attributes
        self.helper.disable_csrf = True
        self.helper.layout = Layout("rol", "discipline")  # the person: the search results (template)

    def gekozen(self) -> User | None:
        """The person the user chose, if that choice is valid (kept when the form comes back)."""
        return getattr(self, "cleaned_data", {}).get("gebruiker")

    def clean(self) -> dict:
        data = super().clean()
        rol, discipline = data.get("rol"), data.get("discipline")
        if rol == Rol.SPECIALIST and not discipline:
            self.add_error("discipline", _("Choose the specialist's discipline."))
        elif rol and rol != Rol.SPECIALIST and discipline:
            self.add_error("discipline", _("Only specialists have a discipline."))
        return data
