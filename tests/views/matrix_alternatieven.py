"""Permission-matrix rows for the alternatives to own interviews (merged into MATRIX in
test_permissiematrix.py).

Recording, changing and deleting an alternative and its attachments is ``bewerk_klantreis`` (the
klantreiscoach); downloading an attachment is viewing the trajectory (every member and management).
Each request gets a fresh alternative or attachment, so every allowed person has something to change,
download or delete. Uploaded files go to the test settings' temporary MEDIA_ROOT.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from klantreis.choices import AlternatiefSoort
from klantreis.models import Alternatief, AlternatiefBijlage, Klantreis
from tests.views.conftest import Omgeving
from tests.views.matrix import BEKIJKEN, KRC, SPEC_CONTRACT, Controle, Verzoek, get, post

BEWERKEN = SPEC_CONTRACT["bewerk_klantreis"]

#: The smallest file that passes the attachment check of a .pdf.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _reis(o: Omgeving) -> Klantreis:
    reis, _nieuw = Klantreis.objects.get_or_create(
        traject=o.traject, defaults={"persona_naam": "Starter die een vergunning aanvraagt"}
    )
    return reis


def _nieuw_alternatief(o: Omgeving) -> Alternatief:
    return Alternatief.objects.create(
        klantreis=_reis(o),
        soort=AlternatiefSoort.FEEDBACK,
        reden="Eenvoudig proces; het klachtenregister geeft een volledig beeld.",
        bron="Klachtenregister",
        periode="2025",
        samenvatting="Veertig klachten, vooral over de wachttijd.",
        aangemaakt_door=o.persoon(KRC),
    )


def _met_reis(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    return Verzoek({"pk": o.traject.pk})


def _feedback_gegevens() -> dict:
    return {
        "reden": "Eenvoudig proces; het klachtenregister geeft een volledig beeld.",
        "bron": "Klachtenregister",
        "periode": "2025",
        "samenvatting": "Veertig klachten, vooral over de wachttijd.",
    }


def _alternatief_toevoegen(o: Omgeving, _wie) -> Verzoek:
    _reis(o)
    return Verzoek({"pk": o.traject.pk}, _feedback_gegevens())


def _alternatief(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"pk": o.traject.pk, "alt_pk": _nieuw_alternatief(o).pk})


def _alternatief_wijzigen(o: Omgeving, _wie) -> Verzoek:
    alternatief = _nieuw_alternatief(o)
    return Verzoek(
        {"pk": o.traject.pk, "alt_pk": alternatief.pk}, {**_feedback_gegevens(), "periode": "2026"}
    )


def _bijlage_uploaden(o: Omgeving, _wie) -> Verzoek:
    alternatief = _nieuw_alternatief(o)
    bestand = SimpleUploadedFile("klachten.pdf", PDF, content_type="application/pdf")
    return Verzoek({"pk": o.traject.pk, "alt_pk": alternatief.pk}, {"bestand": bestand})


def _bijlage(o: Omgeving, _wie) -> Verzoek:
    alternatief = _nieuw_alternatief(o)
    bijlage = AlternatiefBijlage(
        alternatief=alternatief, naam="klachten.pdf", grootte=len(PDF), toegevoegd_door=o.persoon(KRC)
    )
    bijlage.bestand.save("matrix.pdf", ContentFile(PDF), save=False)
    bijlage.save()
    return Verzoek({"pk": o.traject.pk, "alt_pk": alternatief.pk, "bijlage_pk": bijlage.pk})


RIJEN: dict[str, list[Controle]] = {
    "klantreis:alternatief_nieuw": [get(BEWERKEN, _met_reis), post(BEWERKEN, _alternatief_toevoegen)],
    "klantreis:alternatief_bewerken": [get(BEWERKEN, _alternatief), post(BEWERKEN, _alternatief_wijzigen)],
    "klantreis:alternatief_verwijderen": [get(BEWERKEN, _alternatief), post(BEWERKEN, _alternatief)],
    "klantreis:bijlage_nieuw": [get(BEWERKEN, _alternatief), post(BEWERKEN, _bijlage_uploaden)],
    "klantreis:bijlage": [get(BEKIJKEN, _bijlage)],
    "klantreis:bijlage_verwijderen": [get(BEWERKEN, _bijlage), post(BEWERKEN, _bijlage)],
}
