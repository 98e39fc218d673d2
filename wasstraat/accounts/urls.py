"""URLs of the accounts app in the application (accounts themselves are kept in the admin)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("privacy/rechtenlog/", views.logboek, name="rechtenlog"),
]
