"""Tests: fast password hashing, axes off by default (one test switches it on)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (attachments of customer feedback) go to the temporary folder, never into the repository.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "wasstraat-test-media"
# Serve static files from the app directories (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
