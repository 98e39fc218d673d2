from django.urls import path

from . import views

app_name = "verbeterplan"
urlpatterns = [
    path("", views.verbeterpunten, name="verbeterpunten"),
    path("nieuw/", views.verbeterpunt_nieuw, name="verbeterpunt_nieuw"),
]
