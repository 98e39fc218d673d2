"""Append-only models: the audit trail, the rights log, the privacy log, the specialists' verdicts.

A row is written once and never changed or deleted through the ORM: `save()` of an existing row,
`delete()`, and the queryset's `update()` and `delete()` raise `PermissionError` with the model's own
words. On PostgreSQL a row trigger in each model's migration refuses the same from raw SQL.
"""

from __future__ import annotations

from django.db import models


class OnveranderlijkQuerySet(models.QuerySet):
    """Never changed or deleted in bulk either."""

    def update(self, **kwargs):
        raise PermissionError(self.model.WEIGERING_WIJZIGEN)

    def delete(self):
        raise PermissionError(self.model.WEIGERING_VERWIJDEREN)


class Onveranderlijk(models.Model):
    """Base of an append-only model; subclasses set the two refusals in their own words."""

    WEIGERING_WIJZIGEN = "This row cannot be changed."
    WEIGERING_VERWIJDEREN = "This row cannot be deleted."

    objects = OnveranderlijkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError(self.WEIGERING_WIJZIGEN)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.WEIGERING_VERWIJDEREN)
