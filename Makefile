# Wasstraat — developer tasks.  `make run` starts the application on a fresh machine with only
# Python 3.11 (SQLite, no services); `make test` runs the test suite.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
ADDRESS ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# Packages WeasyPrint (PDF) and the browser tests need from Debian.
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu
SYSTEM_DEBS := chromium gettext poppler-utils $(WEASYPRINT_DEBS)

.PHONY: help venv node-deps messages makemessages migrate demo run test lint format check-translations \
	browser-deps weasyprint-deps clean distclean

help:
	@echo "make run                 virtualenv, messages, migrations, demo data; serve on $(ADDRESS)"
	@echo "make test                run the tests (extra options: PYTEST_ARGS='-k name -x')"
	@echo "make lint                ruff check + ruff format --check + lint-imports (pyproject.toml)"
	@echo "make format              ruff check --fix + ruff format"
	@echo "make check-translations  fail on untranslated or fuzzy Dutch strings (needs gettext)"
	@echo "make makemessages        update locale/nl/LC_MESSAGES/django.po (needs gettext)"
	@echo "make messages            compile .po -> .mo (pure Python, no gettext needed)"
	@echo "make migrate | demo      apply migrations | load demo data (idempotent)"
	@echo "make browser-deps        (root) apt-get chromium, gettext, WeasyPrint libraries"
	@echo "make node-deps           npm ci: bpmnlint, bpmn-moddle, oidc-provider for the tests (needs Node 20+)"
	@echo "make venv | clean | distclean"

# --- virtualenv --------------------------------------------------------------------------

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@if [ ! -x "$(PY)" ]; then \
		if [ -z "$(PYTHON)" ]; then echo "Python 3.11 not found (set PYTHON=...)" >&2; exit 1; fi; \
		"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
			|| { echo "$(PYTHON) is older than Python 3.11" >&2; exit 1; }; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		"$(PYTHON)" -m venv "$(VENV)"; \
	fi
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

# --- outside tools for the interoperability tests (npm) -------------------------------------

NODE_STAMP := node_modules/.installed
node-deps: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the BPMN-lint and single sign-on tests will be skipped (CI requires them)." >&2; \
	fi

# --- translations ------------------------------------------------------------------------

messages: venv
	@$(PY) scripts/compilemessages.py

makemessages: venv
	$(PY) scripts/check_translations.py --update

check-translations: venv
	$(PY) scripts/check_translations.py

# --- database and demo -------------------------------------------------------------------

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demodata

# --- run ---------------------------------------------------------------------------------

# Best effort only: installs WeasyPrint's libraries when running as root on Debian/Ubuntu and
# they are missing. Never fails; without them the application runs, only PDF download fails.
weasyprint-deps:
	@if [ -z "$$NO_SYSTEM_DEPS" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& command -v dpkg >/dev/null; then \
		missing=""; \
		for p in $(WEASYPRINT_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "Installing for PDF output (best effort):$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			timeout 300 apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 \
			|| { timeout 300 apt-get update -qq >/dev/null 2>&1 \
				&& timeout 300 apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1; } \
			|| echo "Could not install$$missing; PDF download will not work." ; \
		fi; \
	fi; true

run: venv messages demo
	@$(MAKE) --no-print-directory weasyprint-deps || true
	@echo "Starting the development server on http://$(ADDRESS)/ (Ctrl+C stops it)"
	$(PY) manage.py runserver $(ADDRESS)

# --- quality -----------------------------------------------------------------------------

# The whole suite: first everything that runs in-process, spread over TEST_WORKERS processes (one
# database per process); then the browser tests and the tests with a real Celery worker, one at a time.
# With PYTEST_ARGS (e.g. '-k name'), one plain run.
TEST_WORKERS ?= 2
test: venv messages node-deps
ifeq ($(strip $(PYTEST_ARGS)),)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope -m "not browser and not celery_worker"
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m "browser or celery_worker"
else
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)
endif

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# --- system packages ---------------------------------------------------------------------

browser-deps:
	@missing=""; \
	for p in $(SYSTEM_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "System packages present."; exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "Missing:$$missing — run as root: apt-get install$$missing" >&2; exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing

# --- cleaning ----------------------------------------------------------------------------

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -name '*.mo' -path '*/LC_MESSAGES/*' -type f -exec rm -f {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results

distclean: clean
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-journal db.sqlite3-shm db.sqlite3-wal
