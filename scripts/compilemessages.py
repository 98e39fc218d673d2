#!/usr/bin/env python3
"""Compile gettext catalogues (.po -> .mo) with polib, so no system gettext is needed.

Compiles every ``locale/<lang>/LC_MESSAGES/*.po`` below the repository root (the project's
``locale/`` and any app-level ``locale/`` directories), skipping virtualenvs, VCS and build
directories. A ``.mo`` file is only rewritten when its ``.po`` is newer, unless ``--force``.

Usage: python scripts/compilemessages.py [--force] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "staticfiles",
    "media",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "test-results",
}


def find_catalogues(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        path = Path(dirpath)
        if path.name != "LC_MESSAGES" or path.parent.parent.name != "locale":
            continue
        found.extend(path / name for name in filenames if name.endswith(".po"))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="recompile even if up to date")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)

    catalogues = find_catalogues(ROOT)
    compiled = 0
    errors = 0
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        if not args.force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            if args.verbose:
                print(f"up to date: {po_path.relative_to(ROOT)}")
            continue
        try:
            catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
        except (OSError, ValueError) as exc:
            print(f"error: {po_path.relative_to(ROOT)}: {exc}", file=sys.stderr)
            errors += 1
            continue
        # Like msgfmt without --use-fuzzy: fuzzy entries are left out of the .mo file.
        catalogue.save_as_mofile(str(mo_path))
        compiled += 1
        print(f"compiled {po_path.relative_to(ROOT)} -> {mo_path.name}")

    if not catalogues:
        print("no .po files found under locale/")
    elif compiled == 0 and not errors:
        print(f"messages up to date ({len(catalogues)} catalogue(s))")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
