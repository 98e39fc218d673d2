#!/usr/bin/env python3
"""Check that every translatable string in the code has a Dutch translation.

Runs ``manage.py makemessages -l nl -d django`` (needs the system gettext tools:
xgettext, msgmerge, msguniq), then reads ``locale/nl/LC_MESSAGES/django.po`` with polib and
fails when an entry is untranslated, fuzzy, or its placeholders (``%(name)s``, ``%s``,
``{name}``) do not match the source string.

By default the .po files are restored afterwards, so the check never changes committed files.
With ``--update`` the regenerated .po files are kept (new strings appear with an empty
``msgstr`` for you to translate); ``make makemessages`` does that.

Usage: python scripts/check_translations.py [--update] [--locale nl]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "django"
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "staticfiles",
    "media",
    "__pycache__",
    "test-results",
}
# Directories makemessages must not scan (besides its defaults: CVS, .*, *~, *.pyc).
IGNORE_PATTERNS = [
    "venv",
    "node_modules",
    "staticfiles",
    "static/vendor",
    "media",
    "test-results",
    "scripts",
]
MAKEMESSAGES_OPTIONS = [
    "--no-obsolete",
    "--add-location=file",  # file names without line numbers: fewer meaningless diffs
]

PERCENT_RE = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?"  # optional mapping key
    r"[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"  # flags, width, precision, length
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
BRACE_RE = re.compile(r"(?<!\{)\{(?P<field>[^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def find_po_files(root: Path, locale: str) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        path = Path(dirpath)
        if path.name == "LC_MESSAGES" and path.parent.name == locale:
            if f"{DOMAIN}.po" in filenames:
                found.append(path / f"{DOMAIN}.po")
    return sorted(found)


def percent_placeholders(text: str) -> tuple[set[str], list[str]]:
    named: set[str] = set()
    positional: list[str] = []
    for match in PERCENT_RE.finditer(text):
        conv = match.group("conv")
        if conv == "%":
            continue
        if match.group("name") is not None:
            named.add(match.group("name"))
        else:
            positional.append(conv)
    return named, positional


def brace_placeholders(text: str) -> set[str]:
    return {m.group("field") for m in BRACE_RE.finditer(text)}


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    problems: list[str] = []
    if entry.msgid_plural:
        sources = [entry.msgid, entry.msgid_plural]
        targets = [s for _, s in sorted(entry.msgstr_plural.items()) if s]
    else:
        sources = [entry.msgid]
        targets = [entry.msgstr] if entry.msgstr else []
    if "python-format" in entry.flags:
        source_named: set[str] = set()
        source_positional: list[str] = []
        for s in sources:
            named, positional = percent_placeholders(s)
            source_named |= named
            if len(positional) > len(source_positional):
                source_positional = positional
        for t in targets:
            named, positional = percent_placeholders(t)
            if named - source_named:
                problems.append(f"unknown placeholder(s) {sorted(named - source_named)}")
            if not entry.msgid_plural and source_named - named:
                problems.append(f"missing placeholder(s) {sorted(source_named - named)}")
            if positional and positional != source_positional:
                problems.append(f"positional placeholders {positional} differ from {source_positional}")
            elif source_positional and not positional and not entry.msgid_plural:
                problems.append(f"missing positional placeholders {source_positional}")
    if "python-brace-format" in entry.flags:
        source_fields = set().union(*(brace_placeholders(s) for s in sources))
        for t in targets:
            fields = brace_placeholders(t)
            if fields - source_fields:
                problems.append(f"unknown placeholder(s) {sorted(fields - source_fields)}")
            if not entry.msgid_plural and source_fields - fields:
                problems.append(f"missing placeholder(s) {sorted(source_fields - fields)}")
    return problems


def describe(entry: polib.POEntry) -> str:
    text = entry.msgid if not entry.msgctxt else f"[{entry.msgctxt}] {entry.msgid}"
    where = sorted({path for path, _line in entry.occurrences})
    return f"{text!r}" + (f"  ({', '.join(where)})" if where else "")


def check_catalogue(po_path: Path) -> int:
    rel = po_path.relative_to(ROOT)
    try:
        catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        print(f"{rel}: cannot be read: {exc}")
        return 1
    failures = 0
    untranslated = catalogue.untranslated_entries()
    # Entries with some but not all plural forms filled count as untranslated too.
    untranslated += [
        e
        for e in catalogue
        if e.msgid_plural
        and not e.obsolete
        and not e.fuzzy
        and e.msgstr_plural
        and any(s == "" for s in e.msgstr_plural.values())
        and e not in untranslated
    ]
    fuzzy = [e for e in catalogue.fuzzy_entries() if e.msgid]
    for entry in untranslated:
        print(f"{rel}: untranslated: {describe(entry)}")
    for entry in fuzzy:
        print(f"{rel}: fuzzy: {describe(entry)}")
    failures += len(untranslated) + len(fuzzy)
    for entry in catalogue.translated_entries():
        for problem in placeholder_problems(entry):
            print(f"{rel}: {problem}: {describe(entry)}")
            failures += 1
    total = len([e for e in catalogue if not e.obsolete])
    print(f"{rel}: {total} entries, {catalogue.percent_translated()}% translated")
    return failures


def strip_creation_date(data: bytes) -> bytes:
    return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update", action="store_true", help="keep the regenerated .po files (default: restore)"
    )
    parser.add_argument("--locale", "-l", default="nl")
    args = parser.parse_args(argv)

    missing_tools = [t for t in ("xgettext", "msgmerge", "msguniq") if not shutil.which(t)]
    if missing_tools:
        print(
            f"error: gettext tools not found ({', '.join(missing_tools)}); "
            "install them with `apt-get install gettext` (or `make browser-deps` as root).",
            file=sys.stderr,
        )
        return 2

    locale_dir = ROOT / "locale" / args.locale / "LC_MESSAGES"
    if not locale_dir.is_dir() and not find_po_files(ROOT, args.locale):
        print(f"error: {locale_dir.relative_to(ROOT)} does not exist", file=sys.stderr)
        return 2

    before = {p: (p.read_bytes(), p.stat()) for p in find_po_files(ROOT, args.locale)}
    command = [
        sys.executable,
        "manage.py",
        "makemessages",
        "--locale",
        args.locale,
        "--domain",
        DOMAIN,
        *MAKEMESSAGES_OPTIONS,
    ]
    for pattern in IGNORE_PATTERNS:
        command += ["--ignore", pattern]
    print("$", " ".join(command[1:]), flush=True)
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603
    po_files = find_po_files(ROOT, args.locale)
    try:
        if result.returncode != 0:
            print(f"error: makemessages exited with {result.returncode}", file=sys.stderr)
            return 2
        if not po_files:
            print(f"error: no {DOMAIN}.po for locale {args.locale!r} found", file=sys.stderr)
            return 2
        failures = sum(check_catalogue(p) for p in po_files)
    finally:
        for path in po_files:
            if path not in before:
                if not args.update:
                    path.unlink()
                continue
            old, old_stat = before[path]
            new = path.read_bytes()
            if not args.update or strip_creation_date(old) == strip_creation_date(new):
                # Restore the file (and its time stamp, so the .mo is not rebuilt needlessly).
                # With --update this only happens when nothing but the creation date changed.
                path.write_bytes(old)
                os.utime(path, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))

    if failures:
        hint = "" if args.update else " Run `make makemessages` to add new strings to the .po file."
        print(f"\n{failures} translation problem(s) found.{hint}")
        return 1
    print("translations complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
