from django.urls import path

from .views import bpmn, controle, kpi, proces, sessies, team, traject

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
    path("<int:pk>/team/personen/", team.personen, name="team_personen"),
    path("<int:pk>/team/<int:lid_pk>/verwijderen/", team.verwijderen, name="teamlid_verwijderen"),
    path("<int:pk>/sessies/", sessies.lijst, name="sessies"),
    path("<int:pk>/sessies/nieuw/", sessies.nieuw, name="sessie_nieuw"),
    path("<int:pk>/sessies/<int:sessie_pk>/", sessies.detail, name="sessie"),
    path("<int:pk>/sessies/<int:sessie_pk>/bewerken/", sessies.bewerken, name="sessie_bewerken"),
    path("<int:pk>/sessies/<int:sessie_pk>/agenda.ics", sessies.agenda, name="sessie_ics"),
    # step 2: KPI's
    path("<int:pk>/kpis/", kpi.lijst, name="kpis"),
    path("<int:pk>/kpis/nieuw/", kpi.nieuw, name="kpi_nieuw"),
    path("<int:pk>/kpis/goedkeuren/", kpi.goedkeuren, name="kpis_goedkeuren"),
    path("<int:pk>/kpis/<int:kpi_pk>/", kpi.detail, name="kpi"),
    path("<int:pk>/kpis/<int:kpi_pk>/bewerken/", kpi.bewerken, name="kpi_bewerken"),
    path("<int:pk>/kpis/<int:kpi_pk>/verwijderen/", kpi.verwijderen, name="kpi_verwijderen"),
    path("<int:pk>/kpis/<int:kpi_pk>/grafiek.svg", kpi.grafiek, name="kpi_grafiek"),
    path("<int:pk>/kpis/<int:kpi_pk>/metingen/", kpi.meting_nieuw, name="kpi_meting_nieuw"),
    path(
        "<int:pk>/kpis/<int:kpi_pk>/metingen/<int:meting_pk>/verwijderen/",
        kpi.meting_verwijderen,
        name="kpi_meting_verwijderen",
    ),
    # step 3: process maps
    path("<int:pk>/proces/", proces.versies, name="procesversies"),
    path("<int:pk>/proces/nieuw/", proces.versie_nieuw, name="procesversie_nieuw"),
    path("<int:pk>/proces/vergelijken/", proces.vergelijken, name="proces_vergelijken"),
    path("<int:pk>/proces/importeren/", bpmn.importeren, name="proces_bpmn_import"),
    path("<int:pk>/proces/<int:versie_pk>/", proces.detail, name="proces"),
    path("<int:pk>/proces/<int:versie_pk>/bewerken/", proces.versie_bewerken, name="procesversie_bewerken"),
    path("<int:pk>/proces/<int:versie_pk>/diagram.svg", proces.diagram, name="proces_diagram"),
    path("<int:pk>/proces/<int:versie_pk>/bpmn/", bpmn.exporteren, name="proces_bpmn_export"),
    path("<int:pk>/proces/<int:versie_pk>/stappen/nieuw/", proces.stap_nieuw, name="processtap_nieuw"),
    path(
        "<int:pk>/proces/<int:versie_pk>/stappen/<int:stap_pk>/bewerken/",
        proces.stap_bewerken,
        name="processtap_bewerken",
    ),
    path(
        "<int:pk>/proces/<int:versie_pk>/stappen/<int:stap_pk>/verwijderen/",
        proces.stap_verwijderen,
        name="processtap_verwijderen",
    ),
    path(
        "<int:pk>/proces/<int:versie_pk>/stappen/<int:stap_pk>/verplaatsen/",
        proces.stap_verplaatsen,
        name="processtap_verplaatsen",
    ),
    # step 3b: checking the current process
    path("<int:pk>/proces/<int:versie_pk>/controle/", controle.overzicht, name="proces_controle"),
    path(
        "<int:pk>/proces/<int:versie_pk>/controle/gecontroleerd/",
        controle.gecontroleerd,
        name="proces_gecontroleerd",
    ),
    path("<int:pk>/proces/<int:versie_pk>/controleren/", controle.controleren, name="proces_controleren"),
]
