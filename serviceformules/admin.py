"""Master data in Django's admin: products and services, serviceformules with their six P's.

The pages of the catalogue (serviceformules:catalogus) are where the functioneel beheerder keeps the
formules day to day; the admin is the fallback for master data.
"""

from django.contrib import admin

from .models import FormuleP, Product, Serviceformule


class FormulePInline(admin.TabularInline):
    model = FormuleP
    extra = 0
    max_num = 6
    fields = ("p", "zekerheid", "interne_afspraak")


@admin.register(Serviceformule)
class ServiceformuleAdmin(admin.ModelAdmin):
    list_display = ("naam", "klantrol", "landelijk", "actief", "bijgewerkt_op")
    list_filter = ("landelijk", "actief")
    search_fields = ("naam", "omschrijving", "klantrol")
    readonly_fields = ("bijgewerkt_op",)
    inlines = [FormulePInline]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("naam", "afdeling", "serviceformule", "actief")
    list_filter = ("afdeling", "serviceformule", "actief")
    list_select_related = ("afdeling", "serviceformule")
    search_fields = ("naam",)
    autocomplete_fields = ("serviceformule",)
