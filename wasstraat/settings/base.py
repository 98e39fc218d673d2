"""Settings shared by every environment, read from environment variables with development defaults."""

from __future__ import annotations

import re
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="development-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_celery_beat",
    "wasstraat.accounts",
    "wasstraat.meldingen",
    "serviceformules",
    "trajecten",
    "klantreis",
    "verbeterplan",
    "wasstraat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wasstraat.middleware.NederlandsTenzijGekozen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wasstraat.urls"
WSGI_APPLICATION = "wasstraat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wasstraat.context_processors.huisstijl",
                "verbeterplan.context_processors.toetsingen",
            ],
            "libraries": {"paginering": "wasstraat.paginering"},
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A first look with a few people at once: WAL lets readers and one writer work side by side, a
    # writer waits for the lock instead of failing at once, and a transaction takes the write lock at
    # its start, so two transactions never deadlock upgrading a read lock ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "trajecten:lijst"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after inactivity; the page warns before that and offers to extend.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_TIMEOUT_WARNING_SECONDS = 5 * 60

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# guardian: object permissions live in direct foreign-key tables (see trajecten.models).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# axes: throttle logins; a locked-out user gets HTTP 429.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
# Lock the combination of account and client address: one mistyping colleague never locks out a whole
# network behind one address (or the proxy), and nobody can lock someone else's account from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "wasstraat.netwerk.client_adres"
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated). Empty: the
# client is the address the request comes from. See docs/operations.md.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Content Security Policy: nothing inline without a nonce, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="wasstraat@gemeente.example.nl")

# Celery: without REDIS_URL there is no broker and tasks run in-process (first look, SQLite).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The database scheduler copies these entries into its table when beat starts.
CELERY_BEAT_SCHEDULE = {
    "interviewnotities-opschonen": {
        "task": "klantreis.tasks.interviewnotities_opschonen",
        "schedule": crontab(hour=2, minute=30),
    },
}

# The municipality's own house style, on pages and in PDFs.
GEMEENTE_NAAM = env.str("GEMEENTE_NAAM", default="Gemeente Voorbeeldstad")
GEMEENTE_LOGO = env.str("GEMEENTE_LOGO", default="img/logo-voorbeeldstad.svg")
GEMEENTE_KLEUR = env.str("GEMEENTE_KLEUR", default="#0b5394")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", GEMEENTE_KLEUR):
    raise ImproperlyConfigured("GEMEENTE_KLEUR must be a colour like #0b5394.")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"weigering_zonder_traceback": {"()": "wasstraat.logfilters.WeigeringZonderTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A refusal (403/404) is one line at INFO, without traceback; see wasstraat/logfilters.py.
        "django.request": {"filters": ["weigering_zonder_traceback"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Interviews (step 4): notes are deleted this many months after the trajectory's klantreis step was
# completed; the anonymous insights stay.
KLANTREIS_BEWAARTERMIJN_MAANDEN = env.int("KLANTREIS_BEWAARTERMIJN_MAANDEN", default=12)
# Attachments of existing customer feedback: the largest file accepted.
KLANTREIS_BIJLAGE_MAX_BYTES = env.int("KLANTREIS_BIJLAGE_MAX_BYTES", default=10 * 1024 * 1024)

# BPMN import: the largest file read (checked before parsing).
BPMN_MAX_BYTES = env.int("BPMN_MAX_BYTES", default=2 * 1024 * 1024)

# --- Single sign-on (OpenID Connect) ------------------------------------------------------------------
# Off unless OIDC_RP_CLIENT_ID is set; local accounts (and axes) keep working either way. The code is in
# wasstraat/sso (mozilla-django-oidc); every variable is explained in docs/operations.md, "Single sign-on".
INSTALLED_APPS += ["wasstraat.sso"]  # the links (issuer + sub) are kept whether it is on or not
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_AAN = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_AANBIEDER_NAAM = env.str("OIDC_AANBIEDER_NAAM", default="single sign-on")
# The provider: its issuer (endpoints from its discovery document), and/or each endpoint itself.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TOKEN_USE_BASIC_AUTH = env.bool("OIDC_TOKEN_USE_BASIC_AUTH", default=False)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
# Users: matched on issuer + sub; the e-mail address links an existing account the first time only.
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USER", default=False)
OIDC_REQUIRE_EMAIL_VERIFIED = env.bool("OIDC_REQUIRE_EMAIL_VERIFIED", default=True)
# Groups claim value -> global group, e.g. {"wasstraat-managers": "Management"}; only these groups are
# given and taken by the provider, never superuser or staff status.
OIDC_GROEPEN = env.json("OIDC_GROEPEN", default={})
OIDC_GROEPEN_CLAIM = env.str("OIDC_GROEPEN_CLAIM", default="groups")
if not isinstance(OIDC_GROEPEN, dict) or not all(
    isinstance(k, str) and isinstance(v, str) for k, v in OIDC_GROEPEN.items()
):
    raise ImproperlyConfigured('OIDC_GROEPEN must be a JSON object like {"claim value": "group name"}.')
# Session refresh: after this many seconds the next page checks with the provider (prompt=none).
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS", default=15 * 60)
OIDC_EXEMPT_URLS = ["login", "logout", "sessie_verlengen", "gezondheid", "huisstijl_css", "set_language"]
OIDC_OP_LOGOUT_URL_METHOD = "wasstraat.sso.views.provider_uitlog_url"  # with id_token_hint
if OIDC_AAN:
    if not (
        OIDC_OP_ISSUER
        or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_JWKS_ENDPOINT)
    ):
        raise ImproperlyConfigured(
            "Set OIDC_OP_ISSUER, or the provider's authorization, token and JWKS endpoints."
        )
    AUTHENTICATION_BACKENDS += ["wasstraat.sso.backends.OidcBackend"]  # after axes: see its docstring
    MIDDLEWARE += ["wasstraat.sso.middleware.SessieVerversen"]
    # Logging out is a form POST that the provider's logout page answers: the CSP must allow its origin.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
        {
            "/".join(url.split("/")[:3])
            for url in (OIDC_OP_ISSUER, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_LOGOUT_ENDPOINT)
            if url
        }
    )
