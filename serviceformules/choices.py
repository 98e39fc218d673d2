"""Choice sets of the serviceformules and the 6P assessment (step 5)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class P(models.TextChoices):
    """The six P's of a serviceformule, in the method's order."""

    PRODUCT = "product", _("Product")
    PRIJS = "prijs", _("Price")
    PLAATS = "plaats", _("Place (channel)")
    PERSONEEL = "personeel", _("Staff")
    PROCES = "proces", _("Process")
    PROMOTIE = "promotie", _("Promotion (information)")


class Oordeel(models.TextChoices):
    """How the current process compares with what the formule promises for one P."""

    KOMT_OVEREEN = "komt_overeen", _("Matches")
    WIJKT_DEELS_AF = "wijkt_deels_af", _("Partly deviates")
    WIJKT_AF = "wijkt_af", _("Deviates")

    @property
    def kleur(self) -> str:
        return {"komt_overeen": "success", "wijkt_deels_af": "warning", "wijkt_af": "danger"}[self.value]

    @property
    def is_afwijking(self) -> bool:
        return self != Oordeel.KOMT_OVEREEN
