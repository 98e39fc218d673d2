from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Afdeling, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("afdeling", "functie")}),
    )
    list_display = ("username", "first_name", "last_name", "afdeling", "is_active")
    list_filter = ("afdeling", "groups", "is_active")


@admin.register(Afdeling)
class AfdelingAdmin(admin.ModelAdmin):
    list_display = ("naam",)
    search_fields = ("naam",)
