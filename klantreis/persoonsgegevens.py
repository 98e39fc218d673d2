"""Refusing what looks like a resident's personal data where only pseudonymous text belongs.

Interview notes, pseudonyms, quotes and insights must never hold a BSN, an e-mail address or a phone
number. Names and addresses cannot be recognised reliably; the fields say so in their help text.
The checks err on the side of refusing: a nine-digit number that passes the BSN elfproef is refused
even when it is something else, because the user can always write it differently.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Nine digits, optionally grouped with spaces, dots or dashes; or eight plain digits (a BSN that lost its
# leading zero). Eight grouped digits are left alone: that is how dates are written (15-03-2024).
_BSN_KANDIDAAT = re.compile(r"(?<![\d])(\d(?:[ .\-]?\d){8}|\d{8})(?![\d])")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Dutch numbers: 06…, 0xx…, +31…, 0031…; digits may be separated by spaces, dashes, dots or a bracket.
_TELEFOON_KANDIDAAT = re.compile(r"(?<![\w+])(?:\+|00)?[\d(][\d ()./\-]{7,18}\d(?![\d])")
_TELEFOON = re.compile(r"(?:\+31|0031|0)[1-9]\d{8}")


def elfproef(cijfers: str) -> bool:
    """Whether a string of 8 or 9 digits passes the BSN elfproef (9…2, last digit −1)."""
    if not cijfers.isdigit() or len(cijfers) not in (8, 9):
        return False
    cijfers = cijfers.zfill(9)
    if cijfers == "0" * 9:
        return False
    som = sum(int(c) * gewicht for c, gewicht in zip(cijfers[:8], range(9, 1, -1), strict=True))
    som -= int(cijfers[8])
    return som % 11 == 0


def bevat_bsn(tekst: str) -> bool:
    for kandidaat in _BSN_KANDIDAAT.findall(tekst or ""):
        if elfproef(re.sub(r"\D", "", kandidaat)):
            return True
    return False


def bevat_email(tekst: str) -> bool:
    return bool(_EMAIL.search(tekst or ""))


def bevat_telefoonnummer(tekst: str) -> bool:
    for kandidaat in _TELEFOON_KANDIDAAT.findall(tekst or ""):
        schoon = re.sub(r"[^\d+]", "", kandidaat)
        schoon = re.sub(r"^(\+31|0031)0(?=[1-9])", r"\1", schoon)  # "+31 (0)6 …": the trunk zero
        if _TELEFOON.fullmatch(schoon):
            return True
    return False


def gevonden_persoonsgegevens(tekst: str) -> list[str]:
    """What kinds of personal data the text seems to hold, as messages (empty: nothing found)."""
    berichten = []
    if bevat_bsn(tekst):
        berichten.append(_("This looks like a BSN (citizen service number)."))
    if bevat_email(tekst):
        berichten.append(_("This looks like an e-mail address."))
    if bevat_telefoonnummer(tekst):
        berichten.append(_("This looks like a phone number."))
    return berichten


def geen_persoonsgegevens(tekst: str) -> None:
    """Model-field validator: refuse text that seems to hold a BSN, an e-mail address or a phone number."""
    gevonden = gevonden_persoonsgegevens(tekst)
    if gevonden:
        berichten = [*gevonden, _("Remove it: no personal data of residents here, only pseudonymous text.")]
        # the code on each message: a list given to ValidationError drops a code passed beside it
        raise ValidationError([ValidationError(b, code="persoonsgegevens") for b in berichten])
