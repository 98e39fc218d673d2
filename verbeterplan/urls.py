from django.urls import path

from .views import plan, punten, toetsing

app_name = "verbeterplan"
urlpatterns = [
    path("", punten.verbeterpunten, name="verbeterpunten"),
    path("nieuw/", punten.verbeterpunt_nieuw, name="verbeterpunt_nieuw"),
    path("6p/<str:p>/", punten.p_verbeterpunt, name="p_verbeterpunt"),
    # step 6: the improvement plan
    path("plan/", plan.plan, name="plan"),
    path("plan/punten/<int:punt_pk>/", plan.punt_besluiten, name="punt_besluiten"),
    path("plan/punten/<int:punt_pk>/overnemen/", plan.punt_overnemen, name="punt_overnemen"),
    path("plan/punten/<int:punt_pk>/samenvoegen/", plan.punt_samenvoegen, name="punt_samenvoegen"),
    path("plan/punten/<int:punt_pk>/afwijzen/", plan.punt_afwijzen, name="punt_afwijzen"),
    path("plan/acties/", plan.acties, name="acties"),
    path("plan/acties/nieuw/", plan.actie_nieuw, name="actie_nieuw"),
    path("plan/acties/<int:actie_pk>/", plan.actie, name="actie"),
    path("plan/acties/<int:actie_pk>/bewerken/", plan.actie_bewerken, name="actie_bewerken"),
    path("plan/acties/<int:actie_pk>/verplaatsen/", plan.actie_verplaatsen, name="actie_verplaatsen"),
    path("plan/matrix.svg", plan.matrix, name="matrix"),
    path("plan/verbeterplan.pdf", plan.plan_pdf, name="plan_pdf"),
    # step 7: the review
    path("plan/toetsing/", toetsing.overzicht, name="toetsing"),
    path("plan/toetsing/aanvragen/", toetsing.aanvragen, name="toetsing_aanvragen"),
    path("plan/toetsing/<int:verzoek_pk>/", toetsing.verzoek, name="toetsverzoek"),
    path("plan/toetsing/<int:verzoek_pk>/oordeel/", toetsing.oordeel, name="toetsoordeel_plan"),
    path(
        "plan/toetsing/<int:verzoek_pk>/oordeel/<int:actie_pk>/", toetsing.oordeel, name="toetsoordeel_actie"
    ),
    path("plan/toetsing/<int:verzoek_pk>/intrekken/", toetsing.intrekken, name="toetsverzoek_intrekken"),
    path("plan/toetsing/<int:verzoek_pk>/opnieuw/", toetsing.herhalen, name="toetsing_herhalen"),
    path("plan/toetsing/voorwaarden/<int:voorwaarde_pk>/", toetsing.voorwaarde, name="voorwaarde"),
]
