"""Permission-matrix rows for the controle pages (merged into MATRIX in test_permissiematrix.py)."""

from __future__ import annotations

from tests.views.matrix import Controle

RIJEN: dict[str, list[Controle]] = {}
