"""Notifications to a person: in the application and by e-mail, each sent exactly once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Melding(models.Model):
    """One notification. `sleutel` makes sending idempotent: the same event never notifies twice."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="meldingen",
    )
    sleutel = models.CharField(_("key"), max_length=200, unique=True)
    onderwerp = models.CharField(_("subject"), max_length=200)
    tekst = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)
    email_verzonden_op = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"])]

    def __str__(self) -> str:
        return self.onderwerp
