"""The personal-data refusal (klantreis/persoonsgegevens.py) with realistic Dutch examples: BSNs that pass
the elfproef (refused) and nine-digit numbers that fail it (accepted), Dutch phone numbers in every common
notation, e-mail addresses; and what must never be refused: dates, amounts, case numbers, postcodes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from klantreis.models import Contactmoment, Interview, Inzicht, Pijnpunt
from klantreis.persoonsgegevens import (
    bevat_bsn,
    bevat_email,
    bevat_telefoonnummer,
    elfproef,
    geen_persoonsgegevens,
    gevonden_persoonsgegevens,
)

# --- the elfproef -------------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", ["111222333", "123456782", "999999990", "100000009", "012345672"])
def test_numbers_that_pass_the_elfproef(nummer):
    # 9×1 + 8×2 + 7×3 + 6×4 + 5×5 + 4×6 + 3×7 + 2×8 − 1×2 = 154 = 14 × 11 for 123456782
    assert elfproef(nummer)


@pytest.mark.parametrize(
    "nummer", ["123456789", "111222334", "987654321", "000000000", "12345", "1234567890"]
)
def test_numbers_that_fail_the_elfproef(nummer):
    assert not elfproef(nummer)


def test_an_eight_digit_bsn_lost_its_leading_zero():
    assert elfproef("12345672") and elfproef("012345672")


def test_only_digits_count():
    assert not elfproef("12345678a") and not elfproef("")


# --- BSN ----------------------------------------------------------------------------------------

BSN_JA = [
    "111222333",
    "123456782",
    "BSN 123456782",
    "bsn: 111222333.",
    "1234 56 782",
    "123 456 782",
    "1234.56.782",
    "123-456-782",
    "Zijn BSN (111222333) stond op de brief.",
    "burgerservicenummer 12345672",  # eight digits: the leading zero dropped
]
BSN_NEE = [
    "123456789",  # nine digits, but not a BSN
    "Dossier 987654321",
    "111222334",
    "000000000",
    "1234567890",  # ten digits
    "15-03-2024",
    "2024-03-15",
    "15-03-2024 tot 31-12-2024",
    "Zaak Z-2024-000123",
    "zaaknummer 2024-012345",
    "kenmerk 20240315-01",
    "€ 1.234.567,89",
    "1234567,89",
    "€ 123.456.789",
    "1.000.000 inwoners",
    "3511 AB",
    "1234AB 56",
]


@pytest.mark.parametrize("tekst", BSN_JA)
def test_a_bsn_that_passes_the_elfproef_is_found(tekst):
    assert bevat_bsn(tekst)


@pytest.mark.parametrize("tekst", BSN_NEE)
def test_numbers_that_are_no_bsn_are_left_alone(tekst):
    assert not bevat_bsn(tekst)


# --- phone numbers ------------------------------------------------------------------------------

TELEFOON_JA = [
    "06-12345678",
    "0612345678",
    "06 12345678",
    "06 1234 5678",
    "06 - 12 34 56 78",
    "06.12.34.56.78",
    "(06) 12345678",
    "+31 6 12345678",
    "+31612345678",
    "+31-6-12345678",
    "+31 (0)6 12345678",
    "0031 6 12345678",
    "0031612345678",
    "0031-(0)6-12345678",
    "020-1234567",
    "020 123 4567",
    "(020) 123 45 67",
    "0201234567",
    "+31 20 123 4567",
    "+31(0)20-1234567",
    "0031 20 123 4567",
    "010 - 123 45 67",
    "030-2 345 678",
    "088-1234567",
    "tel.: 0612345678",
    "bel 06-12345678.",
    "tel:+31612345678",
]
TELEFOON_NEE = [
    "14 020",  # the municipality's general number
    "0800-1234",
    "0900-1234567",  # service numbers, no person
    "15-03-2024",
    "van 06-12-2024 tot 20-12-2024",
    "om 14:30 gebeld",
    "2024-2025",
    "€ 1.234,56",
    "Zaak Z-2024-000123",
    "3511 AB",
    "45 minuten gewacht, 2 keer gebeld",
]


@pytest.mark.parametrize("tekst", TELEFOON_JA)
def test_dutch_phone_numbers_are_found(tekst):
    assert bevat_telefoonnummer(tekst)


@pytest.mark.parametrize("tekst", TELEFOON_NEE)
def test_numbers_that_are_no_phone_numbers_are_left_alone(tekst):
    assert not bevat_telefoonnummer(tekst)


# --- e-mail -------------------------------------------------------------------------------------

EMAIL_JA = [
    "jan@example.nl",
    "jan.jansen@example.nl",
    "j.de.vries+klant@gemeente-utrecht.nl",
    "info@bakkerij.co.uk",
    "Mail: P.Bakker@Voorbeeld.NL graag",
    "ÿvonne@gemeente.example.nl",
]
EMAIL_NEE = ["@gemeente", "via de @-knop", "jan at example dot nl", "gemeente.nl", "twitter: @gemeente"]


@pytest.mark.parametrize("tekst", EMAIL_JA)
def test_email_addresses_are_found(tekst):
    assert bevat_email(tekst)


@pytest.mark.parametrize("tekst", EMAIL_NEE)
def test_what_only_resembles_an_address_is_left_alone(tekst):
    assert not bevat_email(tekst)


# --- the validator ------------------------------------------------------------------------------


@pytest.mark.parametrize("tekst", [*BSN_JA[:3], *TELEFOON_JA[:3], *EMAIL_JA[:3]])
def test_the_validator_refuses_with_its_own_code(tekst):
    with pytest.raises(ValidationError) as fout:
        geen_persoonsgegevens(tekst)
    assert {e.code for e in fout.value.error_list} == {"persoonsgegevens"}


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        "Inwoner A",
        "Ondernemer 3",
        "Mevrouw (70+) vond het formulier onduidelijk; belde 2 keer.",
        "Aanvraag 15-03-2024 ingediend, besluit op 30-04-2024, leges € 1.234,56.",
        "Zaak Z-2024-000123; postcode 3511 AB; dossier 123456789.",
        "Wacht 6 weken op een reactie; wil graag een bevestiging.",
        "Heeft 14 020 gebeld, kreeg geen antwoord.",
    ],
)
def test_pseudonymous_text_passes(tekst):
    geen_persoonsgegevens(tekst)
    assert gevonden_persoonsgegevens(tekst) == []


def test_every_kind_found_is_named():
    tekst = "BSN 123456782, bel 06-12345678 of mail jan@example.nl"
    assert len(gevonden_persoonsgegevens(tekst)) == 3
    with pytest.raises(ValidationError) as fout:
        geen_persoonsgegevens(tekst)
    assert len(fout.value.messages) == 4  # three findings and what to do


@pytest.mark.parametrize(
    ("model", "veld"),
    [
        (Interview, "pseudoniem"),
        (Interview, "notities"),
        (Interview, "kerninzichten"),
        (Inzicht, "tekst"),
        (Contactmoment, "citaten"),
        (Pijnpunt, "omschrijving"),
    ],
)
def test_the_fields_for_pseudonymous_text_carry_the_validator(model, veld):
    assert geen_persoonsgegevens in model._meta.get_field(veld).validators
