# jixiao — two promises: `make demo` and `make test` work on a fresh machine with only Python.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= warehouse
YEARS_HOME ?= warehouse-years
YEARS_INPUT ?= warehouse-years-input
export DO_NOT_TRACK := 1
export DAGSTER_DISABLE_TELEMETRY := 1
export GX_ANALYTICS_ENABLED := false
export UV_PYTHON_DOWNLOADS := never
# Compile bytecode at install: this environment sets PYTHONDONTWRITEBYTECODE, so otherwise every load,
# dbt subprocess and parse worker recompiles dagster/dbt/GX from source (~25 s per load).
export UV_COMPILE_BYTECODE := 1

.PHONY: setup demo test serve clean help

help:
	@echo "make demo   set up, load the bundled sample forms, print the summary, findings and status"
	@echo "make test   set up and run the whole test suite"
	@echo "make serve  open the Dagster UI on http://127.0.0.1:3000 for HOME_DIR ($(HOME_DIR))"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

# The lock file pins every package; uv installs it in seconds (pip's resolver takes minutes here).
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

setup: $(VENV)/.installed
	$(BIN)/python -c "from orchestration.dbt.project import ensure_manifest; ensure_manifest()"

demo: setup
	$(BIN)/jixiao load data/sample --home $(HOME_DIR)
	$(BIN)/jixiao findings --home $(HOME_DIR)
	$(BIN)/jixiao status --home $(HOME_DIR)
	@echo
	@echo "== multi-year demo: 600 synthetic forms, 2019-2023, 5% with an injected contradiction =="
	$(BIN)/jixiao synth --forms 600 --years 2019-2023 --error-rate 0.05 --out $(YEARS_INPUT)
	$(BIN)/jixiao load $(YEARS_INPUT)/20* --home $(YEARS_HOME)
	@echo "trend report: $(abspath $(YEARS_HOME))/reports/trends.html"

test: setup
	$(BIN)/pytest -q

serve: setup
	JIXIAO_HOME=$(abspath $(HOME_DIR)) DAGSTER_HOME=$(abspath $(HOME_DIR))/dagster \
	  $(BIN)/jixiao serve --home $(HOME_DIR)

clean:
	rm -rf $(HOME_DIR) $(YEARS_HOME) $(YEARS_INPUT) dbt_project/target dbt_project/logs .pytest_cache
