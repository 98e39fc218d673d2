"""The catalogue of products and services (producten/diensten) the municipality delivers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    """A product or service (e.g. "Aanvraag omgevingsvergunning"); a trajectory improves one."""

    naam = models.CharField(_("name"), max_length=200, unique=True)
    omschrijving = models.TextField(_("description"), blank=True)
    afdeling = models.ForeignKey(
        "accounts.Afdeling",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="producten",
        help_text=_("The department that delivers this product or service."),
    )
    actief = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("product/service")
        verbose_name_plural = _("products/services")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
