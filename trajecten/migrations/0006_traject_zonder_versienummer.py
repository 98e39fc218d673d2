"""The trajectory's version number goes: edit forms carry the version they saw through the one shared
mechanism of `wasstraat.bewerking` (a token over the fields the form edits), so a counter raised on
every change of the basics is no longer read anywhere."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0005_lijst_indexen"),
    ]

    operations = [
        migrations.RemoveField(model_name="traject", name="versie"),
    ]
