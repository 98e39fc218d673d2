"""A first look on SQLite (`make run`) serves a small team at once without "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_sqlite_settings_use_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    uitvoer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; import json;"
            "print(json.dumps(settings.DATABASES['default']['OPTIONS']))",
        ],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    opties = json.loads(uitvoer.stdout)
    assert opties["transaction_mode"] == "IMMEDIATE"
    assert opties["timeout"] >= 5
    assert "journal_mode=WAL" in opties["init_command"]


def test_four_people_on_the_interview_pages_at_once_get_no_errors(tmp_path):
    """The interview pages write a privacy-log row on every view; four coaches at once, each in a
    thread with its own connection as runserver has, all get their pages."""
    uitvoer = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "wasstraat" / "sqlite_gelijktijdig.py")],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr[-3000:]
    verslag = json.loads(uitvoer.stdout)
    assert verslag["fouten"] == []
    assert verslag["journaal"] == "wal"
    assert set(verslag["uitkomsten"]) <= {"200", "302"}
    assert sum(verslag["uitkomsten"].values()) == 4 * 15 + 4 * 3  # every view and every recording
