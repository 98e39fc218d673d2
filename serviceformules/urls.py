"""URLs of the serviceformule catalogue and of step 5, the 6P assessment of a trajectory."""

from django.urls import path

from .views import catalogus, zes_p

app_name = "serviceformules"
urlpatterns = [
    # the catalogue: everyone reads it, the functioneel beheerder keeps it
    path("serviceformules/", catalogus.lijst, name="catalogus"),
    path("serviceformules/nieuw/", catalogus.nieuw, name="formule_nieuw"),
    path("serviceformules/producten/", catalogus.producten, name="producten"),
    path("serviceformules/producten/<int:product_pk>/", catalogus.product_formule, name="product_formule"),
    path("serviceformules/<int:formule_pk>/", catalogus.detail, name="formule"),
    path("serviceformules/<int:formule_pk>/bewerken/", catalogus.bewerken, name="formule_bewerken"),
    # step 5 in a trajectory
    path("trajecten/<int:pk>/6p/", zes_p.overzicht, name="zes_p"),
    path("trajecten/<int:pk>/6p/formule/", zes_p.formule_kiezen, name="formule_kiezen"),
    path("trajecten/<int:pk>/6p/overzicht.svg", zes_p.svg, name="zes_p_svg"),
    path("trajecten/<int:pk>/6p/<str:p>/", zes_p.beoordelen, name="p_beoordelen"),
]
