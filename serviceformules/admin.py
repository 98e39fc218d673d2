from django.contrib import admin

from .models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("naam", "afdeling", "actief")
    list_filter = ("afdeling", "actief")
    search_fields = ("naam",)
