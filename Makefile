# Embassy Row: the common commands. `make run` and `make test` work on a fresh
# machine with Python 3.11, pip, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test format migrate demo serve clean bench loadtest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_editor --admin-url http://$(HOST):$(PORT)/admin/

## Set up everything and serve the demo archive on http://127.0.0.1:8000
run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Lint, check migrations and run every test (browser tests where Chromium is present)
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	@if [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests included."; \
	else echo "Chromium not found at /usr/bin/chromium: browser tests will be SKIPPED (apt-get install chromium)."; fi
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

## Time every page on a synthetic archive of a million quotes, SQLite and PostgreSQL (writes bench/RESULTS.md).
## BENCH_SCALE=0.01 for a quick run; BENCH_DATABASES=sqlite to skip PostgreSQL.
BENCH_SCALE ?= 1
BENCH_SEED ?= 42
BENCH_DATABASES ?= sqlite,postgresql
bench: $(VENV)/.installed
	$(BIN)/python -m bench --scale $(BENCH_SCALE) --seed $(BENCH_SEED) --databases $(BENCH_DATABASES)

# Production settings for serve and loadtest: SECRET_KEY from the environment, else a local
# one generated once into .secret_key (gitignored). No HTTPS redirect on plain local HTTP;
# behind one TLS-terminating proxy set SECURE_SSL_REDIRECT=true and TRUSTED_PROXIES=1.
SECRET_FILE := .secret_key
WORKERS ?= $(shell echo $$((2 * $$(nproc) + 1)))
PRODUCTION_ENV = DJANGO_ENV=production SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_FILE))}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"

$(SECRET_FILE):
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## Serve with gunicorn and production settings (DEBUG off, WhiteNoise manifest) on http://127.0.0.1:8000
serve: $(VENV)/.installed $(SECRET_FILE)
	$(PRODUCTION_ENV) $(BIN)/python manage.py check --deploy
	$(PRODUCTION_ENV) $(BIN)/python manage.py migrate --no-input
	$(PRODUCTION_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	$(PRODUCTION_ENV) $(BIN)/gunicorn archive.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

## Load test (under a minute, 127.0.0.1 only): wrk on gunicorn while an editor saves (writes bench/LOADTEST.md)
LOADTEST_SCALE ?= 0.1
LOADTEST_PORT ?= 8100
loadtest: $(VENV)/.installed $(SECRET_FILE)
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || \
		echo "wrk is not installed (apt-get install wrk): using the Python load generator."
	$(PRODUCTION_ENV) $(BIN)/python -m bench.loadtest --scale $(LOADTEST_SCALE) --port $(LOADTEST_PORT) --workers $(WORKERS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
