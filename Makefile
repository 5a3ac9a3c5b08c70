# Two commands matter: `make demo` (ingest the sample corpus and serve the dashboard over it) and
# `make test` (the whole suite).
# Both create .venv and install everything on a fresh machine with only Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///overtures.db
PORT ?= 8000

.PHONY: demo test install lint typecheck chromium clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/overtures --db $(DB) ingest examples/corpus
	$(BIN)/overtures --db $(DB) stats
	$(BIN)/overtures --db $(DB) serve --host 127.0.0.1 --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

chromium:
	scripts/chromium.sh

# The tests run on SQLite and on a throwaway PostgreSQL server (installed from Debian packages if missing);
# OVERTURES_REQUIRE_BROWSER: the browser tests fail, rather than skip, when chromium is missing.
# pytest-xdist spreads them over the cores (at most 4 workers: each loads the model and the sample corpus).
test: $(STAMP) lint typecheck chromium
	OVERTURES_REQUIRE_BROWSER=1 scripts/postgres.sh run $(BIN)/pytest -n auto --maxprocesses 4

clean:
	rm -rf $(VENV) overtures.db overtures.db-wal overtures.db-shm .pytest_cache .mypy_cache .ruff_cache
