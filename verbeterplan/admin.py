from django.contrib import admin

from .models import Verbeterpunt


@admin.register(Verbeterpunt)
class VerbeterpuntAdmin(admin.ModelAdmin):
    list_display = ("titel", "traject", "bron", "status", "ingediend_door", "ingediend_op")
    list_filter = ("bron", "status")
    search_fields = ("titel",)
