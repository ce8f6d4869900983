# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test test-suite lint bench check-python packages-run packages-test clean translations messages

# The interface's translations: the .po files are kept in the repository, the .mo files are compiled
# from them here (make run and make test do it), so a fresh clone never serves stale ones.
PO_FILES := $(wildcard views/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

$(BIN)/python: | check-python
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment. On Debian: sudo apt-get install python3-venv"; exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	@touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[postgres,test]'
	@touch $@ $(VENV)/.installed-app

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "COP Roadmap needs Python 3.11 or newer as '$(PYTHON)'. On Debian: sudo apt-get install python3 python3-venv"; exit 1; }

# The Debian packages (Pango, fonts, and for the tests Chromium, Java and Ceph): installed when this runs as
# root or with passwordless sudo; otherwise the script prints the apt-get command to run, and make stops.
packages-run:
	@PYTHON=$(PYTHON) scripts/system-packages run

packages-test:
	@PYTHON=$(PYTHON) scripts/system-packages test

run: packages-run $(VENV)/.installed-app translations
	$(BIN)/cop-roadmap init-db
	$(BIN)/cop-roadmap seed-demo
	@echo
	@echo "  COP Roadmap is starting on http://$(HOST):$(PORT)"
	@echo "  Sign in as editor@example.org with the password demo-password"
	@echo "  (also admin@, adviser@ and viewer@example.org, same password)."
	@echo
	@# The job worker prints PDFs beside the server, and stops with it.
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/cop-roadmap worker & worker=$$!; \
	  COP_ROADMAP_SESSION_COOKIE_SECURE=false $(BIN)/cop-roadmap run --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check --output-format concise .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive roadmap models views --severity-level high

# The suite runs on every core (one test file per worker at a time); the Schemathesis module then runs
# on its own, because its cases do not run inside a parallel worker.
TEST_WORKERS ?= auto
# scripts/test-services starts PostgreSQL, Redis and the S3 server where they are installed and prints the
# suite's environment (TEST_DATABASE_URL when PostgreSQL answers, TEST_S3_* when the S3 server does), which
# the inner make exports to pytest: variables given on make's command line reach the commands it runs.
test: packages-test $(VENV)/.installed-test lint translations
	@$(MAKE) --no-print-directory test-suite $$(scripts/test-services)

test-suite:
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile
	$(BIN)/python -m pytest tests/views/api/test_api_openapi.py

bench: packages-run $(VENV)/.installed-test translations
	$(BIN)/python -m bench

translations: $(MO_FILES)

views/translations/%/LC_MESSAGES/messages.mo: views/translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed-app
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

# After adding or changing strings: extract them again and merge them into every language's catalog;
# the new entries then wait for a translator (tests/views/test_translations.py fails until they have one).
messages: $(VENV)/.installed-app
	$(BIN)/pybabel extract -w 120 -F babel.cfg -k _l -k N_ -k lazy_gettext --no-location --sort-output \
	  --project cop-roadmap -o views/translations/messages.pot .
	$(BIN)/pybabel update -w 120 --no-fuzzy-matching --ignore-obsolete -i views/translations/messages.pot -d views/translations


clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts build *.egg-info
