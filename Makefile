# Everything a developer or CI types: make build, make test, make serve, make bench.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
ZENSICAL_STAMP := $(VENV)/.zensical-stamp

.PHONY: build pdf serve test lint bench system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The benchmark's extras (check-jsonschema, pyinstrument), on top of the dev install.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# The optional Zensical engine: installed for the tests under CI=true, where its tests must run.
$(ZENSICAL_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,zensical]'
	touch $(ZENSICAL_STAMP)

# Node tools for the test suite only (axe-core); the site itself needs no Node.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## build: validate the procedures and build site/ atomically, checklist PDFs included
build: $(STAMP) system-deps
	$(BIN)/handbook build --site-dir site

## serve: live preview on http://127.0.0.1:8000 (local only)
serve: $(STAMP)
	$(BIN)/handbook serve

## pdf: rewrite only the checklist PDFs of an already built site/
pdf: $(STAMP) system-deps
	$(BIN)/handbook pdf --site-dir site

## system-deps: Debian packages the build and tests need (CJK fonts for PDFs, Chromium)
system-deps:
	bash scripts/ensure-system-deps.sh

## lint: ruff and mypy --strict
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

## test: lint, then the whole suite (browser tests included); pytest's temporary folders go to
## .pytest-tmp/ (emptied at the start of each run), not the system's temporary folder
test: $(STAMP) $(BENCH_STAMP) system-deps $(NODE_STAMP) lint
	if [ "$${CI:-}" = "true" ]; then $(MAKE) --no-print-directory $(ZENSICAL_STAMP); fi
	$(BIN)/python -m pytest --basetemp=.pytest-tmp

## bench: build-cost benchmark at 100, 1,000 and 10,000 procedures (bench/results.json);
## BENCH_ARGS passes options, e.g. make bench BENCH_ARGS="--sizes 100,1000" or BENCH_ARGS=--quick
bench: $(BENCH_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules site .pytest_cache .pytest-tmp .mypy_cache .ruff_cache
