# ccm-review: `make build` and `make test` set themselves up on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed

.DEFAULT_GOAL := help
.PHONY: help build check test lint ci bench doc-images clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

build: $(INSTALLED) ## Check the sections and write build/review-document.docx and .html
	$(BIN)/ccm-review build

check: $(INSTALLED) ## Check the sections against the template (strict, as for a submission)
	$(BIN)/ccm-review check --strict

test: $(TEST_INSTALLED) ## Run the whole test suite (checkers missing on this machine are skipped)
	@# pytest exits 5 when it collected no test: a suite that ran nothing has not passed.
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(TEST_INSTALLED) ## Ruff and mypy over the package
	$(BIN)/ruff check ccm_review tests
	$(BIN)/mypy

ci: ## Install the independent checkers, then run the suite with all of them required
	scripts/install-checkers
	CCM_REQUIRE_EXTERNAL=1 $(MAKE) test

BENCH_INSTALLED := $(VENV)/.bench-installed

$(BENCH_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@

bench: $(BENCH_INSTALLED) ## Time check and build at 1x, 10x and 100x the shipped content, beside pandoc
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

doc-images: $(INSTALLED) ## Regenerate the pictures in docs/images (needs what make ci installs)
	$(BIN)/python scripts/doc-images.py

clean: ## Remove build outputs and the virtual environment
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache
