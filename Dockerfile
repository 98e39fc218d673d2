# Wasstraat — production image (web, Celery worker and Celery beat all use this image).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF) needs Pango and HarfBuzz; DejaVu is the fallback font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-dejavu-extra \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 wasstraat \
    && useradd --system --uid 1000 --gid wasstraat --home-dir /app --shell /usr/sbin/nologin wasstraat

WORKDIR /app

COPY requirements.txt /app/requirements.txt
RUN pip install -r /app/requirements.txt

COPY . /app

# Compile translations and collect static files at build time. The settings values here are
# build-only placeholders; the real ones come from the environment at run time.
RUN python scripts/compilemessages.py \
    && DJANGO_SETTINGS_MODULE=wasstraat.settings.production \
       SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-not-secret \
       ALLOWED_HOSTS=localhost \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       REDIS_URL=redis://localhost:6379/0 \
       EMAIL_URL=consolemail:// \
       python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media \
    && chown -R wasstraat:wasstraat /app/media

USER wasstraat

ENV DJANGO_SETTINGS_MODULE=wasstraat.settings.production

EXPOSE 8000

CMD ["gunicorn", "wasstraat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
