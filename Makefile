# CNum Biblio — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench venv installer installer-check installer-check-minimal \
	installer-check-windows clean

# Creates .venv with $(PYTHON), or repairs it: a .venv where pip does not run (made without
# Debian's python3-venv, or whose Python was removed) is deleted and made again, and a failed
# creation leaves no .venv behind, so the next `make` starts clean. Says in French what to install.
define ENSURE_VENV
if [ -e $(VENV) ] && ! $(PY) -m pip --version >/dev/null 2>&1; then \
	echo "L'environnement $(VENV) est incomplet (pip n'y fonctionne pas) : il est supprimé et recréé."; \
	rm -rf $(VENV); \
fi; \
if [ ! -e $(VENV) ]; then \
	if ! command -v $(PYTHON) >/dev/null 2>&1; then \
		echo "Python est introuvable ($(PYTHON))." >&2; \
		echo "Sous Debian ou Ubuntu : sudo apt install python3 python3-venv make   puis relancez make." >&2; \
		exit 1; \
	fi; \
	if ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
		echo "CNum Biblio demande Python 3.11 ou plus récent ; $(PYTHON) est la version $$($(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null || echo inconnue)." >&2; \
		echo "Indiquez un autre Python : make PYTHON=python3.11" >&2; \
		exit 1; \
	fi; \
	echo "Création de l'environnement $(VENV) avec $(PYTHON)…"; \
	if ! detail=$$($(PYTHON) -m venv $(VENV) 2>&1) || ! $(PY) -m pip --version >/dev/null 2>&1; then \
		rm -rf $(VENV); \
		echo "Impossible de créer l'environnement $(VENV) : le module venv de Python (avec pip) manque." >&2; \
		echo "Sous Debian ou Ubuntu : sudo apt install python3-venv   puis relancez make." >&2; \
		echo "(Python $$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])') : le paquet peut aussi s'appeler python$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv.)" >&2; \
		if [ -n "$$detail" ]; then echo "Message de Python :" >&2; echo "$$detail" | tail -n 5 | sed 's/^/    /' >&2; fi; \
		exit 1; \
	fi; \
fi
endef

venv:
	@$(ENSURE_VENV)

# A missing or dangling .venv/bin/python (its Python was removed) rebuilds the environment.
$(PY):
	@$(ENSURE_VENV)

$(STAMP): pyproject.toml $(PY)
	@$(ENSURE_VENV)
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
# cnum-biblio --self-test offscreen; fails when either fails. Then, as root with debootstrap,
# the same package on a minimal Debian 12 with only LISEZMOI.txt's packages added
# (installers/check_minimal.py; without root it says so and does not fail).
installer-check: installer
	QT_QPA_PLATFORM=offscreen $(PY) installers/check_frozen.py -- --version --self-test
	$(PY) installers/check_minimal.py --si-possible

# Only the minimal-Debian check, which must run (root and debootstrap needed).
installer-check-minimal: installer
	$(PY) installers/check_minimal.py

# The Windows installer script compiled by the real Inno Setup (npm package innosetup) under
# wine, installed and uninstalled silently per user (about 45 s; Debian: wine wine32 xvfb npm).
installer-check-windows: $(STAMP)
	$(PY) installers/check_windows.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
