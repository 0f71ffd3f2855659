# Ridealong: `make demo` runs it, `make test` tests it. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/pytest

.PHONY: install demo run test test-postgres test-browser lint format migrations-check check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Migrates, loads the demo company into an empty database, serves at http://127.0.0.1:8000
# (another port: make demo PORT=8001). A second run reuses everything and starts in seconds.
demo: install
	$(BIN)/ridealong demo $(if $(PORT),--port $(PORT))

run: demo

# The whole suite on SQLite, browser tests included (skipped, with the reason, without Chromium).
test: install
	$(PYTEST) -q

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PYTEST) -m "not browser" -q

test-browser: install
	$(PYTEST) -m browser -q

# ruff; the apps' layers (import-linter's contract, then the checks an import graph cannot see:
# no app reached through a string; see ARCHITECTURE.md); mypy with django-stubs.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PYTEST) -q tests/test_architecture.py
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/ridealong makemigrations --check --dry-run

check: lint migrations-check test

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
