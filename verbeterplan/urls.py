from django.urls import path

app_name = "verbeterplan"
urlpatterns: list = []
