"""Interviews (step 4) and the privacy of their notes: recording, viewing, exporting, deleting, retention.

Interview notes hold personal data of residents. Only the klantreiscoach of the trajectory reads them
(the right ``lees_interviews``); every view, change, export and deletion writes an `InterviewLog` row
(who, when, what) for the privacy officer. A log row names the fields that changed, never their content,
and carries the interview's label (pseudonym and date) so it survives the interview's deletion.

The timeline (`GebeurtenisSoort.KLANTREIS`) only says that an interview was recorded, changed or deleted,
never its notes or pseudonym. The team sees the anonymous insights the coach shares with the journey
(`Inzicht`), not the notes.

Retention: `notities_opschonen` deletes the notes of interviews whose trajectory completed step 4 more
than ``settings.KLANTREIS_BEWAARTERMIJN_MAANDEN`` calendar months ago, keeping date, customer type,
pseudonym, consent, key insights and the shared insights. A scheduled Celery task runs it every night.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from trajecten.choices import GebeurtenisSoort, Stap, StapStatusKeuze, TrajectStatus
from trajecten.models import Traject
from trajecten.services import WorkflowFout, gebeurtenis_vastleggen
from trajecten.services.traject import _eis_recht, _vergrendel
from wasstraat.accounts.models import User
from wasstraat.bewerking import versie_controleren

from .choices import Handeling
from .models import Interview, InterviewLog, Inzicht, Klantreis

__all__ = [
    "BEWERKEN",
    "INTERVIEWVELDEN",
    "LEZEN",
    "bewaartermijn_begin",
    "bewaartermijn_einde",
    "interview_aanmaken",
    "interview_bekijken",
    "interview_verwijderen",
    "interview_wijzigen",
    "interviews_exporteren",
    "inzicht_delen",
    "inzicht_verwijderen",
    "maanden_verschoven",
    "notities_opschonen",
]

LEZEN = "lees_interviews"
BEWERKEN = "bewerk_klantreis"

#: The fields of an interview a person fills in (the services accept these as keyword arguments).
INTERVIEWVELDEN = (
    "datum",
    "klanttype",
    "pseudoniem",
    "toestemming_wijze",
    "toestemming_op",
    "notities",
    "kerninzichten",
)


# --- helpers ------------------------------------------------------------------------------------


def _label(interview: Interview) -> str:
    """Pseudonym and date: how the log names an interview, also after it was deleted."""
    return str(interview)[:100]


def _veldnamen(namen: list[str]) -> str:
    return ", ".join(str(Interview._meta.get_field(n).verbose_name) for n in namen)


def _loggen(
    *,
    traject: Traject,
    interview: Interview | None,
    label: str,
    handeling: Handeling,
    door,
    omschrijving: str,
) -> InterviewLog:
    """Append one row to the privacy log. `omschrijving` names fields, never their content."""
    return InterviewLog.objects.create(
        traject=traject,
        interview=interview,
        interview_label=label,
        handeling=handeling,
        actor=door,
        omschrijving=omschrijving[:300],
    )


def _eis_open(traject: Traject) -> None:
    if traject.status in (TrajectStatus.GESTOPT, TrajectStatus.AFGEROND):
        raise WorkflowFout(
            _("The trajectory is %(status)s; its interviews can no longer change.")
            % {"status": traject.status_keuze.label.lower()}
        )


def _eis_velden(velden: dict[str, Any]) -> None:
    onbekend = set(velden) - set(INTERVIEWVELDEN)
    if onbekend:
        raise ValueError(f"Not an interview field: {', '.join(sorted(onbekend))}")


def _traject_van(interview: Interview) -> Traject:
    return interview.klantreis.traject


def _vers(interview: Interview, traject: Traject) -> Interview:
    """The interview as the database holds it now (under the trajectory's lock); gone: a clear refusal."""
    vers = Interview.objects.select_related("klantreis").filter(pk=interview.pk, klantreis__traject=traject)
    vers = vers.first()
    if vers is None:
        raise WorkflowFout(_("This interview no longer exists; someone deleted it in the meantime."))
    vers.klantreis.traject = traject
    return vers


def _gebeurtenis(traject: Traject, door: User | None, omschrijving: str, **gegevens) -> None:
    """A timeline event without personal data: no notes, no pseudonym."""
    gebeurtenis_vastleggen(
        traject=traject,
        door=door,
        soort=GebeurtenisSoort.KLANTREIS,
        omschrijving=omschrijving,
        stap=Stap.S4,
        gegevens=gegevens,
    )


# --- interviews ---------------------------------------------------------------------------------


@transaction.atomic
@sensitive_variables()
def interview_aanmaken(*, traject: Traject, door: User, **velden: Any) -> Interview:
    """Record an interview in the trajectory's journey (the klantreiscoach; the journey must exist)."""
    _eis_recht(door, traject, LEZEN)
    _eis_velden(velden)
    traject = _vergrendel(traject)
    _eis_open(traject)
    reis = Klantreis.objects.filter(traject=traject).first()
    if reis is None:
        raise WorkflowFout(_("Describe the target group first."))
    interview = Interview(klantreis=reis, aangemaakt_door=door, **velden)
    interview.full_clean()
    interview.save()
    ingevuld = [n for n in INTERVIEWVELDEN if getattr(interview, n) not in (None, "")]
    _loggen(
        traject=traject,
        interview=interview,
        label=_label(interview),
        handeling=Handeling.AANGEMAAKT,
        door=door,
        omschrijving=_("Recorded with: %(velden)s.") % {"velden": _veldnamen(ingevuld)},
    )
    _gebeurtenis(
        traject,
        door,
        _("An interview was recorded (%(klanttype)s).") % {"klanttype": interview.get_klanttype_display()},
        interview=interview.pk,
    )
    return interview


@transaction.atomic
@sensitive_variables()
def interview_wijzigen(
    *, interview: Interview, door: User, gezien: str | None = None, **velden: Any
) -> Interview:
    """Change an interview. The log and the timeline name the fields that changed, not their content.

    Notes deleted after the retention period cannot be written again. The `interview` passed in is not
    changed; the saved interview is returned. `gezien`: the version the user edited
    (`wasstraat.bewerking`).
    """
    _eis_recht(door, _traject_van(interview), LEZEN)
    _eis_velden(velden)
    traject = _vergrendel(_traject_van(interview))
    _eis_open(traject)
    interview = _vers(interview, traject)
    versie_controleren(interview, gezien=gezien, velden=velden)
    if interview.notities_verwijderd_op is not None:
        if (velden.get("notities") or "").strip():
            raise ValidationError(
                {
                    "notities": _(
                        "The notes were deleted after the retention period; they cannot be added again."
                    )
                }
            )
        velden.pop("notities", None)
    gewijzigd = [n for n in INTERVIEWVELDEN if n in velden and getattr(interview, n) != velden[n]]
    if not gewijzigd:
        return interview
    for naam in gewijzigd:
        setattr(interview, naam, velden[naam])
    interview.full_clean()
    interview.save()
    velden_tekst = _veldnamen(gewijzigd)
    _loggen(
        traject=traject,
        interview=interview,
        label=_label(interview),
        handeling=Handeling.GEWIJZIGD,
        door=door,
        omschrijving=_("Changed: %(velden)s.") % {"velden": velden_tekst},
    )
    _gebeurtenis(
        traject,
        door,
        _("An interview was changed: %(velden)s.") % {"velden": velden_tekst},
        interview=interview.pk,
        velden=gewijzigd,
    )
    return interview


@transaction.atomic
def interview_verwijderen(*, interview: Interview, door: User) -> None:
    """Delete an interview with its notes and key insights; the insights shared from it stay.

    Allowed on a stopped or finished trajectory too: personal data must always be erasable.
    """
    _eis_recht(door, _traject_van(interview), LEZEN)
    traject = _vergrendel(_traject_van(interview))
    interview = _vers(interview, traject)
    label, pk = _label(interview), interview.pk
    gedeeld = interview.inzichten.count()
    _loggen(
        traject=traject,
        interview=interview,
        label=label,
        handeling=Handeling.VERWIJDERD,
        door=door,
        omschrijving=ngettext(
            "Deleted with its notes and key insights; %(aantal)d shared insight kept.",
            "Deleted with its notes and key insights; %(aantal)d shared insights kept.",
            gedeeld,
        )
        % {"aantal": gedeeld},
    )
    interview.delete()  # the log rows keep their label; their link to the interview becomes empty
    _gebeurtenis(traject, door, _("An interview was deleted."), interview=pk)


@transaction.atomic
def interview_bekijken(*, interview: Interview, door: User, bewerken: bool = False) -> None:
    """Log that `door` opened the interview's notes (its page, or its form to edit it)."""
    traject = _traject_van(interview)
    _eis_recht(door, traject, LEZEN)
    if bewerken:
        omschrijving = _("Opened to edit: notes and key insights shown.")
    elif interview.notities_verwijderd_op is not None:
        omschrijving = _("Viewed: key insights shown (the notes were deleted after the retention period).")
    else:
        omschrijving = _("Viewed: notes and key insights shown.")
    _loggen(
        traject=traject,
        interview=interview,
        label=_label(interview),
        handeling=Handeling.BEKEKEN,
        door=door,
        omschrijving=omschrijving,
    )


def _exportkop() -> list[str]:
    namen = (*INTERVIEWVELDEN[:-2], "notities", "notities_verwijderd_op", "kerninzichten", "aangemaakt_door")
    return [str(capfirst(Interview._meta.get_field(n).verbose_name)) for n in namen]


def _exportrij(interview: Interview) -> list[str]:
    verwijderd = interview.notities_verwijderd_op
    return [
        interview.datum.isoformat(),
        str(interview.get_klanttype_display()),
        interview.pseudoniem,
        str(interview.get_toestemming_wijze_display()),
        interview.toestemming_op.isoformat(),
        interview.notities,
        timezone.localtime(verwijderd).date().isoformat() if verwijderd else "",
        interview.kerninzichten,
        str(interview.aangemaakt_door),
    ]


@transaction.atomic
@sensitive_variables()
def interviews_exporteren(*, traject: Traject, door: User) -> list[list[str]]:
    """The trajectory's interviews as table rows (the header row first), each export logged per interview."""
    _eis_recht(door, traject, LEZEN)
    interviews = list(
        Interview.objects.filter(klantreis__traject=traject)
        .select_related("aangemaakt_door")
        .order_by("datum", "pk")
    )
    omschrijving = ngettext(
        "Exported to a file (CSV) with %(aantal)d interview of the trajectory.",
        "Exported to a file (CSV) with %(aantal)d interviews of the trajectory.",
        len(interviews),
    ) % {"aantal": len(interviews)}
    InterviewLog.objects.bulk_create(
        InterviewLog(
            traject=traject,
            interview=interview,
            interview_label=_label(interview),
            handeling=Handeling.GEEXPORTEERD,
            actor=door,
            omschrijving=omschrijving,
        )
        for interview in interviews
    )
    return [_exportkop(), *(_exportrij(interview) for interview in interviews)]


# --- insights shared with the journey -----------------------------------------------------------


@transaction.atomic
def inzicht_delen(*, interview: Interview, door: User, tekst: str) -> Inzicht:
    """The coach promotes an anonymous insight from an interview to the journey, for the whole team."""
    _eis_recht(door, _traject_van(interview), LEZEN)
    traject = _vergrendel(_traject_van(interview))
    _eis_open(traject)
    interview = _vers(interview, traject)
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": _("Choose a key insight or write the insight.")})
    if interview.klantreis.inzichten.filter(tekst=tekst).exists():
        raise ValidationError({"tekst": _("This insight has already been shared with the journey.")})
    inzicht = Inzicht(klantreis=interview.klantreis, interview=interview, tekst=tekst, gedeeld_door=door)
    inzicht.full_clean()
    inzicht.save()
    _gebeurtenis(
        traject,
        door,
        _("An insight from an interview was shared with the journey: “%(tekst)s”.") % {"tekst": tekst},
        inzicht=inzicht.pk,
        interview=interview.pk,
    )
    return inzicht


@transaction.atomic
def inzicht_verwijderen(*, inzicht: Inzicht, door: User) -> None:
    """Take a shared insight off the journey (the klantreiscoach)."""
    traject = inzicht.klantreis.traject
    _eis_recht(door, traject, BEWERKEN)
    traject = _vergrendel(traject)
    _eis_open(traject)
    vers = Inzicht.objects.filter(pk=inzicht.pk, klantreis__traject=traject).first()
    if vers is None:
        raise WorkflowFout(_("This insight no longer exists; someone deleted it in the meantime."))
    tekst, pk = vers.tekst, vers.pk
    vers.delete()
    _gebeurtenis(
        traject,
        door,
        _("A shared insight was taken off the journey: “%(tekst)s”.") % {"tekst": tekst},
        inzicht=pk,
    )


# --- retention ----------------------------------------------------------------------------------


def maanden_verschoven(moment: dt.datetime, maanden: int) -> dt.datetime:
    """The same moment `maanden` calendar months later (negative: earlier).

    A day the target month lacks becomes its last day: 31 March minus one month is 28 or 29 February.
    """
    totaal = moment.year * 12 + moment.month - 1 + maanden
    jaar, maand = divmod(totaal, 12)
    maand += 1
    dag = min(moment.day, calendar.monthrange(jaar, maand)[1])
    return moment.replace(year=jaar, month=maand, day=dag)


def bewaartermijn_einde(begin: dt.datetime) -> dt.datetime:
    """When the notes go: the retention period after it began at `begin` (see `bewaartermijn_begin`)."""
    return maanden_verschoven(timezone.localtime(begin), settings.KLANTREIS_BEWAARTERMIJN_MAANDEN)


def _gestopt_op(traject: Traject) -> dt.datetime | None:
    """When the trajectory was stopped (final: a stopped trajectory is never resumed), or None."""
    if traject.status != TrajectStatus.GESTOPT:
        return None
    return (
        traject.gebeurtenissen.filter(
            soort=GebeurtenisSoort.TRAJECT_STATUS, naar_status=TrajectStatus.GESTOPT
        )
        .order_by("tijdstip")
        .values_list("tijdstip", flat=True)
        .first()
    )


def bewaartermijn_begin(traject: Traject) -> tuple[dt.datetime | None, str]:
    """When the retention period of the trajectory's interview notes began, and why.

    It begins when step 4 is completed (a reopened step stops the clock; completing it again restarts
    it), or when the trajectory is stopped, whichever came first: a trajectory stopped before its
    journey was finished must not keep notes for ever. Returns (None, "") while neither happened.
    """
    stap = traject.stappen.filter(stap=Stap.S4, status=StapStatusKeuze.AFGEROND).first()
    afgerond = stap.afgerond_op if stap else None
    gestopt = _gestopt_op(traject)
    if afgerond and (gestopt is None or afgerond <= gestopt):
        return afgerond, "afgerond"
    if gestopt:
        return gestopt, "gestopt"
    return None, ""


def _verlopen(grens: dt.datetime) -> Q:
    """Interviews with notes still there whose retention period began before `grens`: their trajectory
    completed step 4, or was stopped, before it.

    One filter per multi-valued relation, so each set of conditions holds for the same row.
    """
    afgerond = Q(
        klantreis__traject__stappen__stap=Stap.S4,
        klantreis__traject__stappen__status=StapStatusKeuze.AFGEROND,
        klantreis__traject__stappen__afgerond_op__lt=grens,
    )
    gestopt = Q(
        klantreis__traject__status=TrajectStatus.GESTOPT,
        klantreis__traject__gebeurtenissen__soort=GebeurtenisSoort.TRAJECT_STATUS,
        klantreis__traject__gebeurtenissen__naar_status=TrajectStatus.GESTOPT,
        klantreis__traject__gebeurtenissen__tijdstip__lt=grens,
    )
    return Q(notities_verwijderd_op__isnull=True) & (afgerond | gestopt)


@transaction.atomic
def _traject_opschonen(traject_id: int, grens: dt.datetime, nu: dt.datetime) -> int:
    """Delete the due notes of one trajectory, under its lock (an edit at the same moment waits)."""
    traject = Traject.objects.select_for_update().get(pk=traject_id)
    interviews = list(Interview.objects.filter(_verlopen(grens), klantreis__traject=traject).distinct())
    if not interviews:
        return 0
    maanden = settings.KLANTREIS_BEWAARTERMIJN_MAANDEN
    begin, reden = bewaartermijn_begin(traject)
    datum = date_format(timezone.localtime(begin), "j F Y")
    if reden == "gestopt":
        omschrijving = ngettext(
            "Notes deleted: the retention period of %(maanden)d month after the trajectory was stopped "
            "(%(datum)s) has passed.",
            "Notes deleted: the retention period of %(maanden)d months after the trajectory was stopped "
            "(%(datum)s) has passed.",
            maanden,
        ) % {"maanden": maanden, "datum": datum}
    else:
        omschrijving = ngettext(
            "Notes deleted: the retention period of %(maanden)d month after step 4 was completed "
            "(%(datum)s) has passed.",
            "Notes deleted: the retention period of %(maanden)d months after step 4 was completed "
            "(%(datum)s) has passed.",
            maanden,
        ) % {"maanden": maanden, "datum": datum}
    for interview in interviews:
        interview.notities = ""
        interview.notities_verwijderd_op = nu
        interview.save(update_fields=["notities", "notities_verwijderd_op"])
        _loggen(
            traject=traject,
            interview=interview,
            label=_label(interview),
            handeling=Handeling.BEWAARTERMIJN,
            door=None,
            omschrijving=omschrijving,
        )
    _gebeurtenis(
        traject,
        None,
        ngettext(
            "The notes of %(aantal)d interview were deleted after the retention period; the insights stay.",
            "The notes of %(aantal)d interviews were deleted after the retention period; the insights stay.",
            len(interviews),
        )
        % {"aantal": len(interviews)},
        interviews=[i.pk for i in interviews],
    )
    return len(interviews)


def notities_opschonen(nu: dt.datetime | None = None) -> int:
    """Delete the notes whose retention period has passed; how many interviews lost their notes.

    Due: the retention period began (`bewaartermijn_begin`: step 4 completed, or the trajectory stopped)
    more than ``KLANTREIS_BEWAARTERMIJN_MAANDEN`` calendar months before `nu` (exactly that long ago is
    not yet due), and the notes were not deleted yet. Idempotent: a
    second run finds nothing due, so it changes and logs nothing.
    """
    nu = nu or timezone.now()
    grens = maanden_verschoven(timezone.localtime(nu), -settings.KLANTREIS_BEWAARTERMIJN_MAANDEN)
    trajecten = set(
        Interview.objects.filter(_verlopen(grens)).values_list("klantreis__traject_id", flat=True)
    )
    return sum(_traject_opschonen(traject_id, grens, nu) for traject_id in sorted(trajecten))
