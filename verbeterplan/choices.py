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
    """What happened to the point; step 6 decides (and may decide again while step 6 is open)."""

    OPEN = "open", _("Open")
    OVERGENOMEN = "overgenomen", _("Accepted into a new action")
    SAMENGEVOEGD = "samengevoegd", _("Merged into an action")
    AFGEWEZEN = "afgewezen", _("Rejected")

    @property
    def kleur(self) -> str:
        return {
            "open": "info",
            "overgenomen": "success",
            "samengevoegd": "success",
            "afgewezen": "secondary",
        }[self.value]

    @property
    def in_actie(self) -> bool:
        """The point lives on in an action (accepted or merged)."""
        return self in (VerbeterpuntStatus.OVERGENOMEN, VerbeterpuntStatus.SAMENGEVOEGD)


class Termijn(models.TextChoices):
    """Whether an action is a quick win or a change for the long term; unset until the team decides."""

    QUICK_WIN = "quick_win", _("Quick win")
    LANGE_TERMIJN = "lange_termijn", _("Long term")

    @property
    def kleur(self) -> str:
        return {"quick_win": "success", "lange_termijn": "primary"}[self.value]


class Schaal(models.IntegerChoices):
    """The expected impact or effort of an action, 1 (very small) to 5 (very large)."""

    ZEER_KLEIN = 1, _("1 – very small")
    KLEIN = 2, _("2 – small")
    GEMIDDELD = 3, _("3 – moderate")
    GROOT = 4, _("4 – large")
    ZEER_GROOT = 5, _("5 – very large")


class Kwadrant(models.TextChoices):
    """The quadrant of the impact × effort matrix an action falls in (derived, not stored)."""

    QUICK_WINS = "quick_wins", _("Quick wins")
    GROTE_PROJECTEN = "grote_projecten", _("Major projects")
    KLEINE_VERBETERINGEN = "kleine_verbeteringen", _("Fill-ins")
    LAGE_PRIORITEIT = "lage_prioriteit", _("Low priority")


class ToetsverzoekStatus(models.TextChoices):
    """Where a review request stands: waiting for the specialist, answered, or withdrawn with a reason."""

    OPEN = "open", _("Waiting for the verdict")
    BEANTWOORD = "beantwoord", _("Answered")
    INGETROKKEN = "ingetrokken", _("Withdrawn")

    @property
    def kleur(self) -> str:
        return {"open": "warning", "beantwoord": "success", "ingetrokken": "secondary"}[self.value]


class Oordeel(models.TextChoices):
    """A specialist's verdict on an action or on the whole plan."""

    AKKOORD = "akkoord", _("Approved")
    ONDER_VOORWAARDEN = "akkoord_onder_voorwaarden", _("Approved with conditions")
    NIET_AKKOORD = "niet_akkoord", _("Not approved")

    @property
    def kleur(self) -> str:
        return {"akkoord": "success", "akkoord_onder_voorwaarden": "warning", "niet_akkoord": "danger"}[
            self.value
        ]


class VoorwaardeStatus(models.TextChoices):
    """A condition of an approval: open until it is met, or set aside with a reason."""

    OPEN = "open", _("Open")
    VERVULD = "vervuld", _("Met")
    TERZIJDE = "terzijde", _("Set aside")

    @property
    def kleur(self) -> str:
        return {"open": "warning", "vervuld": "success", "terzijde": "secondary"}[self.value]
