"""The verbeterplan as an accessible PDF (PDF/UA-1): a document a directie can be handed.

`verbeterplan_pdf` renders the draft of the current plan (every page marked *concept*);
`plandocument_pdf` renders any `Plandocument`, so a frozen version stored as data prints the same way.
The template (``templates/verbeterplan/pdf/verbeterplan.html``) reads only the document and the house
style (the municipality's name, logo and colour from the settings). Always in Dutch.

Rendering a large plan takes WeasyPrint a second or more, so the download does not wait for it in the
web process: `pdf_sleutel` names the state of the plan (a hash of its document), the Celery task
`verbeterplan.tasks.plan_pdf_maken` renders and stores the PDF of that state (`pdf_opslaan`, in the
default storage under ``verbeterplan-pdf/<trajectory>/``, the previous one removed), and the view
serves the stored file once it is there (`opgeslagen_pdf`). Without Redis the task runs in-process,
so the first request gets the PDF at once.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trajecten.models import Traject
from wasstraat.pdf import html_naar_pdf
from wasstraat.svg import tekst_escapen

from .document import Plandocument, plandocument

SJABLOON = "verbeterplan/pdf/verbeterplan.html"
#: The colour of the "concept" marks (5.9:1 on white).
KLEUR_CONCEPT = "#b02a37"


def verbeterplan_pdf(*, traject: Traject) -> bytes:
    """The trajectory's improvement plan as it stands now, as a PDF marked *concept* on every page."""
    with translation.override("nl"):  # the figures are drawn with translated text
        return plandocument_pdf(document=plandocument(traject=traject))


def plandocument_pdf(*, document: Plandocument) -> bytes:
    """A plan document as a tagged PDF/UA-1 document."""
    return html_naar_pdf(html=plandocument_html(document=document))


def plandocument_html(*, document: Plandocument) -> str:
    """The HTML the PDF is made of (in Dutch)."""
    with translation.override("nl"):
        context = {
            "document": document,
            "paginanummer": _css_tekst(
                _("Page %(pagina)s of %(paginas)s"), pagina="counter(page)", paginas="counter(pages)"
            ),
            "kopregel": _css_tekst(
                _("%(gemeente)s · Improvement plan · %(versie)s"),
                gemeente=settings.GEMEENTE_NAAM,
                versie=document.versie,
                letterlijk=True,
            ),
            "watermerk": _watermerk(_("DRAFT")) if document.concept else "",
            "KLEUR_CONCEPT": KLEUR_CONCEPT,
            "GEMEENTE_NAAM": settings.GEMEENTE_NAAM,
            "GEMEENTE_LOGO": settings.GEMEENTE_LOGO,
            "GEMEENTE_KLEUR": settings.GEMEENTE_KLEUR,
        }
        return render_to_string(SJABLOON, context)


def _css_string(tekst: str) -> str:
    """`tekst` as a quoted CSS string (for `content:` in a page's margin box)."""
    return '"' + tekst.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _css_tekst(sjabloon: str, *, letterlijk: bool = False, **delen: str) -> SafeString:
    """A translated sentence as the value of CSS `content`: the parts are CSS functions such as
    ``counter(page)`` put between the quoted pieces of text, or (`letterlijk`) text themselves."""
    if letterlijk:
        return mark_safe(_css_string(sjabloon % delen))  # noqa: S308  quoted and escaped
    merkers = {naam: f"\x00{naam}\x00" for naam in delen}
    stukken = (sjabloon % merkers).split("\x00")
    waarde = " ".join(delen[stuk] if i % 2 else _css_string(stuk) for i, stuk in enumerate(stukken) if stuk)
    return mark_safe(waarde)  # noqa: S308  the text is quoted and escaped, the functions are ours


def _watermerk(woord: str) -> str:
    """A data: URL of a light diagonal word across an A4 page, for the page's background (so PDF
    readers treat it as decoration, not as content)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">'
        '<text x="105" y="160" transform="rotate(-52 105 160)" text-anchor="middle" '
        'font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="38" '
        f'fill="{KLEUR_CONCEPT}" fill-opacity="0.07" letter-spacing="4">{tekst_escapen(woord)}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg)


# --- stored PDFs (rendered by the Celery task) ----------------------------------------------------

MAP = "verbeterplan-pdf"


def pdf_sleutel(*, traject: Traject, document: Plandocument) -> str:
    """A name for the state of the plan the document shows: the same plan gives the same key (the
    moment the document was made aside), any change of it another one."""
    gegevens = document.als_dict()
    gegevens.pop("gemaakt_op")
    # the trajectory's creation time too: a reused primary key (a test database) is another plan
    inhoud = json.dumps([traject.pk, traject.aangemaakt_op.isoformat(), gegevens], sort_keys=True)
    return hashlib.sha256(inhoud.encode()).hexdigest()[:40]


def _pad(traject_pk: int, sleutel: str) -> str:
    return f"{MAP}/{traject_pk}/{sleutel}.pdf"


def opgeslagen_pdf(*, traject: Traject, sleutel: str) -> bytes | None:
    """The stored PDF of this state of the plan, or None while it has not been made."""
    pad = _pad(traject.pk, sleutel)
    if not default_storage.exists(pad):
        return None
    with default_storage.open(pad, "rb") as bestand:
        return bestand.read()


def pdf_opslaan(*, traject: Traject) -> str:
    """Render the plan as it stands now and store the PDF under its key (once: a stored state is not
    rendered again); earlier PDFs of the trajectory are removed. Returns the key."""
    with translation.override("nl"):
        document = plandocument(traject=traject)
        sleutel = pdf_sleutel(traject=traject, document=document)
        pad = _pad(traject.pk, sleutel)
        if not default_storage.exists(pad):
            default_storage.save(pad, ContentFile(plandocument_pdf(document=document)))
    map_ = f"{MAP}/{traject.pk}"
    for naam in default_storage.listdir(map_)[1]:
        if naam != f"{sleutel}.pdf":
            default_storage.delete(f"{map_}/{naam}")
    return sleutel
