# Embassy Row: the common commands. `make run` and `make test` work on a fresh
# machine with Python 3.11, pip, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint format migrate demo serve clean

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
	$(BIN)/python manage.py demo_editor

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

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
