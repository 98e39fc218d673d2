import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OidcIdentiteit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "issuer",
                    models.CharField(
                        help_text="The provider (the token's iss).", max_length=255, verbose_name="issuer"
                    ),
                ),
                (
                    "sub",
                    models.CharField(
                        help_text="The provider's identifier of the person.",
                        max_length=255,
                        verbose_name="subject identifier",
                    ),
                ),
                ("aangemaakt_op", models.DateTimeField(auto_now_add=True, verbose_name="linked on")),
                (
                    "laatst_gebruikt_op",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "gebruiker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="oidc_identiteiten",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "single sign-on identity",
                "verbose_name_plural": "single sign-on identities",
                "ordering": ["issuer", "sub"],
                "constraints": [
                    models.UniqueConstraint(fields=("issuer", "sub"), name="oidcidentiteit_issuer_sub_uniek"),
                    models.UniqueConstraint(
                        fields=("gebruiker", "issuer"), name="oidcidentiteit_een_per_issuer"
                    ),
                ],
            },
        ),
    ]
