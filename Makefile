# Two entry points: `make demo` (install and run the pipeline on the demo input) and
# `make test` (install with test tools, then lint, type-check and run the test suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SEEDS := $(wildcard ../shared/seeds)
DB ?= newsgraph.duckdb

.PHONY: demo test lint install clean audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/newsgraph run examples/demo $(SEEDS) --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)

lint: install
	$(BIN)/ruff check newsgraph tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

# Known vulnerabilities in the installed dependencies; says so when the vulnerability
# service cannot be reached (no network) rather than failing.
audit: install
	$(BIN)/python scripts/audit.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache test-artifacts
