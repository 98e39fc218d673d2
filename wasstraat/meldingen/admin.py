from django.contrib import admin

from .models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ("onderwerp", "ontvanger", "aangemaakt_op", "email_verzonden_op", "gelezen_op")
    search_fields = ("onderwerp", "ontvanger__username")
    readonly_fields = [f.name for f in Melding._meta.fields]
