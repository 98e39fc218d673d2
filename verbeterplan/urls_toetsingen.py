"""The URL of "Mijn toetsingen", outside any trajectory (included by the project's urls as a string, so
the project package imports nothing of the apps)."""

from django.urls import path

from .views import toetsing

urlpatterns = [path("", toetsing.mijn_toetsingen, name="mijn_toetsingen")]
