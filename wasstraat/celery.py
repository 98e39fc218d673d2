"""The Celery application: Redis as broker, tasks acknowledged late, one task at a time per worker."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wasstraat.settings.development")

app = Celery("wasstraat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
