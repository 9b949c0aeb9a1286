# NAP Monitor. `make run` sets up and serves the platform; `make test` runs every check.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
VENV := .venv
NAPMON := $(VENV)/bin/napmon
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup install install-dev init test lint format test-postgres load benchmarks clean messages

run: install init ## create the environment, load the NAP dataset, serve on 127.0.0.1:8000
	$(NAPMON) serve --host $(HOST) --port $(PORT)

install: ## install the locked runtime dependencies
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --no-dev

install-dev:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

init: ## migrate and load the built-in dataset (safe to repeat)
	$(NAPMON) init

lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

format: install-dev
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

test: lint ## ruff, the whole suite on SQLite, then the db_engine tests on PostgreSQL
	$(VENV)/bin/pytest
	@if [ -x scripts/test-postgres ]; then scripts/test-postgres -m db_engine; fi

test-postgres: install-dev ## the whole test suite against a throwaway PostgreSQL cluster
	scripts/test-postgres

load: install-dev ## load benchmark of the production server on loopback (short run)
	$(VENV)/bin/python benchmarks/load.py --seconds $(or $(LOAD_SECONDS),10)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

messages: install-dev ## refresh the Urdu catalogue (no line numbers, so branches merge cleanly) and compile it
	cd src/napmon && ../../.venv/bin/django-admin makemessages -l ur --no-location --settings=napmon.settings
	cd src/napmon && ../../.venv/bin/django-admin compilemessages -l ur --settings=napmon.settings
