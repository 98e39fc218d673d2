"""factory_boy factories shared by every test.

Trajectories, team members and sessions are built *through the services*, so every object a test
gets has what the application itself would have made: step rows, audit events, the creator as
projectleider and guardian's object permissions in step with the team.

    traject = TrajectFactory()                        # creator: a new user, added to Trajectleiders
    pl = traject.aangemaakt_door                      # ...who is its projectleider
    coach = lid(traject, Rol.KLANTREISCOACH)          # a new user with that role in the team
    TeamlidFactory(traject=traject, rol=Rol.SPONSOR)  # the Teamlid row itself
    sessie = SessieFactory(traject=traject, soort=SessieSoort.START, notities="Afspraken")
    zet_stappen(traject, {Stap.S1: StapStatusKeuze.AFGEROND}, traject_status=TrajectStatus.LOPEND)

Every user has the password `WACHTWOORD`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from serviceformules.models import Product
from trajecten import services
from trajecten.choices import Discipline, Rol, SessieSoort, Stap, TrajectStatus
from trajecten.models import Sessie, StapStatus, Teamlid, Traject
from verbeterplan.models import Verbeterpunt
from wasstraat.accounts.groepen import groepen_inrichten
from wasstraat.accounts.models import Afdeling, Groep, User

WACHTWOORD = "Wasstraat2026!"


def groep(naam: str) -> Group:
    """A global group (see `wasstraat.accounts.models.Groep`), set up if a flush removed it."""
    if not Group.objects.filter(name=naam).exists():
        groepen_inrichten()
    return Group.objects.get(name=naam)


def in_groep(gebruiker: User, naam: str) -> User:
    """Put `gebruiker` in a global group and forget their cached permissions."""
    gebruiker.groups.add(groep(naam))
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        gebruiker.__dict__.pop(cache, None)
    return gebruiker


class AfdelingFactory(DjangoModelFactory):
    class Meta:
        model = Afdeling
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Afdeling {n}")


class UserFactory(DjangoModelFactory):
    """A user with password `WACHTWOORD`. `UserFactory(groepen=[Groep.MANAGEMENT])` adds groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example.nl")
    afdeling = factory.SubFactory(AfdelingFactory)
    password = Password(WACHTWOORD)

    @factory.post_generation
    def groepen(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        for naam in extracted or ():
            in_groep(self, naam)


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Product {n}")
    omschrijving = "Een product of dienst van de gemeente."
    afdeling = factory.SubFactory(AfdelingFactory)


class TrajectFactory(DjangoModelFactory):
    """A trajectory made by `services.traject_aanmaken`, in *concept*, with its 11 step rows.

    `aangemaakt_door` (default: a new user) is put in the Trajectleiders group and becomes the
    projectleider. Only the basics (`services.BASISVELDEN`) can be passed; use `zet_stappen` to put
    the trajectory in another state.
    """

    class Meta:
        model = Traject

    product = factory.SubFactory(ProductFactory)
    titel = factory.Sequence(lambda n: f"Verbetertraject {n}")
    aanleiding = "Klanten wachten te lang op een besluit."
    doel = "De doorlooptijd halveren."
    aangemaakt_door = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, aangemaakt_door: User, **kwargs) -> Traject:
        in_groep(aangemaakt_door, Groep.TRAJECTLEIDERS)
        return services.traject_aanmaken(door=aangemaakt_door, **kwargs)


def _projectleider(traject: Traject, behalve: User | None = None) -> User:
    """A projectleider of the trajectory (other than `behalve`, who may not give themselves every role)."""
    leden = traject.teamleden.filter(rol=Rol.PROJECTLEIDER).select_related("gebruiker")
    if behalve is not None:
        leden = leden.exclude(gebruiker=behalve)
    lid = leden.first()
    return lid.gebruiker if lid else traject.aangemaakt_door


class TeamlidFactory(DjangoModelFactory):
    """A membership made by `services.teamlid_toevoegen`, by a projectleider of the trajectory.

    A specialist gets the discipline ICT unless one is given.
    """

    class Meta:
        model = Teamlid

    traject = factory.SubFactory(TrajectFactory)
    gebruiker = factory.SubFactory(UserFactory)
    rol = Rol.VAKINHOUDELIJK_MEDEWERKER
    discipline = factory.LazyAttribute(lambda o: Discipline.ICT if o.rol == Rol.SPECIALIST else "")
    door = factory.LazyAttribute(lambda o: _projectleider(o.traject, behalve=o.gebruiker))

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Teamlid:
        return services.teamlid_toevoegen(**kwargs)


def lid(traject: Traject, rol: str, discipline: str = "", **gebruiker) -> User:
    """A new user holding `rol` in `traject` (a specialist defaults to ICT); returns the user."""
    persoon = UserFactory(**gebruiker)
    extra = {"discipline": discipline} if discipline else {}
    TeamlidFactory(traject=traject, gebruiker=persoon, rol=rol, **extra)
    return persoon


class SessieFactory(DjangoModelFactory):
    """A session made by `services.sessie_plannen`, by a projectleider unless `door` is given.

    Default: an "other" session of one hour that took place yesterday, at a location.
    """

    class Meta:
        model = Sessie

    traject = factory.SubFactory(TrajectFactory)
    soort = SessieSoort.OVERIG
    titel = factory.Sequence(lambda n: f"Sessie {n}")
    begint_op = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    eindigt_op = factory.LazyAttribute(lambda o: o.begint_op + dt.timedelta(hours=1))
    locatie = "Stadhuis, kamer 2.14"
    online_link = ""
    notities = ""
    door = factory.LazyAttribute(lambda o: _projectleider(o.traject))

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Sessie:
        return services.sessie_plannen(**kwargs)


class VerbeterpuntFactory(DjangoModelFactory):
    """An improvement point, written directly (no audit event); use the service to test the service."""

    class Meta:
        model = Verbeterpunt

    traject = factory.SubFactory(TrajectFactory)
    titel = factory.Sequence(lambda n: f"Verbeterpunt {n}")
    omschrijving = "Dubbele invoer in twee systemen."
    ingediend_door = factory.LazyAttribute(lambda o: _projectleider(o.traject))


def zet_stappen(
    traject: Traject, statussen: Mapping[Stap, str], *, traject_status: str | None = None
) -> Traject:
    """Put steps (and optionally the trajectory) in a state directly, bypassing the workflow.

    For arranging a test only; returns the trajectory reloaded.
    """
    for stap, status in statussen.items():
        StapStatus.objects.filter(traject=traject, stap=stap).update(status=status)
    if traject_status is not None:
        velden = {"status": traject_status}
        if traject_status == TrajectStatus.GESTOPT:
            velden["stopreden"] = "Gestopt voor de test."
        Traject.objects.filter(pk=traject.pk).update(**velden)
    traject.refresh_from_db()
    return traject
