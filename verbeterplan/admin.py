from django.contrib import admin

from .models import Verbeterpunt


@admin.register(Verbeterpunt)
class VerbeterpuntAdmin(admin.ModelAdmin):
    list_display = ("titel", "traject", "bron", "status", "ingediend_door", "ingediend_op")
    list_filter = ("bron", "status")
    search_fields = ("titel",)
    # Step 6's decision is made through its services (checked, locked, in the audit trail), not here.
    readonly_fields = ("status", "actie", "afwijzingsreden", "besloten_door", "besloten_op")
