"""Documents about a trajectory: the one-page trajectkaart (PDF) and calendar files for sessions (.ics)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wasstraat.pdf import passende_pdf

from . import workflow
from .choices import GebeurtenisSoort, Rol, Stap, StapStatusKeuze, TrajectStatus
from .models import Sessie, Teamlid, Traject


@dataclass(frozen=True)
class Beknopt:
    """How much of the long texts and lists the card shows. The card is one A4 page: when the full
    version does not fit, the next, shorter one is used."""

    tekst: int  # characters of aanleiding and doel
    reden: int  # characters of a stop, pause or skip reason
    namen: int  # names per role
    sessies: int  # upcoming sessions


BEKNOPTHEID = (
    Beknopt(tekst=700, reden=240, namen=6, sessies=3),
    Beknopt(tekst=400, reden=140, namen=3, sessies=2),
    Beknopt(tekst=200, reden=80, namen=1, sessies=1),
)


@dataclass(frozen=True)
class Rolgroep:
    """The members holding one role, as the trajectkaart lists them."""

    rol: str
    namen: list[str]
    meer: int = 0  # how many more hold the role than the card has room for


#: What the apps that build on `trajecten` add to the trajectkaart (the journey's curve, the 6P
#: overview): functions of the trajectory returning extra context for the template, a value that is
#: None when there is nothing to show yet. A registry, so that `trajecten` never imports those apps;
#: each registers its function in its `AppConfig.ready()`.
Kaartinhoud = Callable[[Traject], dict]
_kaartinhoud: list[Kaartinhoud] = []


def registreer_kaartinhoud(functie: Kaartinhoud) -> Kaartinhoud:
    """Register a function that adds content to the trajectkaart (a decorator). Each function should
    use a fixed number of queries, so the card's query count stays bounded."""
    if functie not in _kaartinhoud:
        _kaartinhoud.append(functie)
    return functie


def trajectkaart_pdf(*, traject: Traject) -> bytes:
    """The trajectkaart: a one-page A4 summary of the trajectory, in Dutch, as a PDF/UA-1 document.

    Once the trajectory has results to show (the journey's experience curve, the 6P overview) they
    follow on a second page, so the first page stays the same summary. A fixed number of queries: the
    trajectory with its steps and team, the upcoming sessions, and two per registered content.
    """
    with translation.override("nl"):  # the registered content draws SVG with translated text
        context = trajectkaart_context(traject=traject)
        versies = (
            render_to_string("trajecten/pdf/trajectkaart.html", _ingekort(context, beknopt))
            for beknopt in BEKNOPTHEID
        )
        return passende_pdf(htmls=versies, max_paginas=2 if context["resultaten"] else 1)


def trajectkaart_context(*, traject: Traject) -> dict:
    """What the trajectkaart template shows, in full (`_ingekort` fits it to the page)."""
    traject = (
        Traject.objects.select_related("product__afdeling")
        .prefetch_related(
            "stappen",
            Prefetch("teamleden", queryset=Teamlid.objects.select_related("gebruiker")),
        )
        .annotate(aantal_verbeterpunten=Count("verbeterpunten", distinct=True))
        .get(pk=traject.pk)
    )
    rijen = {Stap(r.stap): r for r in traject.stappen.all()}
    nu = timezone.now()
    context = {
        "traject": traject,
        "stappen": [(regel, rijen[stap]) for stap, regel in workflow.WORKFLOW.items() if stap in rijen],
        "lopende_stappen": [s for s, r in rijen.items() if r.status == StapStatusKeuze.BEZIG],
        "pauzereden": _pauzereden(traject),
        "leden": list(traject.teamleden.all()),
        "sessies": list(
            traject.sessies.filter(eindigt_op__gte=nu).order_by("begint_op")[: BEKNOPTHEID[0].sessies]
        ),
        "aantal_verbeterpunten": traject.aantal_verbeterpunten,
        "gegenereerd_op": nu,
        "TIJDZONE": settings.TIME_ZONE,
        "GEMEENTE_NAAM": settings.GEMEENTE_NAAM,
        "GEMEENTE_LOGO": settings.GEMEENTE_LOGO,
        "GEMEENTE_KLEUR": settings.GEMEENTE_KLEUR,
    }
    inhoud = {sleutel: waarde for functie in _kaartinhoud for sleutel, waarde in functie(traject).items()}
    return {**context, **inhoud, "resultaten": any(inhoud.values())}


def _ingekort(context: dict, beknopt: Beknopt) -> dict:
    return {
        **context,
        "beknopt": beknopt,
        "team": _team_per_rol(context["leden"], beknopt.namen),
        "sessies": context["sessies"][: beknopt.sessies],
    }


def _pauzereden(traject: Traject) -> str:
    """Why a paused trajectory was paused (kept in its audit trail)."""
    if traject.status != TrajectStatus.GEPAUZEERD:
        return ""
    gebeurtenis = traject.gebeurtenissen.filter(
        soort=GebeurtenisSoort.TRAJECT_STATUS, naar_status=TrajectStatus.GEPAUZEERD
    ).first()
    return gebeurtenis.reden if gebeurtenis else ""


def _team_per_rol(leden: list[Teamlid], max_namen: int) -> list[Rolgroep]:
    groepen = []
    for rol in Rol:
        namen = [
            f"{lid.gebruiker} ({lid.get_discipline_display()})" if lid.discipline else str(lid.gebruiker)
            for lid in leden
            if lid.rol == rol
        ]
        if namen:
            namen.sort()
            groepen.append(
                Rolgroep(rol=str(rol.label), namen=namen[:max_namen], meer=max(0, len(namen) - max_namen))
            )
    return groepen


# --- calendar files -----------------------------------------------------------------------------


def sessie_ics(*, sessie: Sessie) -> bytes:
    """An iCalendar file (RFC 5545) with the session as one event, to put in a calendar.

    The UID is stable per session, so importing the file again updates the event instead of
    duplicating it.
    """
    from icalendar import Calendar, Event, vCalAddress

    sessie = (
        Sessie.objects.select_related("traject", "aangemaakt_door")
        .prefetch_related("aanwezigen")
        .get(pk=sessie.pk)
    )
    with translation.override("nl"):
        kalender = Calendar()
        kalender.add("prodid", f"-//{settings.GEMEENTE_NAAM}//Wasstraat//NL")
        kalender.add("version", "2.0")
        kalender.add("calscale", "GREGORIAN")
        kalender.add("method", "PUBLISH")
        event = Event()
        event.add("uid", f"sessie-{sessie.pk}@wasstraat")
        event.add("dtstamp", timezone.now().astimezone(dt.UTC))
        event.add("last-modified", sessie.gewijzigd_op.astimezone(dt.UTC))
        event.add("dtstart", sessie.begint_op.astimezone(dt.UTC))
        event.add("dtend", sessie.eindigt_op.astimezone(dt.UTC))
        event.add("summary", sessie.titel)
        event.add("location", sessie.locatie or sessie.online_link)
        if sessie.online_link:
            event.add("url", sessie.online_link)
        event.add("description", _sessie_omschrijving(sessie))
        event.add("status", "CONFIRMED")
        if sessie.aangemaakt_door.email:
            event.add("organizer", _adres(vCalAddress, sessie.aangemaakt_door))
        for persoon in sessie.aanwezigen.all():
            if persoon.email:
                adres = _adres(vCalAddress, persoon)
                adres.params["ROLE"] = "REQ-PARTICIPANT"
                event.add("attendee", adres)
        kalender.add_component(event)
    return kalender.to_ical()


def _sessie_omschrijving(sessie: Sessie) -> str:
    regels = [
        _("%(soort)s of the trajectory “%(traject)s”.")
        % {"soort": sessie.get_soort_display(), "traject": sessie.traject.titel},
    ]
    if sessie.online_link:
        regels.append(_("Join online: %(link)s") % {"link": sessie.online_link})
    regels.append(
        _("Details in Wasstraat: %(url)s")
        % {"url": f"{settings.SITE_URL.rstrip('/')}{sessie.get_absolute_url()}"}
    )
    return "\n".join(regels)


def _adres(vcaladdress, persoon):
    adres = vcaladdress(f"mailto:{persoon.email}")
    adres.params["CN"] = str(persoon)
    return adres
