"""A refused request is one line in the log, without traceback and without the data that was sent."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from tests.factories import TrajectFactory, UserFactory, lid
from trajecten.choices import Rol


@pytest.fixture
def traject(db):
    return TrajectFactory()


def _verzoeklog(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_403_is_logged_as_one_line_at_info_without_traceback(client, traject, caplog):
    client.force_login(lid(traject, Rol.VAKINHOUDELIJK_MEDEWERKER))
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        response = client.post(reverse("trajecten:bewerken", args=[traject.pk]), {"titel": "Geheim 061234"})
    assert response.status_code == 403
    (regel,) = _verzoeklog(caplog)
    assert regel.levelno == logging.INFO
    assert regel.exc_info is None and regel.exc_text is None
    tekst = logging.Formatter().format(regel)
    assert "\n" not in tekst and "Traceback" not in tekst
    assert reverse("trajecten:bewerken", args=[traject.pk]) in tekst
    assert "Geheim" not in tekst


def test_a_404_for_an_outsider_is_one_line_too(client, traject, caplog):
    client.force_login(UserFactory())
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        assert client.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404
    (regel,) = _verzoeklog(caplog)
    assert regel.exc_info is None and regel.levelno == logging.INFO


def test_a_server_error_keeps_its_traceback():
    from wasstraat.logfilters import WeigeringZonderTraceback

    try:
        raise RuntimeError("stuk")
    except RuntimeError:
        import sys

        regel = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "fout", (), sys.exc_info())
    regel.status_code = 500
    assert WeigeringZonderTraceback().filter(regel)
    assert regel.exc_info is not None and regel.levelno == logging.ERROR
