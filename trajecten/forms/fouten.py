"""Putting a service's refusal on the form that asked for it."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from wasstraat.bewerking import Bewerkingsconflict, VersieFormMixin

from ..services.traject import WorkflowFout


class ServicefoutenMixin(VersieFormMixin):
    """Lets a view put a service's refusal on the form: a `ValidationError` at the field it concerns, a
    `WorkflowFout` (a rule that refuses the move) above the form.

    Services validate with the model's `full_clean()`; their errors name model fields. Errors for a
    field the form has land at that field, the rest above the form, so the user's input stays. A
    `Bewerkingsconflict` (someone else saved in between) also carries the new version onto the form,
    see `wasstraat.bewerking`.
    """

    def servicefout_tonen(self, fout: ValidationError | WorkflowFout) -> None:
        if isinstance(fout, Bewerkingsconflict):
            self.conflict_tonen(fout)
        if isinstance(fout, WorkflowFout):
            for bericht in fout.berichten:
                self.add_error(None, bericht)  # type: ignore[attr-defined]
            return
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout)  # type: ignore[attr-defined]
            return
        for veld, fouten in fout.error_dict.items():
            bekend = veld in self.fields and veld != NON_FIELD_ERRORS  # type: ignore[attr-defined]
            self.add_error(veld if bekend else None, fouten)  # type: ignore[attr-defined]
