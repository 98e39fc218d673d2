"""Template tags of single sign-on: whether the login page offers it, and under which name."""

from __future__ import annotations

from django import template
from django.conf import settings

from ..instellingen import oidc_aan

register = template.Library()


@register.simple_tag
def oidc_aanbieder() -> str:
    """The provider's name for the button ("Log in with …"), or '' when single sign-on is off."""
    return settings.OIDC_AANBIEDER_NAAM if oidc_aan() else ""
