"""Indexes for the "Mijn trajecten" list (selectors.trajecten_lijst), found with EXPLAIN on PostgreSQL
with 10,000 trajectories (scripts/benchmark_paginas.py):

- the list's order, last change first: ``(gewijzigd_op DESC, id DESC)`` on Traject, so a page is read
  from the index instead of sorting every trajectory;
- the filter "step in progress": ``(stap, status)`` on StapStatus, instead of scanning every step row,
  with the trajectory as a third column so the filter and its count need no table rows at all;
- the search: ``icontains`` on the title compiles on PostgreSQL to ``UPPER("titel"::text) LIKE
  UPPER('%…%')``, which no B-tree index can serve. A trigram GIN index (extension pg_trgm) on exactly
  that expression can. PostgreSQL only: on SQLite, the first-look database, the operation does nothing
  (a few hundred rows need no index). The product's name is matched by looking the (few) products up
  first, so the title's index still applies (see the selector).

The two B-tree indexes are in the models' ``Meta.indexes``; the trigram index is not, because SQLite
has no GIN indexes, so it lives here alone and ``makemigrations`` does not know of it.
"""

from __future__ import annotations

from django.db import migrations, models

TRIGRAM_INDEX = "traject_titel_trgm_idx"


def trigram_index_aanmaken(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    tabel = schema_editor.quote_name(apps.get_model("trajecten", "Traject")._meta.db_table)
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # The expression must be the one Django's icontains uses, cast included, or the planner ignores it.
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {tabel} USING gin ((UPPER("titel"::text)) gin_trgm_ops)'
    )


def trigram_index_verwijderen(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")  # the extension stays: others may use it


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0004_gebeurtenis_klantreis_serviceformule"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="stapstatus",
            index=models.Index(fields=["stap", "status", "traject"], name="stapstatus_stap_status_idx"),
        ),
        migrations.AddIndex(
            model_name="traject",
            index=models.Index(fields=["-gewijzigd_op", "-id"], name="traject_lijst_volgorde_idx"),
        ),
        migrations.RunPython(trigram_index_aanmaken, trigram_index_verwijderen, elidable=False),
    ]
