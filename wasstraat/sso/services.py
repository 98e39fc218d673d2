"""Logging in through the OpenID Connect provider: find or make the user, link them, bring them up to date.

Matching (docs/operations.md, "Single sign-on (OIDC)"):

1. by the provider's identifier: issuer + ``sub`` (`OidcIdentiteit`), always, once linked;
2. the first time only, by e-mail address: the one local account with that (verified) address is linked,
   unless it is a superuser or already linked to another account of the same provider;
3. otherwise a new user, if ``OIDC_CREATE_USER`` allows it; else the login is refused.

Afterwards an e-mail address changed at the provider never links to another account: it only updates the
address of the account already linked (unless another account has that address).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wasstraat.accounts.models import User
from wasstraat.accounts.services import account_door_systeem_wijzigen

from .models import OidcIdentiteit

logger = logging.getLogger(__name__)

GEBRUIKERSNAAM_TEKENS = re.compile(r"[^\w.@+-]")


class AanmeldingGeweigerd(Exception):
    """A provider login we refuse: `bericht` is shown to the person, `reden` goes to the log."""

    def __init__(self, bericht: str, reden: str) -> None:
        super().__init__(reden)
        self.bericht = bericht
        self.reden = reden


def _geen_account() -> AanmeldingGeweigerd:
    return AanmeldingGeweigerd(
        _("There is no Wasstraat account for you yet. Ask the functional administrator to create one."),
        "no local account to link and OIDC_CREATE_USER is off",
    )


def _niet_te_koppelen(reden: str) -> AanmeldingGeweigerd:
    return AanmeldingGeweigerd(
        _("Your account could not be linked. Ask the functional administrator for help."), reden
    )


def gebruiker_aanmelden(*, issuer: str, claims: Mapping[str, Any]) -> User:
    """The user for a login through the provider, linked by issuer + ``sub`` and updated from the claims.

    Raises `AanmeldingGeweigerd` when nobody may log in with these claims (nothing is then written).
    """
    sub = str(claims.get("sub") or "")
    if not issuer or not sub:
        raise _niet_te_koppelen("no issuer or sub")
    with transaction.atomic():
        identiteit = _identiteit(issuer=issuer, sub=sub, claims=claims)
        gebruiker = identiteit.gebruiker
        if not gebruiker.is_active:
            raise AanmeldingGeweigerd(_("Your Wasstraat account has been deactivated."), "inactive user")
        _gegevens_bijwerken(gebruiker=gebruiker, claims=claims, issuer=issuer)
        groepen_uit_claims(gebruiker=gebruiker, claims=claims, issuer=issuer)
        identiteit.laatst_gebruikt_op = timezone.now()
        identiteit.save(update_fields=["laatst_gebruikt_op"])
    return gebruiker


def _identiteit(*, issuer: str, sub: str, claims: Mapping[str, Any]) -> OidcIdentiteit:
    """The existing link for issuer + sub, or a new one to the account found (or made) for the claims."""
    bestaand = OidcIdentiteit.objects.select_related("gebruiker").filter(issuer=issuer, sub=sub).first()
    if bestaand is not None:
        return bestaand
    gebruiker = _gebruiker_voor_email(issuer=issuer, claims=claims) or _gebruiker_aanmaken(claims=claims)
    try:
        with transaction.atomic():
            identiteit = OidcIdentiteit.objects.create(gebruiker=gebruiker, issuer=issuer, sub=sub)
    except IntegrityError:
        # The same person logging in twice at once: the other request made the link.
        identiteit = OidcIdentiteit.objects.select_related("gebruiker").filter(issuer=issuer, sub=sub).first()
        if identiteit is None:
            raise _niet_te_koppelen("link refused by a constraint") from None
    else:
        logger.info("Single sign-on: user %s linked to an account of %s.", gebruiker.pk, issuer)
    return identiteit


def email_geverifieerd(claims: Mapping[str, Any]) -> str:
    """The claims' e-mail address if we may trust it (``OIDC_REQUIRE_EMAIL_VERIFIED``), else ''."""
    email = str(claims.get("email") or "").strip()
    if not email:
        return ""
    if settings.OIDC_REQUIRE_EMAIL_VERIFIED and claims.get("email_verified") not in (True, "true"):
        return ""
    return email


def _gebruiker_voor_email(*, issuer: str, claims: Mapping[str, Any]) -> User | None:
    """The first-time link: the one local account with the claims' verified e-mail address."""
    email = str(claims.get("email") or "").strip()
    if not email:
        return None
    kandidaten = list(User.objects.filter(email__iexact=email)[:2])
    if not kandidaten:
        return None
    if not email_geverifieerd(claims):
        raise _niet_te_koppelen("e-mail address of a local account, but not verified by the provider")
    if len(kandidaten) > 1:
        raise _niet_te_koppelen("several local accounts have this e-mail address")
    gebruiker = kandidaten[0]
    if gebruiker.is_superuser:
        raise _niet_te_koppelen("a superuser is never linked by e-mail address")
    if OidcIdentiteit.objects.filter(gebruiker=gebruiker, issuer=issuer).exists():
        raise _niet_te_koppelen("the account with this e-mail address is linked to another provider account")
    return gebruiker


def _gebruiker_aanmaken(*, claims: Mapping[str, Any]) -> User:
    """A new user for a first login, if ``OIDC_CREATE_USER`` allows it; they have no password."""
    if not settings.OIDC_CREATE_USER:
        raise _geen_account()
    gebruiker = User(username=_vrije_gebruikersnaam(claims), email=email_geverifieerd(claims))
    gebruiker.set_unusable_password()
    gebruiker.save()
    logger.info("Single sign-on: user %s created on first login.", gebruiker.pk)
    return gebruiker


def _vrije_gebruikersnaam(claims: Mapping[str, Any]) -> str:
    basis = str(claims.get("preferred_username") or claims.get("email") or claims.get("sub"))
    basis = GEBRUIKERSNAAM_TEKENS.sub("", basis)[:140] or "sso"
    naam, volgnummer = basis, 1
    while User.objects.filter(username__iexact=naam).exists():
        volgnummer += 1
        naam = f"{basis}-{volgnummer}"
    return naam


def _gegevens_bijwerken(*, gebruiker: User, claims: Mapping[str, Any], issuer: str) -> list[str]:
    """Name and e-mail address from the claims, where they give them; returns the fields changed.

    A new e-mail address goes through the accounts service for changes by the system: a rights-log
    row with the provider as its source, and a notice to the old address.
    """
    voornaam, achternaam = claims.get("given_name"), claims.get("family_name")
    if not (voornaam or achternaam) and claims.get("name"):
        voornaam, achternaam = claims["name"], ""
    nieuw: dict[str, str] = {}
    if voornaam or achternaam:
        nieuw["first_name"] = str(voornaam or "")[:150]
        nieuw["last_name"] = str(achternaam or "")[:150]
    gewijzigd = [veld for veld, waarde in nieuw.items() if getattr(gebruiker, veld) != waarde]
    for veld in gewijzigd:
        setattr(gebruiker, veld, nieuw[veld])
    if gewijzigd:
        gebruiker.save(update_fields=gewijzigd)
    email = email_geverifieerd(claims)
    if email and email.lower() != gebruiker.email.lower():
        if User.objects.filter(email__iexact=email).exclude(pk=gebruiker.pk).exists():
            logger.warning("Single sign-on: e-mail address of user %s not updated: in use.", gebruiker.pk)
        else:
            account_door_systeem_wijzigen(gebruiker=gebruiker, bron=issuer, email=email)
            gewijzigd.append("email")
    return gewijzigd


def groepen_uit_claims(*, gebruiker: User, claims: Mapping[str, Any], issuer: str) -> None:
    """Map the provider's groups claim to our global groups (``OIDC_GROEPEN``), if a mapping is set."""
    toewijzing: Mapping[str, str] = settings.OIDC_GROEPEN
    if not toewijzing:
        return
    waarden = claims.get(settings.OIDC_GROEPEN_CLAIM)
    if isinstance(waarden, str):
        waarden = [waarden]
    if not isinstance(waarden, list):
        # Absent (or Entra ID's "groups overage"): the person is in none of the mapped groups.
        logger.warning("Single sign-on: no %s claim for user %s.", settings.OIDC_GROEPEN_CLAIM, gebruiker.pk)
        waarden = []
    gewenst = {toewijzing[waarde] for waarde in waarden if isinstance(waarde, str) and waarde in toewijzing}
    groepen_toewijzen(gebruiker=gebruiker, groepen=gewenst, beheerd=set(toewijzing.values()), bron=issuer)


def groepen_toewijzen(
    *, gebruiker: User, groepen: Iterable[str], beheerd: Iterable[str], bron: str
) -> tuple[set[str], set[str]]:
    """Put `gebruiker` in exactly `groepen` among the `beheerd` groups; every other group stays as it is.

    The one place where single sign-on changes anyone's rights, on the word of the provider `bron`
    (its issuer). It only ever changes group memberships: never the superuser or staff flag, never a
    permission. Every change is a rights-log row with `bron` as its source. Returns (added, removed).
    """
    beheerd = set(beheerd)
    bestaand = {groep.name: groep for groep in Group.objects.filter(name__in=beheerd)}
    if onbekend := beheerd - bestaand.keys():
        logger.error("Single sign-on: OIDC_GROEPEN names groups that do not exist: %s", sorted(onbekend))
    huidig = set(gebruiker.groups.filter(name__in=beheerd).values_list("name", flat=True))
    erbij = (set(groepen) & bestaand.keys()) - huidig
    eraf = huidig - set(groepen)
    if erbij or eraf:
        account_door_systeem_wijzigen(
            gebruiker=gebruiker,
            bron=bron,
            groepen_erbij=[bestaand[naam] for naam in erbij],
            groepen_eraf=[bestaand[naam] for naam in eraf],
        )
        logger.info(
            "Single sign-on: groups of user %s changed by %s: added %s, removed %s.",
            gebruiker.pk,
            bron,
            sorted(erbij),
            sorted(eraf),
        )
    return erbij, eraf
