from django.contrib import admin

from .models import OidcIdentiteit


@admin.register(OidcIdentiteit)
class OidcIdentiteitAdmin(admin.ModelAdmin):
    """Read-only, except unlinking (delete): who logs in as whom is decided by the login itself.

    Adding or changing a link by hand would let one provider account log in as any user, so the admin
    never offers it; deleting one makes the next login link by e-mail address again. Like every model
    outside the global groups' permissions, this is for superusers only.
    """

    list_display = ("gebruiker", "issuer", "sub", "aangemaakt_op", "laatst_gebruikt_op")
    list_filter = ("issuer",)
    search_fields = ("gebruiker__username", "gebruiker__email", "sub")
    list_select_related = ("gebruiker",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
