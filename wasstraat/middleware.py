"""Request middleware of the project."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class NederlandsTenzijGekozen:
    """Dutch is the language of the application; English only when the user chooses it.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, so an employee whose
    browser happens to be set to English would get an English interface they never asked for. Without
    the header, the language is the one chosen with the language switch (its cookie) or LANGUAGE_CODE.
    Must come before ``django.middleware.locale.LocaleMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
