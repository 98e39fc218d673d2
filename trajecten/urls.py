from django.urls import path

from . import views

app_name = "trajecten"
urlpatterns = [
    path("", views.lijst, name="lijst"),
]
