# CNum Biblio — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench installer installer-check clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/cnum-biblio

demo: $(STAMP)
	$(VENV)/bin/cnum-biblio --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Installers (docs/installers.md): PyInstaller comes from the "build" extra.
BUILD_STAMP := $(VENV)/.installed-build

$(BUILD_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,build]'
	@touch $(BUILD_STAMP)

installer: $(BUILD_STAMP)
	$(PY) installers/build_linux.py

# Unpacks the package in a temporary folder, then runs the frozen cnum-biblio --version and
# cnum-biblio --self-test offscreen; fails when either fails.
installer-check: installer
	QT_QPA_PLATFORM=offscreen $(PY) installers/check_frozen.py -- --version --self-test

clean:
	rm -rf $(VENV) build dist .pytest_cache
