"""Users, departments and groups in the admin (`/beheer/`), without a way up for the functioneel beheerder.

Django's stock `UserAdmin` lets any staff user with ``change_user`` make themselves superuser, give
themselves any group or permission and set anyone's password. Here, by the rules of
`wasstraat.accounts.rechten`:

- the superuser and staff flags and permissions are fields only for a superuser editing someone else;
  the groups field offers only the groups the person may give (the beheerder: Trajectleiders); nobody
  gets these fields for their own account. A field that is not on the form is ignored when posted; a
  group that is not offered is refused by the form.
- an account with privileges is read-only to the beheerder (a POST is 403), so its e-mail address
  cannot be changed to take it over by a reset link;
- the password form is for a superuser setting someone else's password; everyone else, the beheerder
  included, gets 403 and sends an e-mailed link instead (a button and a list action);
- new accounts get no password: an e-mailed link lets the person set one.

The flags, groups and permissions are saved by `services.rechten_wijzigen`, which checks again and
writes the rights log; e-mail changes, passwords set and links sent are logged as well. Groups are
for superusers only; the global groups are defined in code and read-only here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.admin import sensitive_post_parameters_m
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm, UsernameField
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import rechten, services
from .groepen import GROEP_RECHTEN
from .models import Afdeling, Rechtenwijziging, User

#: Form field → keyword of `services.rechten_wijzigen`.
RECHTENVELDEN = {
    "is_superuser": "is_superuser",
    "is_staff": "is_staff",
    "groups": "groepen",
    "user_permissions": "permissies",
}


class ResetlinkWidget(ReadOnlyPasswordHashWidget):
    """The password summary with a button to e-mail a reset link instead of the password form."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["password_url"] = "../resetlink/"  # noqa: S105  (a URL, not a password)
        context["button_label"] = gettext_lazy("Send a link to set a password")
        return context


class WachtwoordSamenvattingWidget(ReadOnlyPasswordHashWidget):
    """Only the summary of the password (hash algorithm), no button: for an account you may not change."""

    # In the app's own templates/: Django's default form renderer looks in app directories only.
    template_name = "accounts/widgets/wachtwoord_samenvatting.html"


class GebruikerWijzigenForm(UserChangeForm):
    """Django's user form; the admin sets `wachtwoordknop` to what the person may do about the password:
    "zetten" (the password form: a superuser, someone else's account), "link" (e-mail a reset link) or
    None (nothing: an account they may not change)."""

    wachtwoordknop: str | None = "zetten"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        wachtwoord = self.fields.get("password")
        if wachtwoord is None or self.wachtwoordknop == "zetten":
            return
        if self.wachtwoordknop == "link":
            wachtwoord.widget = ResetlinkWidget()
            wachtwoord.help_text = gettext_lazy(
                "Only a superuser sets another person's password. "
                "E-mail the person a link to set it themselves."
            )
        else:
            wachtwoord.widget = WachtwoordSamenvattingWidget()
            wachtwoord.help_text = ""


class GebruikerAanmakenForm(forms.ModelForm):
    """A new account without a password: the person gets an e-mailed link to set one."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "afdeling", "functie", "groups")
        field_classes = {"username": UsernameField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = gettext_lazy("The link to set a password is sent here.")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = GebruikerWijzigenForm
    add_form = GebruikerAanmakenForm
    add_form_template = None  # Django's asks for a password; ours does not
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        (gettext_lazy("Organisation"), {"fields": ("afdeling", "functie")}),
        (gettext_lazy("Permissions"), {"fields": ("groups",)}),
    )
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (gettext_lazy("Organisation"), {"fields": ("afdeling", "functie")}),
    )
    list_display = ("username", "first_name", "last_name", "afdeling", "is_active")
    list_filter = ("afdeling", "groups", "is_active")
    actions = ["resetlinks_versturen"]

    # --- what the person may see and change ------------------------------------------------------

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or rechten.mag_account_wijzigen(request.user, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        alleen_lezen = ["last_login", "date_joined"]
        if not rechten.mag_rechten_geven(request.user, obj):
            alleen_lezen += ["is_superuser", "is_staff", "user_permissions"]
        if not rechten.mag_groepen_wijzigen(request.user, obj):
            alleen_lezen.append("groups")
        return tuple(alleen_lezen)

    def get_form(self, request: HttpRequest, obj: User | None = None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or rechten.mag_wachtwoord_zetten(request.user, obj):
            return form
        knop = "link" if rechten.mag_account_wijzigen(request.user, obj) else None
        return type(form.__name__, (form,), {"wachtwoordknop": knop})

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = rechten.toewijsbare_groepen(request.user).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["resetlink_mag"] = obj is not None and rechten.mag_account_wijzigen(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- saving: ordinary fields here, rights through the service -----------------------------------

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        oud = User.objects.get(pk=obj.pk) if change else None
        # The flags change only in save_related, through the service that checks and logs them.
        obj.is_superuser = oud.is_superuser if oud else False
        obj.is_staff = oud.is_staff if oud else False
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if oud is not None and oud.email != obj.email:
            services.emailwijziging_vastleggen(door=request.user, gebruiker=obj, oud_adres=oud.email)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        gevraagd = {
            naam: form.cleaned_data.pop(veld)
            for veld, naam in RECHTENVELDEN.items()
            if veld in form.cleaned_data
        }
        super().save_related(request, form, formsets, change)
        services.rechten_wijzigen(door=request.user, gebruiker=form.instance, **gevraagd)
        if not change:
            services.wachtwoordlink_versturen(door=request.user, gebruiker=form.instance, uitnodiging=True)
            messages.info(
                request,
                _("A link to set a password has been e-mailed to %(email)s.")
                % {"email": form.instance.email},
            )

    # --- passwords: a superuser sets someone else's; anyone who may change the account sends a link ---

    def get_urls(self):
        eigen = [
            path(
                "<id>/resetlink/",
                self.admin_site.admin_view(self.resetlink_view),
                name="accounts_user_resetlink",
            ),
        ]
        return eigen + super().get_urls()

    @sensitive_post_parameters_m
    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        gebruiker = self.get_object(request, unquote(id))
        if gebruiker is None:
            raise Http404
        if gebruiker.pk == request.user.pk and request.user.is_superuser:
            return redirect("admin:password_change")  # your own: with your current password
        if not rechten.mag_wachtwoord_zetten(request.user, gebruiker):
            raise PermissionDenied
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and User.objects.get(pk=gebruiker.pk).password != gebruiker.password:
                services.wachtwoordwijziging_vastleggen(door=request.user, gebruiker=gebruiker)
        return response

    def resetlink_view(self, request: HttpRequest, id: str) -> HttpResponse:
        """Ask (GET), then e-mail the person a link to set their own password (POST)."""
        gebruiker = self.get_object(request, unquote(id))
        if gebruiker is None:
            raise Http404
        if not self.has_change_permission(request, gebruiker):
            raise PermissionDenied
        wijzigen = reverse("admin:accounts_user_change", args=[gebruiker.pk])
        if request.method == "POST":
            if self._link_versturen(request, gebruiker):
                return redirect(wijzigen)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send a link to set a password"),
            "opts": self.opts,
            "original": gebruiker,
            "terug": wijzigen,
        }
        return TemplateResponse(request, "admin/accounts/user/resetlink.html", context)

    def _link_versturen(self, request: HttpRequest, gebruiker: User) -> bool:
        try:
            services.wachtwoordlink_versturen(door=request.user, gebruiker=gebruiker)
        except ValidationError as fout:
            for bericht in fout.messages:
                self.message_user(request, f"{gebruiker}: {bericht}", messages.ERROR)
            return False
        self.message_user(
            request,
            _("A link to set a password has been e-mailed to %(email)s.") % {"email": gebruiker.email},
            messages.SUCCESS,
        )
        return True

    @admin.action(description=gettext_lazy("Send a link to set a password"), permissions=["change"])
    def resetlinks_versturen(self, request: HttpRequest, queryset) -> None:
        verstuurd = geweigerd = 0
        for gebruiker in queryset:
            if not rechten.mag_account_wijzigen(request.user, gebruiker):
                geweigerd += 1
            elif self._link_versturen(request, gebruiker):
                verstuurd += 1
        if geweigerd:
            self.message_user(
                request,
                ngettext(
                    "%(aantal)d account has privileges: only a superuser sends it a link.",
                    "%(aantal)d accounts have privileges: only a superuser sends them a link.",
                    geweigerd,
                )
                % {"aantal": geweigerd},
                messages.ERROR,
            )


@admin.register(Afdeling)
class AfdelingAdmin(admin.ModelAdmin):
    list_display = ("naam",)
    search_fields = ("naam",)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Groups: superusers only (what a group may is a permission). The global groups are set in code
    (`groepen.GROEP_RECHTEN`, again after every migrate): read-only and not deletable here. A change of
    another group's permissions goes through `services.groepsrechten_wijzigen` and is logged."""

    def has_view_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        return rechten.mag_groepsrechten_wijzigen(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rechten.mag_groepsrechten_wijzigen(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        if not rechten.mag_groepsrechten_wijzigen(request.user):
            return False
        return obj is None or obj.name not in GROEP_RECHTEN

    def has_delete_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rechten.mag_groepsrechten_wijzigen(request.user)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        permissies = form.cleaned_data.pop("permissions", None)
        super().save_related(request, form, formsets, change)
        if permissies is not None:
            services.groepsrechten_wijzigen(door=request.user, groep=form.instance, permissies=permissies)


@admin.register(Rechtenwijziging)
class RechtenwijzigingAdmin(admin.ModelAdmin):
    """The rights log: append-only, read-only even here (the privacy officer reads it in the application)."""

    list_display = ("tijdstip", "soort", "gebruiker", "groep_naam", "door", "omschrijving")
    list_filter = ("soort",)
    list_select_related = ("gebruiker", "door")
    search_fields = ("gebruiker__username", "groep_naam", "omschrijving")
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
