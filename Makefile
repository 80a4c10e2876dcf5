# Meedoen: `make run` sets everything up and serves the app; `make test` runs the checks.
# Needs only python3 (3.11) and make.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP := PIP_CONSTRAINT=$(CURDIR)/constraints-build.txt PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY) -m pip install -q
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
MO := locale/en/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.mo

.PHONY: setup run test lint bench messages clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Meedoen needs Python 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not make a virtualenv: on Debian, apt-get install python3-venv"; exit 1; }

$(RUNTIME): requirements.txt constraints-build.txt | $(PY)
	$(PIP) -r requirements.txt
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(PIP) -r requirements-dev.txt
	touch $@

# The compiled translations, remade when a catalogue changes (two test runs at once share them).
$(MO): %.mo: %.po | $(RUNTIME)
	$(VENV)/bin/pybabel compile -d locale -D django

## setup: virtualenv, dependencies, translations, database, demo data and demo accounts (idempotent)
setup: $(RUNTIME) $(MO)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py prepare_guard

## run: setup, then serve on http://127.0.0.1:$(PORT) (residents' links point there too: settings read PORT)
run: setup
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: dev tools, ruff, then the whole pytest suite
test: $(DEV) $(MO)
	$(VENV)/bin/ruff check .
	@# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit 5): failing"; exit 1; fi; exit $$rc

lint: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## bench: run the benchmarks and write bench/RESULTS.md (on PostgreSQL: BENCH_DATABASE_URL; ONLY="imports purge" runs some)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/meedoen
bench: $(DEV)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py $(ONLY)

## messages: extract translatable strings into locale/*/django.po (needs GNU gettext)
messages: $(RUNTIME)
	$(PY) manage.py makemessages -l en -l nl --ignore=.venv --ignore=staticfiles --no-obsolete

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
