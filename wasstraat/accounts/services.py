"""Writes to accounts and their rights, each checked against `rechten` and written to the rights log.

The admin (`/beheer/`) calls these after it saved a user's ordinary fields, so the superuser and staff
flags, groups and permissions change only here, under the rules of `wasstraat.accounts.rechten`, and
every change leaves a `Rechtenwijziging` row (who, whom, when, what; never a password or a link). Links
to set a password and notices of a changed e-mail address are e-mailed after commit (Celery).

What the system changes on its own (single sign-on: groups from the provider's groups claim, the e-mail
address from its claims) goes through `account_door_systeem_wijzigen`: no `door`, a `bron` instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rechten
from .choices import RechtenwijzigingSoort as Soort
from .groepen import GROEP_RECHTEN
from .models import Rechtenwijziging, User


def _vastleggen(
    *,
    door: User | None,
    soort: Soort,
    omschrijving: str,
    gebruiker: User | None = None,
    groep_naam: str = "",
    **gegevens,
) -> Rechtenwijziging:
    """Append one row to the rights log."""
    wijziging = Rechtenwijziging(
        door=door,
        gebruiker=gebruiker,
        groep_naam=groep_naam,
        soort=soort,
        omschrijving=omschrijving,
        gegevens=gegevens,
    )
    wijziging.full_clean()
    wijziging.save()
    return wijziging


def _weiger(bericht: str) -> None:
    raise PermissionDenied(bericht)


def _lijst(namen: Iterable[str]) -> str:
    return ", ".join(sorted(namen)) or "—"


def _permissienaam(permissie: Permission) -> str:
    return f"{permissie.content_type.app_label}.{permissie.codename}"


# --- rights of an account -----------------------------------------------------------------------------

_VLAGGEN = {
    "is_superuser": (Soort.SUPERUSER, gettext_lazy("superuser status")),
    "is_staff": (Soort.STAFF, gettext_lazy("access to the admin")),
}


def _vlag_zetten(*, door: User, gebruiker: User, veld: str, waarde: bool) -> Rechtenwijziging | None:
    if getattr(gebruiker, veld) == waarde:
        return None
    if not rechten.mag_rechten_geven(door, gebruiker):
        _weiger(_("Only a superuser changes this, and never for their own account."))
    soort, naam = _VLAGGEN[veld]
    setattr(gebruiker, veld, waarde)
    gebruiker.save(update_fields=[veld])
    tekst = _("Given %(wat)s.") if waarde else _("%(wat)s taken away.")
    return _vastleggen(
        door=door,
        gebruiker=gebruiker,
        soort=soort,
        omschrijving=tekst % {"wat": naam},
        van=not waarde,
        naar=waarde,
    )


def _groepen_zetten(*, door: User, gebruiker: User, groepen: Iterable[Group]) -> Rechtenwijziging | None:
    huidig, nieuw = set(gebruiker.groups.all()), set(groepen)
    erbij, eraf = nieuw - huidig, huidig - nieuw
    if not (erbij or eraf):
        return None
    if door.pk == gebruiker.pk:
        _weiger(_("Nobody changes their own groups."))
    toegestaan = set(rechten.toewijsbare_groepen(door))
    if not rechten.mag_groepen_wijzigen(door, gebruiker) or not (erbij | eraf) <= toegestaan:
        _weiger(_("Only a superuser gives or takes this group."))
    gebruiker.groups.add(*erbij)
    gebruiker.groups.remove(*eraf)
    return _groepenregel(door=door, gebruiker=gebruiker, erbij=erbij, eraf=eraf)


def _groepenregel(
    *, door: User | None, gebruiker: User, erbij: Iterable[Group], eraf: Iterable[Group], **gegevens
) -> Rechtenwijziging:
    toegevoegd, verwijderd = sorted(g.name for g in erbij), sorted(g.name for g in eraf)
    return _vastleggen(
        door=door,
        gebruiker=gebruiker,
        soort=Soort.GROEPEN,
        omschrijving=_("Groups added: %(erbij)s; removed: %(eraf)s.")
        % {"erbij": _lijst(toegevoegd), "eraf": _lijst(verwijderd)},
        toegevoegd=toegevoegd,
        verwijderd=verwijderd,
        **gegevens,
    )


def _permissies_zetten(
    *, door: User, gebruiker: User, permissies: Iterable[Permission]
) -> Rechtenwijziging | None:
    huidig = set(gebruiker.user_permissions.select_related("content_type"))
    nieuw = set(permissies)
    erbij, eraf = nieuw - huidig, huidig - nieuw
    if not (erbij or eraf):
        return None
    if not rechten.mag_rechten_geven(door, gebruiker):
        _weiger(_("Only a superuser changes this, and never for their own account."))
    gebruiker.user_permissions.add(*erbij)
    gebruiker.user_permissions.remove(*eraf)
    toegevoegd, verwijderd = sorted(map(_permissienaam, erbij)), sorted(map(_permissienaam, eraf))
    return _vastleggen(
        door=door,
        gebruiker=gebruiker,
        soort=Soort.PERMISSIES,
        omschrijving=_("Permissions added: %(erbij)s; removed: %(eraf)s.")
        % {"erbij": _lijst(toegevoegd), "eraf": _lijst(verwijderd)},
        toegevoegd=toegevoegd,
        verwijderd=verwijderd,
    )


@transaction.atomic
def rechten_wijzigen(
    *,
    door: User,
    gebruiker: User,
    is_superuser: bool | None = None,
    is_staff: bool | None = None,
    groepen: Iterable[Group] | None = None,
    permissies: Iterable[Permission] | None = None,
) -> list[Rechtenwijziging]:
    """Set the superuser and staff flags, groups and permissions of `gebruiker`; `None` leaves one as it is.

    What actually changes is checked against `rechten` (`PermissionDenied` otherwise) and logged, one
    row per kind of change. The account is locked, and whether it is privileged is judged on its state
    before this change, so a functioneel beheerder cannot first make an account ordinary and then take it.
    """
    gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
    if not rechten.mag_account_wijzigen(door, gebruiker):
        onveranderd = (
            (is_superuser is None or is_superuser == gebruiker.is_superuser)
            and (is_staff is None or is_staff == gebruiker.is_staff)
            and (groepen is None or set(groepen) == set(gebruiker.groups.all()))
            and (permissies is None or set(permissies) == set(gebruiker.user_permissions.all()))
        )
        if onveranderd:
            return []
        _weiger(_("You may not change this account."))
    wijzigingen = [
        _vlag_zetten(door=door, gebruiker=gebruiker, veld=veld, waarde=waarde)
        for veld, waarde in (("is_superuser", is_superuser), ("is_staff", is_staff))
        if waarde is not None
    ]
    if groepen is not None:
        wijzigingen.append(_groepen_zetten(door=door, gebruiker=gebruiker, groepen=groepen))
    if permissies is not None:
        wijzigingen.append(_permissies_zetten(door=door, gebruiker=gebruiker, permissies=permissies))
    return [w for w in wijzigingen if w is not None]


# --- passwords and e-mail addresses ----------------------------------------------------------------


def wachtwoordwijziging_vastleggen(*, door: User, gebruiker: User) -> Rechtenwijziging:
    """Log that a superuser set (or switched off) another person's password, never the password itself.

    The admin's password form sets it (Django's `AdminPasswordChangeForm`) inside the same transaction,
    after checking `rechten.mag_wachtwoord_zetten`; this checks again, so the change rolls back if not.
    """
    if not rechten.mag_wachtwoord_zetten(door, gebruiker):
        _weiger(_("Only a superuser sets another person's password."))
    gebruiker.refresh_from_db(fields=["password"])
    bruikbaar = gebruiker.has_usable_password()
    tekst = _("Password set by a superuser.") if bruikbaar else _("Logging in with a password switched off.")
    return _vastleggen(
        door=door, gebruiker=gebruiker, soort=Soort.WACHTWOORD, omschrijving=tekst, bruikbaar=bruikbaar
    )


@transaction.atomic
def wachtwoordlink_versturen(*, door: User, gebruiker: User, uitnodiging: bool = False) -> Rechtenwijziging:
    """E-mail `gebruiker` a link to set their own password (after commit), and log that it was sent.

    `uitnodiging`: the account was just made and has no password yet. Whoever may change the account
    may send it (the functioneel beheerder for accounts without privileges); the link goes only to the
    account's own address and never into the log.
    """
    if not rechten.mag_account_wijzigen(door, gebruiker):
        _weiger(_("You may not change this account."))
    if not gebruiker.is_active:
        raise ValidationError(_("This account is inactive; activate it first."))
    if not gebruiker.email:
        raise ValidationError({"email": _("This account has no e-mail address to send the link to.")})
    soort = Soort.UITNODIGING if uitnodiging else Soort.RESETLINK
    tekst = _("Link to set a password sent to %(email)s.") % {"email": gebruiker.email}
    wijziging = _vastleggen(
        door=door, gebruiker=gebruiker, soort=soort, omschrijving=tekst, email=gebruiker.email
    )
    from .tasks import wachtwoordlink_mailen  # tasks call services; imported here to avoid a cycle

    transaction.on_commit(lambda: wachtwoordlink_mailen.delay(wijziging.pk))
    return wijziging


def emailwijziging_vastleggen(*, door: User, gebruiker: User, oud_adres: str) -> Rechtenwijziging:
    """Log a changed e-mail address (where reset links go) and tell the old address after commit.

    Changing the address and then sending a reset link would hand the account to whoever holds the new
    address; this makes that visible to the privacy officer and to the account's owner.
    """
    if not rechten.mag_account_wijzigen(door, gebruiker):
        _weiger(_("You may not change this account."))
    return _emailregel(door=door, gebruiker=gebruiker, oud_adres=oud_adres)


def _emailregel(*, door: User | None, gebruiker: User, oud_adres: str, **gegevens) -> Rechtenwijziging:
    """The rights-log row of a changed e-mail address; the old address is told after commit."""
    tekst = _("E-mail address changed from %(oud)s to %(nieuw)s.") % {
        "oud": oud_adres or "—",
        "nieuw": gebruiker.email or "—",
    }
    wijziging = _vastleggen(
        door=door,
        gebruiker=gebruiker,
        soort=Soort.EMAIL,
        omschrijving=tekst,
        oud=oud_adres,
        nieuw=gebruiker.email,
        **gegevens,
    )
    if oud_adres:
        from .tasks import emailwijziging_melden

        transaction.on_commit(lambda: emailwijziging_melden.delay(wijziging.pk))
    return wijziging


def _wachtwoordlink(gebruiker: User) -> str:
    token = default_token_generator.make_token(gebruiker)
    uid = urlsafe_base64_encode(force_bytes(gebruiker.pk))
    return f"{settings.SITE_URL}{reverse('password_reset_confirm', kwargs={'uidb64': uid, 'token': token})}"


def wachtwoordlink_mailen(*, wijziging: Rechtenwijziging) -> None:
    """Send the e-mail with the link a `wachtwoordlink_versturen` row stands for.

    The token is made now, from the account as it is, so it is valid for PASSWORD_RESET_TIMEOUT from
    sending and stops working once the password is set.
    """
    gebruiker = wijziging.gebruiker
    dagen = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    if wijziging.soort == Soort.UITNODIGING:
        onderwerp = _("Your account for Wasstraat")
        aanhef = _("An account has been made for you in Wasstraat; your user name is %(naam)s.")
    else:
        onderwerp = _("Set a new password for Wasstraat")
        aanhef = _(
            "The functional administrator sent you a link to set a new password for your account %(naam)s."
        )
    tekst = "\n\n".join(
        [
            aanhef % {"naam": gebruiker.get_username()},
            _("Choose your password here (the link works once, for %(dagen)s days):") % {"dagen": dagen},
            _wachtwoordlink(gebruiker),
            _("Did you not expect this e-mail? Then ignore it; nothing changes until you use the link."),
        ]
    )
    send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [gebruiker.email])


def _door_systeem(wijziging: Rechtenwijziging) -> str:
    bron = wijziging.gegevens.get("bron")
    return _("The system (%(bron)s)") % {"bron": bron} if bron else _("The system")


def emailwijziging_mailen(*, wijziging: Rechtenwijziging) -> None:
    """Tell the old address that the account's e-mail address was changed (and by whom)."""
    tekst = _(
        "%(door)s changed the e-mail address of your Wasstraat account %(naam)s to %(nieuw)s. If that is "
        "not right, contact the functional administrator or the privacy officer at once."
    ) % {
        "door": wijziging.door or _door_systeem(wijziging),
        "naam": wijziging.gebruiker.get_username(),
        "nieuw": wijziging.gegevens["nieuw"],
    }
    send_mail(
        _("Your e-mail address in Wasstraat was changed"),
        tekst,
        settings.DEFAULT_FROM_EMAIL,
        [wijziging.gegevens["oud"]],
    )


# --- permissions of a group --------------------------------------------------------------------------


@transaction.atomic
def groepsrechten_wijzigen(
    *, door: User, groep: Group, permissies: Iterable[Permission]
) -> Rechtenwijziging | None:
    """Set what a group may (superuser only), and log it. The global groups are set in code, not here.

    `GROEP_RECHTEN` gives the global groups their permissions after every migrate; a change in the admin
    would silently be undone at the next release, so it is refused.
    """
    if not rechten.mag_groepsrechten_wijzigen(door):
        _weiger(_("Only a superuser changes what a group may."))
    groep = Group.objects.select_for_update().get(pk=groep.pk)
    huidig = set(groep.permissions.select_related("content_type"))
    nieuw = set(permissies)
    erbij, eraf = nieuw - huidig, huidig - nieuw
    if not (erbij or eraf):
        return None
    if groep.name in GROEP_RECHTEN:
        _weiger(_("The permissions of this group are set in the code (wasstraat/accounts/groepen.py)."))
    groep.permissions.add(*erbij)
    groep.permissions.remove(*eraf)
    toegevoegd, verwijderd = sorted(map(_permissienaam, erbij)), sorted(map(_permissienaam, eraf))
    return _vastleggen(
        door=door,
        groep_naam=groep.name,
        soort=Soort.GROEPSRECHTEN,
        omschrijving=_("Permissions of the group %(groep)s added: %(erbij)s; removed: %(eraf)s.")
        % {"groep": groep.name, "erbij": _lijst(toegevoegd), "eraf": _lijst(verwijderd)},
        toegevoegd=toegevoegd,
        verwijderd=verwijderd,
    )


# --- changes made by the system -----------------------------------------------------------------------


@transaction.atomic
def account_door_systeem_wijzigen(
    *,
    gebruiker: User,
    bron: str,
    groepen_erbij: Iterable[Group] = (),
    groepen_eraf: Iterable[Group] = (),
    email: str | None = None,
) -> list[Rechtenwijziging]:
    """Change an account on the word of the system, not of a person, and write it to the rights log.

    For what nobody decides in the application: single sign-on putting someone in or out of the groups
    its groups claim maps, or replacing the e-mail address with the one in the claims. `bron` says who
    decided (the provider's issuer); the rows have no `door` ("the system") and carry `bron` in their
    data, so the privacy officer sees these changes beside those made in the admin. Only groups and the
    e-mail address: the system never changes the superuser or staff flag or a permission. A group
    already held is not added again, one not held not removed; `email=None` leaves the address alone.
    A replaced address is told to the old one after commit, as when a person changes it. Changes
    `gebruiker` in place (its cached permissions are forgotten) and returns the rows written.
    """
    if not bron:
        raise ValueError("A change by the system needs its source (bron).")
    erbij, eraf = set(groepen_erbij), set(groepen_eraf)
    if erbij & eraf:
        raise ValueError("A group cannot be both added and removed.")
    if email:
        validate_email(email)
    User.objects.select_for_update().only("pk").get(pk=gebruiker.pk)  # lock the account's row
    wijzigingen = []
    huidig = set(gebruiker.groups.all())
    erbij, eraf = erbij - huidig, eraf & huidig
    if erbij or eraf:
        gebruiker.groups.add(*erbij)
        gebruiker.groups.remove(*eraf)
        for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            gebruiker.__dict__.pop(cache, None)
        wijzigingen.append(_groepenregel(door=None, gebruiker=gebruiker, erbij=erbij, eraf=eraf, bron=bron))
    if email is not None and email != gebruiker.email:
        oud_adres, gebruiker.email = gebruiker.email, email
        gebruiker.save(update_fields=["email"])
        wijzigingen.append(_emailregel(door=None, gebruiker=gebruiker, oud_adres=oud_adres, bron=bron))
    return wijzigingen
