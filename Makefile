# Dossier — the two commands a new machine needs: `make run` and `make test`.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
DEMO      ?= $(HOME)/.local/share/Dossier/demo.db
APT_TEST  := xvfb xauth age poppler-utils qpdf libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
             libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
             libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
APT_RUN   := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 \
             libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
             libxcb-render-util0 libxcb-image0

.PHONY: run demo test test-reliability test-dist bench lint dist clean sysdeps sysdeps-test

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(TESTSTAMP): $(STAMP)
	$(BIN)/pip install -q -e ".[test]"
	touch $@

# System libraries Qt needs (and, for the tests, xvfb, the age CLI, poppler and qpdf).
# Installed only where apt-get exists and something is missing.
sysdeps:
	@bash .ci/sysdeps.sh $(APT_RUN)

sysdeps-test:
	@bash .ci/sysdeps.sh $(APT_TEST)

run: $(STAMP) sysdeps
	$(BIN)/dossier

demo: $(STAMP) sysdeps
	@test -f "$(DEMO)" || { mkdir -p "$$(dirname "$(DEMO)")"; \
	  echo "Creating the demo store at $(DEMO); its passphrase is: demo"; \
	  DOSSIER_PASSPHRASE=demo DOSSIER_KDF_FAST=1 $(BIN)/dossier demo "$(DEMO)"; }
	DOSSIER_PASSPHRASE=demo $(BIN)/dossier gui "$(DEMO)"

test: $(TESTSTAMP) sysdeps-test
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen DOSSIER_KDF_FAST=1 $(BIN)/pytest -q -n 2 -m "not slow" tests

test-reliability: $(TESTSTAMP) sysdeps-test
	QT_QPA_PLATFORM=offscreen DOSSIER_KDF_FAST=1 DOSSIER_RELIABILITY=full $(BIN)/pytest -q -m "slow or attack" tests

test-dist: $(TESTSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -s -m slow tests/test_dist.py

bench: $(TESTSTAMP) sysdeps-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run_all

dist: $(STAMP)
	$(BIN)/pip install -q -e ".[dist]"
	$(BIN)/pyinstaller --noconfirm --clean build.spec

lint: $(TESTSTAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/lint-imports

clean:
	rm -rf build dist .pytest_cache .ruff_cache
