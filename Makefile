# motcua — two commands: `make run` (demo on SQLite at http://127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MOTCUA := $(VENV)/bin/motcua
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= motcua.settings.dev

# The first interpreter >= 3.12 found: python3.13, python3.12, pyenv's 3.13.x/3.12.x, python3.
find_python = $(shell for c in python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 2>/dev/null) python3; do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	    command -v $$c; break; fi; done)

.PHONY: help run test check lint typecheck migrate demo messages messages-update messages-check \
	clean pdf-system-packages browser-system-packages

help:
	@echo "make run    serve the demo province at http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   run the whole test suite (DATABASE_URL picks the database)"
	@echo "make check  ruff, mypy, import-linter and the migrations check"
	@echo "make messages-update  add new msgids to the Vietnamese catalogue (then translate them)"
	@echo "make messages-check   the catalogue is complete, translated and compiled"

$(STAMP): requirements.txt pyproject.toml
	@PYTHON="$(call find_python)"; \
	if [ -z "$$PYTHON" ]; then \
	  echo "motcua needs Python 3.12 or newer and none was found."; \
	  echo "Install python3.13 or python3.12 (apt, pyenv or python.org) and run make again."; \
	  exit 1; fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	  rm -rf $(VENV); echo "Creating $(VENV) with $$PYTHON"; "$$PYTHON" -m venv $(VENV); fi
	@# Some machines' pip configuration names local package folders that may be absent; pip
	@# warns about each one for every package. Those lines are dropped, real errors are not.
	set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 \
	  | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
	  | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	@touch $(STAMP)

# Translations: English msgids in the code and templates, the Vietnamese catalogue in
# $(VI_CATALOGUE).po. `make messages-update` adds new msgids (translations are kept; a changed
# msgid comes back fuzzy); translate every empty or fuzzy entry, then `make messages-check`.
VI_CATALOGUE := src/motcua/locale/vi/LC_MESSAGES/django
MAKEMESSAGES := makemessages --locale vi --ignore "*/tests/*" --ignore "*/migrations/*" \
	--add-location file --no-obsolete

# msgfmt (gettext) compiles the catalogue; without it polib writes an equivalent .mo.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null; then \
	  cd src/motcua && ../../$(PY) -m django compilemessages --verbosity 0; \
	else \
	  $(PY) -c 'import polib; polib.pofile("$(VI_CATALOGUE).po").save_as_mofile("$(VI_CATALOGUE).mo")'; \
	fi

messages-update: $(STAMP)
	cd src/motcua && ../../$(PY) -m django $(MAKEMESSAGES)

messages-check: $(STAMP) messages
	DJANGO_SETTINGS_MODULE=motcua.settings.test $(PY) -m pytest -q -m translations src/motcua/core/tests

migrate: $(STAMP) messages
	$(MOTCUA) migrate --no-input --verbosity 0

demo: migrate
	$(MOTCUA) demo load

run: demo pdf-system-packages
	$(MOTCUA) collectstatic --no-input --verbosity 0
	@$(MOTCUA) demo accounts --host $(HOST) --port $(PORT)
	$(MOTCUA) runserver $(HOST):$(PORT)

test: $(STAMP) messages pdf-system-packages browser-system-packages
	DJANGO_SETTINGS_MODULE=motcua.settings.test $(PY) -m pytest -q $(PYTEST_ARGS)

# Official forms (WeasyPrint) need Liberation Serif (Times New Roman metrics) and HarfBuzz's
# subsetter; their tests read PDFs back with poppler. Signed results are checked against
# poppler's pdfsig, which reads trust from an NSS database made with certutil (libnss3-tools).
# Installed with apt when running as root.
pdf-system-packages:
	@missing=""; \
	fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing="$$missing fonts-liberation2"; \
	{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q "libharfbuzz-subset.so.0" || \
	  missing="$$missing libharfbuzz-subset0"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v certutil >/dev/null || missing="$$missing libnss3-tools"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing$$missing for PDF documents"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	  else \
	    echo "note: PDF documents need the Debian packages$$missing:"; \
	    echo "      sudo apt-get install$$missing   (until then the PDF tests are skipped)"; \
	  fi; \
	fi

# The browser journeys (pytest -m browser) drive Debian's Chromium through Playwright; Playwright
# never downloads a browser of its own. Installed with apt when running as root.
browser-system-packages:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing chromium for the browser journeys"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "note: the browser journeys need Debian's chromium:"; \
	    echo "      sudo apt-get install chromium   (until then they are skipped; CI fails)"; \
	  fi; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check src bench
	$(VENV)/bin/ruff format --check src bench

typecheck: $(STAMP)
	DJANGO_SETTINGS_MODULE=motcua.settings.test $(VENV)/bin/mypy

check: lint typecheck $(STAMP)
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=motcua.settings.test $(MOTCUA) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/ staticfiles/
