"""Submitted verdicts are final, also at the database level (PostgreSQL only).

A row trigger refuses every UPDATE and DELETE on the verdicts, so not even raw SQL or a bulk
operation that bypasses the model can change a verdict once given: verdicts are part of the audit
trail. TRUNCATE (used by test teardown) does not fire row triggers. SQLite, the first-look database, relies on the model's guards alone.
"""

from __future__ import annotations

from django.db import migrations

FUNCTIE = "verbeterplan_toetsoordeel_onveranderlijk"
TRIGGER = "verbeterplan_toetsoordeel_onveranderlijk"


def _tabel(apps, schema_editor) -> str:
    model = apps.get_model("verbeterplan", "Toetsoordeel")
    return schema_editor.quote_name(model._meta.db_table)


def trigger_aanmaken(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTIE}() RETURNS trigger AS $body$
        BEGIN
            RAISE EXCEPTION 'A submitted verdict cannot be changed or deleted (% on %).', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END;
        $body$ LANGUAGE plpgsql
        """,
        params=None,  # the function body contains % placeholders of RAISE, not query parameters
    )
    tabel = _tabel(apps, schema_editor)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {tabel}")
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {tabel} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTIE}()"
    )


def trigger_verwijderen(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {_tabel(apps, schema_editor)}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTIE}()")


class Migration(migrations.Migration):
    dependencies = [
        ("verbeterplan", "0005_toetsing"),
    ]

    operations = [
        migrations.RunPython(trigger_aanmaken, trigger_verwijderen, elidable=False),
    ]
