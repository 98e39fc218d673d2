"""Choice sets of the improvement plan."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerbeterpuntBron(models.TextChoices):
    """Where an improvement point arose. Later steps add their own sources (KPI, process step, …)."""

    TRAJECT = "traject", _("Trajectory")
    SESSIE = "sessie", _("Session")
    KPI = "kpi", _("KPI")
    PROCESSTAP = "processtap", _("Process step")
    CONTACTMOMENT = "contactmoment", _("Contact moment")
    PIJNPUNT = "pijnpunt", _("Pain point")
    P_BEOORDELING = "p_beoordeling", _("P of the serviceformule")


class VerbeterpuntStatus(models.TextChoices):
    """What happened to the point; step 6 decides."""

    OPEN = "open", _("Open")

    @property
    def kleur(self) -> str:
        return {"open": "info"}[self.value]
