"""Factories of step 6, written directly (no audit event; use the services to test the services).

actie = VerbeteractieFactory(traject=traject, impact=5, inspanning=1)
punt = VerbeterpuntFactory(traject=traject)            # tests.factories: an open point
besloten(punt, actie)                                  # merged into the action, directly
"""

from __future__ import annotations

import factory
from django.db.models import Max
from factory.django import DjangoModelFactory

from tests.factories import TrajectFactory, _projectleider
from verbeterplan.choices import Termijn, VerbeterpuntStatus
from verbeterplan.models import Verbeteractie, Verbeterpunt


def _volgende(traject) -> int:
    return (Verbeteractie.objects.filter(traject=traject).aggregate(m=Max("volgorde"))["m"] or 0) + 1


class VerbeteractieFactory(DjangoModelFactory):
    """An action at the end of its trajectory's plan, a quick win of impact 4 and effort 2."""

    class Meta:
        model = Verbeteractie
        skip_postgeneration_save = True

    traject = factory.SubFactory(TrajectFactory)
    titel = factory.Sequence(lambda n: f"Verbeteractie {n}")
    omschrijving = "Eén formulier in plaats van twee."
    termijn = Termijn.QUICK_WIN
    impact = 4
    inspanning = 2
    volgorde = factory.LazyAttribute(lambda o: _volgende(o.traject))
    aangemaakt_door = factory.LazyAttribute(lambda o: _projectleider(o.traject))


def besloten(punt: Verbeterpunt, actie: Verbeteractie | None = None, reden: str = "") -> Verbeterpunt:
    """Decide `punt` directly: merged into `actie`, or rejected with `reden`."""
    if actie is not None:
        punt.status, punt.actie, punt.afwijzingsreden = VerbeterpuntStatus.SAMENGEVOEGD, actie, ""
    else:
        punt.status, punt.actie, punt.afwijzingsreden = VerbeterpuntStatus.AFGEWEZEN, None, reden
    punt.save()
    return punt


def toetsverzoek(
    traject, specialist, *, discipline: str = "privacy_officer", door=None, acties=None, termijn=None
):
    """A review request written directly (no audit event, no e-mail), with the snapshot of the plan now
    and the rights it gives; use `verbeterplan.toetsing` to test the services."""
    import datetime as dt

    from django.utils import timezone

    from trajecten.permissions import rechten_bijwerken
    from verbeterplan.models import Toetsverzoek
    from verbeterplan.momentopname import plan_momentopname

    verzoek = Toetsverzoek.objects.create(
        traject=traject,
        specialist=specialist,
        discipline=discipline,
        termijn=termijn or timezone.localdate() + dt.timedelta(days=14),
        momentopname=plan_momentopname(traject),
        aangevraagd_door=door or _projectleider(traject),
    )
    verzoek.acties.set(acties if acties is not None else Verbeteractie.objects.filter(traject=traject))
    rechten_bijwerken(traject=traject, gebruiker=specialist)
    return verzoek
