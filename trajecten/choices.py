"""Choice sets of the trajectory domain, each with the Bootstrap colour of its badge."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrajectStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    LOPEND = "lopend", _("Running")
    GEPAUZEERD = "gepauzeerd", _("Paused")
    GESTOPT = "gestopt", _("Stopped")
    AFGEROND = "afgerond", _("Finished")

    @property
    def kleur(self) -> str:
        return {
            "concept": "secondary",
            "lopend": "primary",
            "gepauzeerd": "warning",
            "gestopt": "danger",
            "afgerond": "success",
        }[self.value]


class StapStatusKeuze(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Not started")
    BEZIG = "bezig", _("In progress")
    AFGEROND = "afgerond", _("Completed")
    OVERGESLAGEN = "overgeslagen", _("Skipped")

    @property
    def kleur(self) -> str:
        return {
            "niet_gestart": "light",
            "bezig": "primary",
            "afgerond": "success",
            "overgeslagen": "secondary",
        }[self.value]

    @property
    def is_klaar(self) -> bool:
        """Done for the purpose of later steps: completed or validly skipped."""
        return self in (StapStatusKeuze.AFGEROND, StapStatusKeuze.OVERGESLAGEN)


class Rol(models.TextChoices):
    SPONSOR = "sponsor", _("Sponsor")
    PROCESEIGENAAR = "proceseigenaar", _("Process owner")
    PROJECTLEIDER = "projectleider", _("Project leader")
    PROCESADVISEUR = "procesadviseur", _("Process adviser (LEAN)")
    KLANTREISCOACH = "klantreiscoach", _("Customer journey coach")
    VAKINHOUDELIJK_MEDEWERKER = "vakinhoudelijk_medewerker", _("Subject-matter employee")
    TEAMMANAGER = "teammanager", _("Team manager")
    SPECIALIST = "specialist", _("Specialist")


class Discipline(models.TextChoices):
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    CISO = "ciso", _("CISO")
    ICT = "ict", _("ICT / information management")
    JURIST = "jurist", _("Lawyer")
    APPLICATIEBEHEERDER = "applicatiebeheerder", _("Application manager")
    COMMUNICATIEADVISEUR = "communicatieadviseur", _("Communication adviser")


class SessieSoort(models.TextChoices):
    START = "start", _("Start session")
    PROCES_HUIDIG = "proces_huidig", _("3a: mapping the current process")
    PROCES_CONTROLE = "proces_controle", _("3b: checking the process")
    KLANTREIS = "klantreis", _("Customer journey")
    SERVICEFORMULE = "serviceformule", _("6P session (serviceformule)")
    OVERIG = "overig", _("Other")


class GebeurtenisSoort(models.TextChoices):
    """What an audit event records; the timeline shows these."""

    TRAJECT_AANGEMAAKT = "traject_aangemaakt", _("Trajectory created")
    TRAJECT_GEWIJZIGD = "traject_gewijzigd", _("Trajectory changed")
    TRAJECT_STATUS = "traject_status", _("Trajectory status changed")
    STAP_TRANSITIE = "stap_transitie", _("Step status changed")
    LID_TOEGEVOEGD = "lid_toegevoegd", _("Team member added")
    LID_VERWIJDERD = "lid_verwijderd", _("Team member removed")
    SESSIE_GEPLAND = "sessie_gepland", _("Session planned")
    SESSIE_GEWIJZIGD = "sessie_gewijzigd", _("Session changed")
    VERBETERPUNT = "verbeterpunt", _("Improvement point recorded")
    BESLUIT = "besluit", _("Decision")
    KPI = "kpi", _("KPI changed")
    PROCES = "proces", _("Process map changed")
    KLANTREIS = "klantreis", _("Customer journey changed")
    SERVICEFORMULE = "serviceformule", _("Serviceformule and 6P assessment changed")
    VERBETERPLAN = "verbeterplan", _("Improvement plan changed")
    TOETSING = "toetsing", _("Improvement plan reviewed")


class Stap(models.TextChoices):
    """The steps of the wasstraat, in order. Their rules are in `trajecten.workflow.WORKFLOW`."""

    S1 = "1", _("1 Compose the project team")
    S2 = "2", _("2 Determine KPIs")
    S3A = "3a", _("3a Map the current process")
    S3B = "3b", _("3b Check completeness")
    S4 = "4", _("4 Customer journey")
    S5 = "5", _("5 Link to the serviceformule (6 Ps)")
    S6 = "6", _("6 Draw up the improvement plan")
    S7 = "7", _("7 Review the improvement plan")
    S8 = "8", _("8 Adjust and finalise")
    S9 = "9", _("9 Implementation plan")
    S10 = "10", _("10 Implement and evaluate")

    @property
    def nummer(self) -> str:
        return self.value


class StapActie(models.TextChoices):
    START = "start", _("Start")
    AFRONDEN = "afronden", _("Complete")
    OVERSLAAN = "overslaan", _("Skip")
    HEROPENEN = "heropenen", _("Reopen")


class KpiRichting(models.TextChoices):
    HOGER_IS_BETER = "hoger", _("Higher is better")
    LAGER_IS_BETER = "lager", _("Lower is better")


class Meetfrequentie(models.TextChoices):
    WEKELIJKS = "week", _("Weekly")
    MAANDELIJKS = "maand", _("Monthly")
    KWARTAAL = "kwartaal", _("Quarterly")
    HALFJAAR = "halfjaar", _("Every six months")
    JAARLIJKS = "jaar", _("Yearly")


class ProcesSoort(models.TextChoices):
    HUIDIG = "huidig", _("Current")
    GEWENST = "gewenst", _("Desired")


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    TER_CONTROLE = "ter_controle", _("Being checked")
    GECONTROLEERD = "gecontroleerd", _("Checked")

    @property
    def kleur(self) -> str:
        return {"concept": "secondary", "ter_controle": "warning", "gecontroleerd": "success"}[self.value]


class StapSoort(models.TextChoices):
    ACTIE = "actie", _("Action")
    BESLISSING = "beslissing", _("Decision")
    WACHTEN = "wachten", _("Wait")
    OVERDRACHT = "overdracht", _("Handover")


class Kanaal(models.TextChoices):
    INTERN = "intern", _("Internal / system")
    WEBSITE = "website", _("Website / online form")
    EMAIL = "email", _("E-mail")
    TELEFOON = "telefoon", _("Telephone")
    BALIE = "balie", _("Counter (balie)")
    POST = "post", _("Post / letter")
    APP = "app", _("App")


class TijdEenheid(models.TextChoices):
    MINUTEN = "min", _("minutes")
    UREN = "uur", _("hours")
    DAGEN = "dag", _("working days")

    @property
    def minuten(self) -> int:
        """Minutes per unit; a working day counts as 8 hours."""
        return {"min": 1, "uur": 60, "dag": 8 * 60}[self.value]


class Lean(models.TextChoices):
    WAARDE = "waarde", _("Value-adding")
    NODIG = "nodig", _("Necessary, not value-adding")
    VERSPILLING = "verspilling", _("Waste")

    @property
    def kleur(self) -> str:
        return {"waarde": "success", "nodig": "warning", "verspilling": "danger"}[self.value]


class Verspilling(models.TextChoices):
    """The eight types of waste, as Dutch LEAN practice names them."""

    WACHTEN = "wachten", _("Unnecessary waiting")
    OVERBEWERKING = "overbewerking", _("Over-processing")
    INRICHTING = "inrichting", _("Wrong process design")
    VOORRAAD = "voorraad", _("Too much inventory")
    TRANSPORT = "transport", _("Unnecessary transport")
    FOUTEN = "fouten", _("Errors / rework")
    OVERPRODUCTIE = "overproductie", _("Overproduction")
    BEWEGEN = "bewegen", _("Unnecessary movement")


class ControleStatus(models.TextChoices):
    UITGENODIGD = "uitgenodigd", _("Invited")
    BEVESTIGD = "bevestigd", _("Confirmed")
    OPMERKINGEN = "opmerkingen", _("Comments given")

    @property
    def kleur(self) -> str:
        return {"uitgenodigd": "secondary", "bevestigd": "success", "opmerkingen": "warning"}[self.value]
