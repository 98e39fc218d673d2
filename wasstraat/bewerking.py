"""No lost updates: every edit form carries the version of the object the user saw.

One mechanism for every edit form in the application:

- the form gets a hidden field ``gezien`` (`VersieFormMixin.versie_volgen`) holding a token of the
  values of the fields it edits, as they were when the form was opened;
- the view passes it on (``gezien=form.gezien_versie()``) and the service, after locking, calls
  `versie_controleren`: when one of those fields has been changed in
  the database since, it raises `Bewerkingsconflict` instead of overwriting the other person's work;
- `Bewerkingsconflict` is a ``ValidationError`` per field, so the form shows at each field what is saved
  there now, keeps everything the user typed, and carries the new version: saving once more, after
  looking, deliberately keeps the user's text.

The token holds a short hash per field (never the values themselves, which may be personal data), so
only a change to a field the form edits is a conflict; a change elsewhere (a status, another field)
never bothers the user.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import formats
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERSIEVELD = "gezien"  # not "versie": some models have a field of that name
_ZOUT = "wasstraat.bewerking.versie"


def _veld(model: type[models.Model], naam: str) -> models.Field | None:
    try:
        veld = model._meta.get_field(naam)
    except FieldDoesNotExist:
        return None
    return veld if getattr(veld, "concrete", False) or veld.many_to_many else None


def _ruwe_waarde(obj: models.Model, veld: models.Field):
    if veld.many_to_many:
        return sorted(getattr(obj, veld.name).values_list("pk", flat=True)) if obj.pk else []
    return veld.value_from_object(obj)


def _vingerafdruk(waarde) -> str:
    # A keyed hash: the page never carries something from which a short value (a pseudonym) could be
    # guessed back.
    tekst = json.dumps(waarde, cls=DjangoJSONEncoder, sort_keys=True)
    return salted_hmac(_ZOUT, tekst, algorithm="sha256").hexdigest()[:16]


#: More than the object's own fields: texts the same form edits elsewhere (e.g. the six P's of a
#: formule), as ``{form field: (label, value)}``.
Extra = Mapping[str, tuple[str, str]]
#: The token of a form that creates what did not exist yet when it was opened.
_NIEUW = "_nieuw"


def _vingerafdrukken(obj: models.Model | None, velden: Iterable[str], extra: Extra | None) -> dict[str, str]:
    if obj is None:
        return {_NIEUW: "1"}
    afdrukken = {}
    for naam in velden:
        veld = _veld(type(obj), naam)
        if veld is not None:
            afdrukken[naam] = _vingerafdruk(_ruwe_waarde(obj, veld))
    for naam, (_label, waarde) in (extra or {}).items():
        afdrukken[naam] = _vingerafdruk(waarde)
    return afdrukken


def versie_van(obj: models.Model | None, velden: Iterable[str], *, extra: Extra | None = None) -> str:
    """The version of `obj` as far as `velden` (and `extra`) go: what an edit form carries from opening
    to saving. ``obj=None``: the form creates it (e.g. the first assessment of a P), so someone else
    creating it in the meantime is a conflict too."""
    return signing.dumps(_vingerafdrukken(obj, velden, extra), salt=_ZOUT, compress=True)


@dataclass(frozen=True)
class Wijziging:
    """A field someone else changed after the user opened the form, and what it holds now."""

    veld: str
    label: str
    nu: str


def leesbare_waarde(obj: models.Model, naam: str) -> str:
    """A field's stored value as the user reads it (choice labels, names, Dutch dates), shortened."""
    veld = _veld(type(obj), naam)
    if veld is None:
        return ""
    if veld.many_to_many:
        tekst = ", ".join(str(o) for o in getattr(obj, naam).all()) or _("(nobody)")
    elif veld.is_relation:
        tekst = str(getattr(obj, naam) or "")
    elif veld.choices:
        tekst = str(getattr(obj, f"get_{naam}_display")())
    else:
        waarde = getattr(obj, naam)
        if isinstance(waarde, bool):
            tekst = _("yes") if waarde else _("no")
        elif waarde is None or waarde == "":
            tekst = ""
        else:
            tekst = formats.localize(waarde, use_l10n=True)
    return Truncator(tekst or _("(empty)")).chars(300)


class Bewerkingsconflict(ValidationError):
    """Someone else saved the object between the user opening the form and saving it.

    A ``ValidationError`` with a message at every field that changed and one above the form, so every
    view that puts a service's errors on its form shows the conflict without extra code; `nieuwe_versie`
    is the version to carry on, so the next save is a deliberate choice.
    """

    def __init__(self, wijzigingen: list[Wijziging], nieuwe_versie: str):
        self.wijzigingen = wijzigingen
        self.nieuwe_versie = nieuwe_versie
        uitleg = CONFLICT_UITLEG if wijzigingen else ONLEESBARE_VERSIE
        fouten: dict[str, list[ValidationError]] = {
            NON_FIELD_ERRORS: [ValidationError(uitleg, code="bewerkingsconflict")]
        }
        for wijziging in wijzigingen:
            fouten[wijziging.veld] = [
                ValidationError(
                    _("%(veld)s was changed by someone else in the meantime. Saved now: “%(nu)s”.")
                    % {"veld": wijziging.label, "nu": wijziging.nu},
                    code="bewerkingsconflict",
                )
            ]
        super().__init__(fouten)


CONFLICT_UITLEG = gettext_lazy(
    "Someone else saved a change while you were editing. What is saved now is shown at the fields "
    "concerned; your input is still in the form. Save again to keep your version, or adjust it first."
)
ONLEESBARE_VERSIE = gettext_lazy(
    "This form could not tell which version you started from (the page may be old). Check the "
    "current values and save again."
)


def versie_controleren(
    obj: models.Model | None, *, gezien: str | None, velden: Iterable[str], extra: Extra | None = None
) -> None:
    """Refuse the save when one of `velden` changed in the database since the user saw version `gezien`.

    Call it in the service after locking, before changing anything, with the object as it is stored
    (None: it does not exist, so nothing can be overwritten) and `extra` read under the same lock. It
    reads the object's row itself, so it does not matter whether `obj` is fresh. ``gezien=None`` (a
    service called without a form, such as the demo data) skips the check.
    """
    if gezien is None or obj is None:
        return
    velden = [naam for naam in velden if _veld(type(obj), naam) is not None]
    opgeslagen = type(obj)._default_manager.get(pk=obj.pk)
    nu = _vingerafdrukken(opgeslagen, velden, extra)
    nieuwe_versie = versie_van(opgeslagen, velden, extra=extra)
    try:
        gezien_afdrukken = signing.loads(gezien, salt=_ZOUT)
    except signing.BadSignature:
        raise Bewerkingsconflict([], nieuwe_versie) from None
    if _NIEUW in gezien_afdrukken:  # opened to create it, and someone else created it meanwhile
        gewijzigd = list(nu)
    else:
        gewijzigd = [n for n in nu if n in gezien_afdrukken and gezien_afdrukken[n] != nu[n]]
    if gewijzigd:
        wijzigingen = [_wijziging(opgeslagen, naam, extra or {}) for naam in gewijzigd]
        raise Bewerkingsconflict(wijzigingen, nieuwe_versie)


def _wijziging(opgeslagen: models.Model, naam: str, extra: Extra) -> Wijziging:
    if naam in extra:
        label, waarde = extra[naam]
        return Wijziging(naam, str(label), Truncator(waarde or _("(empty)")).chars(300))
    label = str(capfirst(type(opgeslagen)._meta.get_field(naam).verbose_name))
    return Wijziging(naam, label, leesbare_waarde(opgeslagen, naam))


class VersieFormMixin:
    """Gives an edit form the hidden field ``gezien`` and shows a `Bewerkingsconflict` on it.

    Call `versie_volgen(obj, velden)` at the end of ``__init__`` of a form that edits `obj`; pass
    `gezien_versie()` to the service's ``gezien``.
    """

    def versie_volgen(
        self, obj: models.Model | None, velden: Iterable[str], *, extra: Extra | None = None
    ) -> None:
        veld = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:  # type: ignore[attr-defined]
            veld.initial = versie_van(obj, velden, extra=extra)
        self.fields[VERSIEVELD] = veld  # type: ignore[attr-defined]
        helper = getattr(self, "helper", None)
        if helper is not None:
            helper.render_hidden_fields = True  # crispy layouts name their fields; this one too

    @property
    def volgt_versie(self) -> bool:
        return VERSIEVELD in self.fields  # type: ignore[attr-defined]

    def gezien_versie(self) -> str | None:
        """The version the user started from, for the service's ``gezien``.

        "" when the form sent the field empty (the service then asks the user to look again); None when
        the request did not carry the field at all — a client that never showed our form, such as a
        script, has no version to compare with. The check protects people from each other's unseen
        changes, it is not an access rule, so such a request is saved as before.
        """
        if not self.volgt_versie or self.add_prefix(VERSIEVELD) not in self.data:  # type: ignore[attr-defined]
            return None
        return self.cleaned_data.get(VERSIEVELD) or ""  # type: ignore[attr-defined]

    def conflict_tonen(self, conflict: Bewerkingsconflict) -> None:
        """Carry the new version, so saving again keeps the user's input deliberately."""
        if not self.volgt_versie or not self.is_bound:  # type: ignore[attr-defined]
            return
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix(VERSIEVELD)] = conflict.nieuwe_versie  # type: ignore[attr-defined]
        self.data = data
