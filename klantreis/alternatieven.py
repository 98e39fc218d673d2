"""Alternatives to own interviews (step 4): existing customer feedback or another municipality's journey.

For simpler processes the method accepts, instead of interviews, existing customer feedback (source,
period, summary, attachments) or another municipality's published customer journey (municipality, link,
what was taken over), each with the reason why no own interviews were held. Every write checks the
right `bewerk_klantreis` (the klantreiscoach), locks the trajectory row, refuses on a stopped or finished
trajectory, validates with the model's `full_clean()` and records an audit event of the kind
`GebeurtenisSoort.KLANTREIS`; summaries and reasons stay out of the timeline.

Attachments belong to existing customer feedback only. They are checked before they are stored: the
size (`settings.KLANTREIS_BIJLAGE_MAX_BYTES`), the extension (`BIJLAGE_EXTENSIES`) and, roughly, the
content (a .pdf starts with ``%PDF-``, an image with its signature, an Office file is the right kind of
ZIP, a text file holds no binary data; executables are refused whatever they are called). They are
stored under a random name and served only through a permission-checked view, never from MEDIA_URL.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from trajecten.choices import GebeurtenisSoort, Stap
from trajecten.models import Traject
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from .choices import AlternatiefSoort
from .models import BIJLAGE_EXTENSIES, Alternatief, AlternatiefBijlage, Klantreis
from .services import bewerking_beginnen, klantreis_van

__all__ = [
    "BEWERKEN",
    "INHOUDSTYPEN",
    "VELDEN",
    "alternatief_toevoegen",
    "alternatief_verwijderen",
    "alternatief_wijzigen",
    "bijlage_toevoegen",
    "bijlage_verwijderen",
    "inhoudstype",
    "velden_van",
]

BEWERKEN = "bewerk_klantreis"

#: The fields a person fills in, per kind; `reden` (why no own interviews) always.
VELDEN: dict[str, tuple[str, ...]] = {
    AlternatiefSoort.FEEDBACK: ("reden", "bron", "periode", "samenvatting"),
    AlternatiefSoort.ANDERE_GEMEENTE: ("reden", "gemeente", "link", "overgenomen"),
}

#: The content type an attachment is served with, by extension (never the one the browser sent).
INHOUDSTYPEN: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "txt": "text/plain",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}

_KOP = 8192  # how much of a file the content check reads
_HANDTEKENINGEN: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}
#: Windows (MZ), Linux (ELF), macOS (Mach-O, universal) programs and scripts (#!).
_UITVOERBAAR = (
    b"MZ",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"#!",
)
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_OOXML_MAP = {"docx": "word/", "xlsx": "xl/"}


def velden_van(soort: str) -> tuple[str, ...]:
    """The fields a person fills in for an alternative of this kind."""
    return VELDEN[AlternatiefSoort(soort)]


def inhoudstype(bijlage: AlternatiefBijlage) -> str:
    """The content type an attachment is served with, from the extension it was stored with."""
    return INHOUDSTYPEN.get(_extensie(bijlage.bestand.name), "application/octet-stream")


def _traject_van(obj: Alternatief | AlternatiefBijlage) -> Traject:
    if isinstance(obj, AlternatiefBijlage):
        obj = obj.alternatief
    return obj.klantreis.traject


def _alternatief_onder_slot(alternatief: Alternatief, door: User) -> Alternatief:
    """Check, lock, and the alternative as the database holds it now; gone: a clear refusal."""
    traject = bewerking_beginnen(_traject_van(alternatief), door)
    vers = (
        Alternatief.objects.select_related("klantreis")
        .filter(pk=alternatief.pk, klantreis__traject=traject)
        .first()
    )
    if vers is None:
        raise WorkflowFout(_("This alternative source no longer exists; someone deleted it in the meantime."))
    vers.klantreis.traject = traject
    return vers


def _velden(soort: str, velden: dict[str, Any]) -> dict[str, Any]:
    onbekend = set(velden) - set(velden_van(soort))
    if onbekend:
        raise ValueError(f"Not a field of this kind of alternative: {', '.join(sorted(onbekend))}")
    return velden


def _gebeurtenis(traject: Traject, door: User, omschrijving: str, **gegevens) -> None:
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KLANTREIS,
        omschrijving=omschrijving,
        stap=Stap.S4,
        gegevens=gegevens,
    )


def _benaming(alternatief: Alternatief) -> dict[str, str]:
    """The kind and the name (source or municipality) the timeline shows; never the summary."""
    naam = alternatief.gemeente if alternatief.soort == AlternatiefSoort.ANDERE_GEMEENTE else alternatief.bron
    return {"soort": str(alternatief.get_soort_display()).lower(), "naam": naam}


# --- alternatives ---------------------------------------------------------------------------------


@transaction.atomic
def alternatief_toevoegen(*, traject: Traject, door: User, soort: str, **velden: Any) -> Alternatief:
    """Record existing customer feedback or another municipality's journey instead of own interviews.

    `velden` are the fields of that kind (`VELDEN`); the reason why no own interviews were held is
    required, and per kind the source and summary, or the municipality, the link and what was taken over.
    """
    traject = bewerking_beginnen(traject, door)
    if soort not in AlternatiefSoort.values:
        raise ValidationError({"soort": _("Choose the kind of alternative source.")})
    _velden(soort, velden)
    reis: Klantreis | None = klantreis_van(traject)
    if reis is None:
        raise WorkflowFout(_("Describe the target group first."))
    alternatief = Alternatief(klantreis=reis, soort=soort, aangemaakt_door=door, **velden)
    alternatief.full_clean()
    alternatief.save()
    _gebeurtenis(
        traject,
        door,
        _("Alternative source instead of own interviews recorded: %(soort)s “%(naam)s”.")
        % _benaming(alternatief),
        alternatief=alternatief.pk,
        soort=soort,
    )
    return alternatief


@transaction.atomic
def alternatief_wijzigen(
    *, alternatief: Alternatief, door: User, gezien: str | None = None, **velden: Any
) -> Alternatief:
    """Change the reason and the fields of the alternative's kind (the kind itself stays). `gezien`: the
    version the user edited (`wasstraat.bewerking`)."""
    vers = _alternatief_onder_slot(alternatief, door)
    versie_controleren(vers, gezien=gezien, velden=velden)
    _velden(vers.soort, velden)
    gewijzigd = [n for n, waarde in velden.items() if getattr(vers, n) != waarde]
    for naam, waarde in velden.items():
        setattr(vers, naam, waarde)
    vers.full_clean()
    if not gewijzigd:
        return vers
    vers.save()
    _gebeurtenis(
        vers.klantreis.traject,
        door,
        _("Alternative source %(soort)s “%(naam)s” changed: %(velden)s.")
        % {
            **_benaming(vers),
            "velden": ", ".join(str(Alternatief._meta.get_field(n).verbose_name) for n in gewijzigd),
        },
        alternatief=vers.pk,
        velden=gewijzigd,
    )
    return vers


@transaction.atomic
def alternatief_verwijderen(*, alternatief: Alternatief, door: User) -> None:
    """Delete an alternative with its attachments; their files go from storage once the deletion is saved."""
    vers = _alternatief_onder_slot(alternatief, door)
    bestanden = [b.bestand for b in vers.bijlagen.all()]
    benaming, pk, soort = _benaming(vers), vers.pk, vers.soort
    vers.delete()
    for bestand in bestanden:
        _na_commit_wissen(bestand)
    _gebeurtenis(
        vers.klantreis.traject,
        door,
        _("Alternative source %(soort)s “%(naam)s” deleted.") % benaming,
        alternatief=pk,
        soort=soort,
        bijlagen=len(bestanden),
    )


# --- attachments --------------------------------------------------------------------------------


def _extensie(naam: str) -> str:
    return os.path.splitext(naam or "")[1].lower().lstrip(".")


def _schone_naam(naam: str) -> str:
    """The original file name without folders or control characters, at most 200 characters."""
    naam = (naam or "").replace("\\", "/").rsplit("/", 1)[-1]
    naam = unicodedata.normalize("NFC", "".join(teken for teken in naam if teken.isprintable()))
    naam = naam.strip().lstrip(".").strip()
    if len(naam) > 200:
        stam, extensie = os.path.splitext(naam)
        naam = stam[: 200 - len(extensie)] + extensie
    return naam


def _kop(bestand: UploadedFile) -> bytes:
    bestand.seek(0)
    kop = bestand.read(_KOP)
    bestand.seek(0)
    return kop


def _zip_klopt(bestand: UploadedFile, extensie: str) -> bool:
    """Roughly: an Office document is a ZIP with that document's parts (and no macros)."""
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = archief.namelist()
            if any(naam.lower().endswith("vbaproject.bin") for naam in namen):
                return False
            if extensie in _OOXML_MAP:
                return "[Content_Types].xml" in namen and any(
                    naam.startswith(_OOXML_MAP[extensie]) for naam in namen
                )
            info = archief.getinfo("mimetype")
            return info.file_size < 100 and archief.read(info).strip() == _ODF_MIMETYPE[extensie]
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    finally:
        bestand.seek(0)


def _inhoud_klopt(bestand: UploadedFile, extensie: str) -> bool:
    kop = _kop(bestand)
    if kop.startswith(_UITVOERBAAR):
        return False
    if extensie in ("txt", "csv"):
        return kop.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in kop
    if not kop.startswith(_HANDTEKENINGEN[extensie]):
        return False
    if extensie in _OOXML_MAP or extensie in _ODF_MIMETYPE:
        return _zip_klopt(bestand, extensie)
    return True


def _eis_toegestaan_bestand(bestand: UploadedFile, naam: str) -> str:
    """Refuse what is too large, of a type not allowed, or not what its name says; the extension."""
    maximum = settings.KLANTREIS_BIJLAGE_MAX_BYTES
    if bestand.size > maximum:
        raise ValidationError(
            {
                "bestand": _("The file is too large (%(grootte)s); at most %(maximum)s is accepted.")
                % {"grootte": filesizeformat(bestand.size), "maximum": filesizeformat(maximum)}
            }
        )
    extensie = _extensie(naam)
    if extensie not in BIJLAGE_EXTENSIES:
        raise ValidationError(
            {
                "bestand": _("Files of this type are not accepted. Allowed: %(extensies)s.")
                % {"extensies": ", ".join(f".{e}" for e in BIJLAGE_EXTENSIES)}
            }
        )
    if not bestand.size or not _inhoud_klopt(bestand, extensie):
        raise ValidationError(
            {
                "bestand": _(
                    "The content of this file does not match its type (.%(extensie)s). Upload the "
                    "original document."
                )
                % {"extensie": extensie}
            }
        )
    return extensie


def _na_commit_wissen(bestand) -> None:
    """Remove a stored file once the transaction that deleted its record is saved."""
    opslag, naam = bestand.storage, bestand.name
    if naam:
        transaction.on_commit(lambda: opslag.delete(naam))


@transaction.atomic
def bijlage_toevoegen(*, alternatief: Alternatief, door: User, bestand: UploadedFile) -> AlternatiefBijlage:
    """Attach a file to existing customer feedback, after checking its size, type and content.

    The file is stored under a random name; `naam` keeps the original name (cleaned) for the download.
    """
    vers = _alternatief_onder_slot(alternatief, door)
    if vers.soort != AlternatiefSoort.FEEDBACK:
        raise WorkflowFout(_("Only existing customer feedback can have attachments."))
    naam = _schone_naam(bestand.name)
    extensie = _eis_toegestaan_bestand(bestand, naam)
    bijlage = AlternatiefBijlage(alternatief=vers, naam=naam, grootte=bestand.size, toegevoegd_door=door)
    bijlage.bestand = File(bestand, name=f"{uuid.uuid4().hex}.{extensie}")
    bijlage.full_clean()
    bijlage.save()  # writes the file
    try:
        _gebeurtenis(
            vers.klantreis.traject,
            door,
            _("Attachment “%(bestand)s” added to %(soort)s “%(naam)s”.")
            % {**_benaming(vers), "bestand": bijlage.naam},
            alternatief=vers.pk,
            bijlage=bijlage.pk,
            grootte=bijlage.grootte,
        )
    except Exception:
        bijlage.bestand.storage.delete(bijlage.bestand.name)
        raise
    return bijlage


@transaction.atomic
def bijlage_verwijderen(*, bijlage: AlternatiefBijlage, door: User) -> None:
    """Delete an attachment; its file goes from storage once the deletion is saved."""
    alternatief = _alternatief_onder_slot(bijlage.alternatief, door)
    vers = AlternatiefBijlage.objects.filter(pk=bijlage.pk, alternatief=alternatief).first()
    if vers is None:
        raise WorkflowFout(_("This attachment no longer exists; someone deleted it in the meantime."))
    naam, pk = vers.naam, vers.pk
    _na_commit_wissen(vers.bestand)
    vers.delete()
    _gebeurtenis(
        alternatief.klantreis.traject,
        door,
        _("Attachment “%(bestand)s” of %(soort)s “%(naam)s” deleted.")
        % {**_benaming(alternatief), "bestand": naam},
        alternatief=alternatief.pk,
        bijlage=pk,
    )
