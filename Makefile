# Koperasi Siap Digital: the two commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
# Python keeps compiled modules (__pycache__, ignored by git) unless the environment says not
# to: every test process and server would compile the project again (8 s of each test
# process's start here), so the commands below always keep them.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint format migrate seed bench worker browser clean messages

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "Python 3.11 is needed."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Serves the site with a background task worker beside it (exports, PDFs, closing attempts whose
# time ran out: queued by close_overdue_attempts --schedule); Ctrl-C stops both.
run: seed
	@$(PY) manage.py demo_logins
	@echo "Situs: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@$(PY) manage.py close_overdue_attempts --schedule >.worker.log 2>&1
	@$(PY) manage.py db_worker --interval 1 >>.worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The background task worker alone (production runs it as its own service).
worker: $(STAMP)
	$(PY) manage.py close_overdue_attempts --schedule
	$(PY) manage.py db_worker

# Chromium for the browser tests: Debian's package, installed when missing and possible.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = "0" ] || sudo -n true 2>/dev/null; }; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			sudo=""; [ "$$(id -u)" = "0" ] || sudo="sudo -n"; \
			$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium is missing and cannot be installed here: install Debian's 'chromium' package."; \
		fi; }

# Two processes (pytest-xdist), each with its own test database; TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= 2
test: $(STAMP) browser
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The benchmark (not a timed test): its own database (<name>_bench on PostgreSQL when
# DATABASE_URL is set, else bench/results/bench.sqlite3). Target scale:
#   DATABASE_URL=postgres://... make bench BENCH_ARGS="--large 30000"
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

# For maintainers (needs GNU gettext): refresh the English catalogue from the Indonesian
# source strings, then compile it. Commit both locale/en/LC_MESSAGES/django.po and .mo.
messages: $(STAMP)
	$(PY) manage.py makemessages -l en -e html,txt,py,svg --no-obsolete --ignore=.venv --ignore=bench --ignore=staticfiles --ignore=static --ignore=media --ignore=tests
	$(PY) manage.py compilemessages -l en --ignore=.venv
	$(PY) manage.py compilemessages -l id --ignore=.venv  # locale/id: Wagtail's admin words, kept by hand

clean:
	rm -rf $(VENV) .pytest_cache .test-media
