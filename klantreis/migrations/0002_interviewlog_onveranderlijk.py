"""The privacy log is append-only, also at the database level (PostgreSQL only).

A row trigger refuses every DELETE and every UPDATE, with one exception: setting `interview_id` to NULL
and nothing else, which is what the database does to the log's rows when the interview they describe is
deleted (`on_delete=SET_NULL`; the row keeps the interview's label). TRUNCATE (test teardown) does not
fire row triggers. SQLite, the first-look database, relies on the model's guards alone.
"""

from __future__ import annotations

from django.db import migrations

FUNCTIE = "klantreis_interviewlog_onveranderlijk"
TRIGGER = "klantreis_interviewlog_onveranderlijk"


def _tabel(apps, schema_editor) -> str:
    model = apps.get_model("klantreis", "InterviewLog")
    return schema_editor.quote_name(model._meta.db_table)


def trigger_aanmaken(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTIE}() RETURNS trigger AS $body$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.interview_id IS NULL
               AND (NEW.id, NEW.traject_id, NEW.interview_label, NEW.handeling, NEW.actor_id, NEW.tijdstip,
                    NEW.omschrijving)
                   IS NOT DISTINCT FROM
                   (OLD.id, OLD.traject_id, OLD.interview_label, OLD.handeling, OLD.actor_id, OLD.tijdstip,
                    OLD.omschrijving)
            THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'The privacy log cannot be changed or deleted (% on %).', TG_OP, TG_TABLE_NAME
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
        ("klantreis", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(trigger_aanmaken, trigger_verwijderen, elidable=False),
    ]
