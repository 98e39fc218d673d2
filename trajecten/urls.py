from django.urls import path

from .views import sessies, team, traject

app_name = "trajecten"
urlpatterns = [
    path("", traject.lijst, name="lijst"),
    path("nieuw/", traject.nieuw, name="nieuw"),
    path("<int:pk>/", traject.detail, name="detail"),
    path("<int:pk>/bewerken/", traject.bewerken, name="bewerken"),
    path("<int:pk>/status/<str:actie>/", traject.status_wijzigen, name="status"),
    path("<int:pk>/stappen/<str:stap>/<str:actie>/", traject.stap_actie, name="stap_actie"),
    path("<int:pk>/tijdlijn/", traject.tijdlijn, name="tijdlijn"),
    path("<int:pk>/trajectkaart.pdf", traject.trajectkaart, name="trajectkaart"),
    path("<int:pk>/team/", team.team, name="team"),
    path("<int:pk>/team/<int:lid_pk>/verwijderen/", team.verwijderen, name="teamlid_verwijderen"),
    path("<int:pk>/sessies/", sessies.lijst, name="sessies"),
    path("<int:pk>/sessies/nieuw/", sessies.nieuw, name="sessie_nieuw"),
    path("<int:pk>/sessies/<int:sessie_pk>/", sessies.detail, name="sessie"),
    path("<int:pk>/sessies/<int:sessie_pk>/bewerken/", sessies.bewerken, name="sessie_bewerken"),
    path("<int:pk>/sessies/<int:sessie_pk>/agenda.ics", sessies.agenda, name="sessie_ics"),
]
