from django.urls import path

from . import views

app_name = "meldingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
]
