"""Who is who at the OpenID Connect provider: the link between a provider's account and ours."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OidcIdentiteit(models.Model):
    """A person's account at an OpenID Connect provider (issuer + ``sub``), linked to one user.

    ``sub`` is the provider's stable, never reassigned identifier; the e-mail address is used only once,
    to find the local account to link the first time. One account per issuer per user, so a second
    provider account can never take over a user who is already linked.
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="oidc_identiteiten",
    )
    issuer = models.CharField(_("issuer"), max_length=255, help_text=_("The provider (the token's iss)."))
    sub = models.CharField(
        _("subject identifier"), max_length=255, help_text=_("The provider's identifier of the person.")
    )
    aangemaakt_op = models.DateTimeField(_("linked on"), auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        ordering = ["issuer", "sub"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="oidcidentiteit_issuer_sub_uniek"),
            models.UniqueConstraint(fields=["gebruiker", "issuer"], name="oidcidentiteit_een_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} @ {self.issuer}"
