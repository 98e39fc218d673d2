"""Tests of step 2 compare messages in English, the source language (views switch per request)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    with translation.override("en"):
        yield
