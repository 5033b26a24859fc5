# The two commands of the README's quick start, and CI's entry point.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-python test-vscode bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Set up tflint and lint the example training scripts (exit 1 = findings, as expected).
demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/tflint examples/ || [ $$? -eq 1 ]

# Set up everything the tests need and run the whole suite.
test: test-python test-vscode

test-python: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,probe]'
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

test-vscode: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . 'matplotlib>=3.7'  # the probe-report scenario draws a report's plots
	TFLINT_E2E_PYTHON=$(abspath $(BIN)/python) bash vscode-extension/scripts/ci-e2e.sh

bench: $(BIN)/python
	$(BIN)/python bench/run.py
