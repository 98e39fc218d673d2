"""URLs of the customer journey (step 4) and of the privacy log of interviews."""

from django.urls import path

from .views import alternatieven, interviews, privacy, reis

app_name = "klantreis"

_REIS = "trajecten/<int:pk>/klantreis/"
urlpatterns = [
    # the journey: persona, phases, contact moments, pain points, the curve
    path(_REIS, reis.overzicht, name="overzicht"),
    path(f"{_REIS}bewerken/", reis.bewerken, name="bewerken"),
    path(f"{_REIS}curve.svg", reis.curve, name="curve"),
    path(f"{_REIS}fasen/nieuw/", reis.fase_nieuw, name="fase_nieuw"),
    path(f"{_REIS}fasen/<int:fase_pk>/bewerken/", reis.fase_bewerken, name="fase_bewerken"),
    path(f"{_REIS}fasen/<int:fase_pk>/verwijderen/", reis.fase_verwijderen, name="fase_verwijderen"),
    path(f"{_REIS}fasen/<int:fase_pk>/verplaatsen/", reis.fase_verplaatsen, name="fase_verplaatsen"),
    path(f"{_REIS}contactmomenten/nieuw/", reis.contactmoment_nieuw, name="contactmoment_nieuw"),
    path(f"{_REIS}contactmomenten/<int:cm_pk>/", reis.contactmoment, name="contactmoment"),
    path(
        f"{_REIS}contactmomenten/<int:cm_pk>/bewerken/",
        reis.contactmoment_bewerken,
        name="contactmoment_bewerken",
    ),
    path(
        f"{_REIS}contactmomenten/<int:cm_pk>/verwijderen/",
        reis.contactmoment_verwijderen,
        name="contactmoment_verwijderen",
    ),
    path(
        f"{_REIS}contactmomenten/<int:cm_pk>/verplaatsen/",
        reis.contactmoment_verplaatsen,
        name="contactmoment_verplaatsen",
    ),
    path(f"{_REIS}contactmomenten/<int:cm_pk>/pijnpunten/", reis.pijnpunt_nieuw, name="pijnpunt_nieuw"),
    path(
        f"{_REIS}pijnpunten/<int:pijnpunt_pk>/verwijderen/",
        reis.pijnpunt_verwijderen,
        name="pijnpunt_verwijderen",
    ),
    # interviews: the klantreiscoach only; every view, change, export and deletion is logged
    path(f"{_REIS}interviews/", interviews.lijst, name="interviews"),
    path(f"{_REIS}interviews/nieuw/", interviews.nieuw, name="interview_nieuw"),
    path(f"{_REIS}interviews/export.csv", interviews.exporteren, name="interviews_export"),
    path(f"{_REIS}interviews/<int:interview_pk>/", interviews.detail, name="interview"),
    path(f"{_REIS}interviews/<int:interview_pk>/bewerken/", interviews.bewerken, name="interview_bewerken"),
    path(
        f"{_REIS}interviews/<int:interview_pk>/verwijderen/",
        interviews.verwijderen,
        name="interview_verwijderen",
    ),
    path(f"{_REIS}interviews/<int:interview_pk>/inzicht/", interviews.inzicht_delen, name="inzicht_delen"),
    path(
        f"{_REIS}inzichten/<int:inzicht_pk>/verwijderen/",
        interviews.inzicht_verwijderen,
        name="inzicht_verwijderen",
    ),
    # alternatives to own interviews, with attachments
    path(f"{_REIS}alternatieven/nieuw/", alternatieven.nieuw, name="alternatief_nieuw"),
    path(f"{_REIS}alternatieven/<int:alt_pk>/bewerken/", alternatieven.bewerken, name="alternatief_bewerken"),
    path(
        f"{_REIS}alternatieven/<int:alt_pk>/verwijderen/",
        alternatieven.verwijderen,
        name="alternatief_verwijderen",
    ),
    path(f"{_REIS}alternatieven/<int:alt_pk>/bijlagen/", alternatieven.bijlage_nieuw, name="bijlage_nieuw"),
    path(
        f"{_REIS}alternatieven/<int:alt_pk>/bijlagen/<int:bijlage_pk>/",
        alternatieven.bijlage,
        name="bijlage",
    ),
    path(
        f"{_REIS}alternatieven/<int:alt_pk>/bijlagen/<int:bijlage_pk>/verwijderen/",
        alternatieven.bijlage_verwijderen,
        name="bijlage_verwijderen",
    ),
    # the privacy officer's log of what happened to interview notes
    path("privacy/interviewlog/", privacy.logboek, name="privacylog"),
]
