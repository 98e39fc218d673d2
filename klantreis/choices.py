"""Choice sets of the customer journey (step 4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reis(models.TextChoices):
    """Which of the two journeys a contact moment belongs to."""

    HUIDIG = "huidig", _("Current journey")
    GEWENST = "gewenst", _("Desired journey")


class Kanaal(models.TextChoices):
    """The channel of a contact moment."""

    WEBSITE = "website", _("Website")
    EMAIL = "email", _("E-mail")
    TELEFOON = "telefoon", _("Telephone")
    BALIE = "balie", _("Counter (balie)")
    POST = "post", _("Post")
    BRIEF = "brief", _("Letter")
    APP = "app", _("App")


class Beleving(models.IntegerChoices):
    """The customer's experience of a contact moment, −2 … +2 (the heartbeat's height)."""

    ZEER_NEGATIEF = -2, _("Very negative")
    NEGATIEF = -1, _("Negative")
    NEUTRAAL = 0, _("Neutral")
    POSITIEF = 1, _("Positive")
    ZEER_POSITIEF = 2, _("Very positive")

    @property
    def kleur(self) -> str:
        """Bootstrap colour of the badge."""
        if self.value < 0:
            return "danger"
        return "success" if self.value > 0 else "secondary"


class Klanttype(models.TextChoices):
    INWONER = "inwoner", _("Resident")
    ONDERNEMER = "ondernemer", _("Entrepreneur")
    ORGANISATIE = "organisatie", _("Organisation")


class Toestemming(models.TextChoices):
    """How the interviewee gave consent."""

    MONDELING = "mondeling", _("Verbally, noted by the interviewer")
    SCHRIFTELIJK = "schriftelijk", _("In writing (signed form)")
    DIGITAAL = "digitaal", _("Digitally (e-mail or online form)")


class AlternatiefSoort(models.TextChoices):
    """What the method accepts instead of own interviews for simpler processes."""

    FEEDBACK = "feedback", _("Existing customer feedback")
    ANDERE_GEMEENTE = "andere_gemeente", _("Another municipality's customer journey")


class Handeling(models.TextChoices):
    """What was done with an interview's personal data (the privacy log)."""

    BEKEKEN = "bekeken", _("Viewed")
    AANGEMAAKT = "aangemaakt", _("Created")
    GEWIJZIGD = "gewijzigd", _("Changed")
    GEEXPORTEERD = "geexporteerd", _("Exported")
    VERWIJDERD = "verwijderd", _("Deleted")
    BEWAARTERMIJN = "bewaartermijn", _("Notes deleted after the retention period")
    ROL_TOEGEKEND = "rol_toegekend", _("Given the customer journey coach role")
    ROL_INGETROKKEN = "rol_ingetrokken", _("Customer journey coach role taken away")


#: Entries about a person's role rather than an interview: they have no interview and no label.
ROLHANDELINGEN = (Handeling.ROL_TOEGEKEND, Handeling.ROL_INGETROKKEN)
