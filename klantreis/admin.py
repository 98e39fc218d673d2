"""Admin of the customer journey: the privacy log read-only, interviews without their notes.

Interview notes are for the klantreiscoach only, through the application (where every view is logged);
the admin never shows them.
"""

from django.contrib import admin

from .models import Interview, InterviewLog


class AlleenLezenAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InterviewLog)
class InterviewLogAdmin(AlleenLezenAdmin):
    """Append-only: nobody adds, changes or deletes an entry, not even here."""

    list_display = ("tijdstip", "handeling", "interview_label", "traject", "actor", "omschrijving")
    list_filter = ("handeling",)
    search_fields = ("interview_label", "traject__titel")
    list_select_related = ("traject", "actor")
    date_hierarchy = "tijdstip"


@admin.register(Interview)
class InterviewAdmin(AlleenLezenAdmin):
    """Date, type, pseudonym and consent only: the notes and key insights stay out of the admin."""

    exclude = ("notities", "kerninzichten")
    list_display = ("pseudoniem", "datum", "klanttype", "klantreis", "notities_verwijderd_op")
    list_filter = ("klanttype",)
    list_select_related = ("klantreis",)
    search_fields = ("pseudoniem", "klantreis__traject__titel")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("notities", "kerninzichten")
