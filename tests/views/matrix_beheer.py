"""The admin (`/beheer/`) in the permission matrix: every registered model, what the functioneel
beheerder and a superuser may do with it, written out from SPEC.md (not read from the admin's code).

SPEC.md, "outside trajectories": users, departments, products/services and the serviceformule catalogue
are for the functioneel beheerder; granting superuser, permissions or the privileged groups, and setting
another person's password, for a superuser only. So the beheerder has exactly these rows:

| model | the beheerder may |
| --- | --- |
| accounts.user | list, look at, add; change only accounts without privileges (tests/accounts); never delete |
| accounts.afdeling | everything |
| serviceformules.product | everything |
| serviceformules.serviceformule | list, look at, add, change; not delete (a formule is kept for history) |
| every other model (groups, logs, trajectories, notifications, axes, Celery beat, SSO links) | nothing: 403 |

A superuser may do everything, except on what is append-only or run in the application only: the
audit trail, the privacy and rights logs, trajectories and interviews are read-only even for them;
login attempts and single sign-on links can only be looked at and deleted.
People who are not staff (everyone else) are sent to the admin's login page.
"""

from __future__ import annotations

#: The five pages Django's admin has per model.
ACTIES = ("changelist", "add", "change", "delete", "history")
ALLES = frozenset(ACTIES)
BEKIJKEN = frozenset({"changelist", "change", "history"})  # the change page, read-only, counts as looking

#: Every model registered in the admin. A model registered later fails the completeness test until it
#: gets a row here (and so a decision on who may).
MODELLEN = frozenset(
    {
        "accounts.afdeling",
        "accounts.rechtenwijziging",
        "accounts.user",
        "auth.group",
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
        "django_celery_beat.clockedschedule",
        "django_celery_beat.crontabschedule",
        "django_celery_beat.intervalschedule",
        "django_celery_beat.periodictask",
        "django_celery_beat.solarschedule",
        "klantreis.interview",
        "klantreis.interviewlog",
        "meldingen.melding",
        "serviceformules.product",
        "serviceformules.serviceformule",
        "sso.oidcidentiteit",
        "trajecten.gebeurtenis",
        "trajecten.traject",
        "verbeterplan.verbeterpunt",
    }
)

#: What the functioneel beheerder may, per model; a model not named here: nothing.
BEHEERDER_MAG: dict[str, frozenset[str]] = {
    "accounts.user": BEKIJKEN | {"add"},
    "accounts.afdeling": ALLES,
    "serviceformules.product": ALLES,
    "serviceformules.serviceformule": BEKIJKEN | {"add"},
}

#: Read-only even for a superuser: append-only logs and what only the application's services write.
ALLEEN_LEZEN = frozenset(
    {
        "accounts.rechtenwijziging",
        "klantreis.interview",
        "klantreis.interviewlog",
        "trajecten.gebeurtenis",
        "trajecten.traject",
    }
)

#: Looked at and deleted, never added or changed by hand: login attempts (django-axes: deleting one
#: lifts a lockout) and single sign-on links (adding one would let a provider account log in as anyone).
BEKIJKEN_EN_VERWIJDEREN = frozenset(
    {"axes.accessattempt", "axes.accessfailurelog", "axes.accesslog", "sso.oidcidentiteit"}
)

#: What a superuser may, per model.
SUPERUSER_MAG: dict[str, frozenset[str]] = {
    model: BEKIJKEN
    if model in ALLEEN_LEZEN
    else BEKIJKEN | {"delete"}
    if model in BEKIJKEN_EN_VERWIJDEREN
    else ALLES
    for model in MODELLEN
}

#: The admin's pages that are not a model's, each with the reason it needs no row of its own.
VRIJGESTELD: dict[str, str] = {
    "login": "the admin's login page: open to everyone",
    "logout": "logging out: a POST for anyone, no data",
    "password_change": "a staff member's own password, with the old one (tests/accounts)",
    "password_change_done": "the confirmation of the above, no data",
    "jsi18n": "the admin's JavaScript translations, no data",
    "view_on_site": "a redirect to a model's page in the application, which checks its own permissions",
    "autocomplete": "answers only for fields whose model the person may view (Django's own check)",
}

#: Pages of the user admin beyond the five (tests/accounts covers them with crafted POSTs).
EIGEN_PAGINAS = frozenset({"auth_user_password_change", "accounts_user_resetlink"})
