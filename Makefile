# The README's commands. Everything installs into .venv; nothing is installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_DEV := $(VENV)/.stamp-dev
PYTEST_ARGS ?=
# pytest-xdist workers: one per core (the suite is safe in parallel; see CONTRIBUTING.md)
PYTEST_WORKERS ?= auto
# worksteal: each worker starts on its own contiguous half of the suite (so a module's
# shared fixtures are built once per worker) and an idle worker takes tests from the
# other's queue (so the run does not end with one worker alone on a tail of slow tests).
PYTEST_DIST ?= worksteal

.PHONY: run test check lint typecheck bench clean install dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
dev: $(STAMP_DEV)

## make run: install into .venv and run the main job on SQLite
run: $(STAMP_RUN)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/runstrong serve --demo

## make test: install dev dependencies and run the whole suite in parallel (pytest-xdist)
# Bytecode is written even where the shell sets PYTHONDONTWRITEBYTECODE: without it pytest
# recompiles every test module in each worker (about 7 s of CPU a run; CONTRIBUTING.md).
test: $(STAMP_DEV)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(BIN)/ruff check --no-cache src tests benchmarks scripts
	$(BIN)/ruff format --no-cache --check src tests benchmarks scripts

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

## make check: ruff + mypy + tests
check: lint typecheck test

## make bench: print the benchmark figures (see docs/benchmarks.md)
bench: $(STAMP_DEV)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
