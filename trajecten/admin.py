"""Admin for trajectories: master data only; audit events are read-only even here."""

from django.contrib import admin

from .models import Gebeurtenis, StapStatus, Teamlid, Traject


class AlleenLezenAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(AlleenLezenAdmin):
    list_display = ("tijdstip", "traject", "soort", "actor", "omschrijving")
    list_filter = ("soort",)
    search_fields = ("omschrijving", "traject__titel")


class StapStatusInline(admin.TabularInline):
    model = StapStatus
    extra = 0
    can_delete = False
    readonly_fields = ("stap", "status", "gestart_op", "afgerond_op", "reden")

    def has_add_permission(self, request, obj=None):
        return False


class TeamlidInline(admin.TabularInline):
    model = Teamlid
    extra = 0
    can_delete = False
    readonly_fields = ("gebruiker", "rol", "discipline", "toegevoegd_op", "toegevoegd_door")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Traject)
class TrajectAdmin(AlleenLezenAdmin):
    """Trajectories are run in the application itself; the admin only shows them."""

    list_display = ("titel", "product", "status", "aangemaakt_op")
    list_filter = ("status", "product__afdeling")
    search_fields = ("titel",)
    inlines = [StapStatusInline, TeamlidInline]
