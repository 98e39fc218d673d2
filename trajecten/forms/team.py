"""Forms of the team page: adding a person to the trajectory team in a role."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
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


class TeamlidForm(ServicefoutenMixin, forms.Form):
    """A person and the role they get; specialists also need their discipline."""

    gebruiker = GebruikerKeuzeVeld(
        label=_("Person"),
        queryset=User.objects.none(),
        empty_label=_("Choose a person"),
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
        self.fields["gebruiker"].queryset = (
            User.objects.filter(is_active=True)
            .select_related("afdeling")
            .order_by("first_name", "last_name", "username")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> with its htmx attributes
        self.helper.disable_csrf = True

    def clean(self) -> dict:
        data = super().clean()
        rol, discipline = data.get("rol"), data.get("discipline")
        if rol == Rol.SPECIALIST and not discipline:
            self.add_error("discipline", _("Choose the specialist's discipline."))
        elif rol and rol != Rol.SPECIALIST and discipline:
            self.add_error("discipline", _("Only specialists have a discipline."))
        return data
