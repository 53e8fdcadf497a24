# Skyddsnät — the only entry points people need.
# `make run` sets everything up and starts the app on SQLite with demo data.
# `make test` sets everything up and runs every test.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: setup system-deps browser-deps run demo test test-rules test-fast lint typecheck security format bench bench-budget bench-pg bench-intake bench-intake-pg bench-indicators bench-load bench-surveys bench-crash smoke backup-check dataset clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

setup: $(STAMP)

# The worker (scheduled jobs: the daily digest; django-q2's qcluster) runs in the background
# beside runserver and stops with it: Ctrl-C reaches both (the shell waits for the worker to
# finish), and when runserver ends otherwise the worker is sent SIGTERM. Its log is
# var/worker.log, the e-mails it sends are files in var/mail/.
run: setup system-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	@mkdir -p var
	@echo "Worker: $(PY) manage.py qcluster (log: var/worker.log, e-mail: var/mail/)"
	@$(PY) manage.py qcluster >var/worker.log 2>&1 & worker=$$!; \
	trap 'wait $$worker 2>/dev/null' INT; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --reset

system-deps:
	scripts/ensure-system-packages pdf

browser-deps:
	scripts/ensure-system-packages pdf browser

test: setup lint typecheck browser-deps
	$(PY) -m pytest

test-rules: setup
	$(PY) -m pytest tests/rules

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports

# mypy with the django-stubs plugin over the rules engine (strict), the services and the modules
# they stand on; the scope and settings are in pyproject.toml ([tool.mypy]).
typecheck: setup
	$(VENV)/bin/mypy

# Static security analysis (bandit, configured in pyproject.toml). pip-audit needs the network
# (the vulnerability database) and is run where CI has it: `pip-audit` in the virtualenv.
security: setup
	$(VENV)/bin/bandit -q -c pyproject.toml -r src

format: setup
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

dataset: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py generate_dataset --reports 100000 --municipalities 10

# Issue 13's benchmarks on the embedded SQLite: the rules engine; then, at 10,000 and 100,000
# generated reports, the work lists and the follow-up page against hand-written SQL
# (bench/pages.py) and every indicator for one municipality-year against its own SQL replayed
# (bench/indicators.py); then intake against a bare insert into a copy of each (bench/intake.py).
# Each dataset is generated once into var/bench-<reports>.sqlite3 (the 100,000 takes about 12
# minutes).
bench: setup
	$(PY) bench/run.py
	$(PY) bench/pages.py --reports 10000
	$(PY) bench/indicators.py --reports 10000
	$(PY) bench/pages.py --reports 100000
	$(PY) bench/indicators.py --reports 100000
	$(PY) bench/intake.py --dataset 10000 $(ARGS)
	$(PY) bench/intake.py --dataset 100000 $(ARGS)

# Every main page as each demo role against a server-time budget of 300 ms (median of 5), on the
# demo data in a throwaway SQLite file (as make run loads it; several minutes): prints each page's
# time, statements and writes, exits non-zero when one is over (bench/budget.py; ARGS="--database
# var/budget.sqlite3" keeps the file and reuses it).
bench-budget: setup
	$(PY) bench/budget.py $(ARGS)

# make bench's pages, indicators and intake on a throwaway PostgreSQL (.ci/with-postgres), one
# server per dataset size.
bench-pg: setup
	.ci/with-postgres sh -c '$(PY) bench/pages.py --reports 10000 && $(PY) bench/indicators.py --reports 10000 --reuse && $(PY) bench/intake.py --dataset 10000 $(ARGS)'
	.ci/with-postgres sh -c '$(PY) bench/pages.py --reports 100000 && $(PY) bench/indicators.py --reports 100000 --reuse && $(PY) bench/intake.py --dataset 100000 $(ARGS)'

# Intake against a bare insert: POST /api/v1/reports about two children against a bare Django
# view inserting one row, both under gunicorn on the same fresh SQLite file, in interleaved
# rounds; prints both, the ratio and the target (>= 50 %; bench/intake.py, about two minutes).
bench-intake: setup
	$(PY) bench/intake.py $(ARGS)

# The same on a throwaway PostgreSQL (.ci/with-postgres).
bench-intake-pg: setup
	.ci/with-postgres $(PY) bench/intake.py $(ARGS)

# Every indicator for one municipality-year on 100,000 generated reports, on a throwaway
# PostgreSQL: compute_indicators against its own SQL run directly (several minutes).
bench-indicators: setup
	.ci/with-postgres $(PY) bench/indicators.py

# A survey's results for 290 municipalities (the demo's Barnbarometer), on a fresh SQLite file.
bench-surveys: setup
	$(PY) bench/surveys.py

# Many people at once against runserver on loopback, on a fresh SQLite file: 20 clients log in,
# then register reports, open work lists and cases for 60 s; exits non-zero on any error
# (bench/load.py; ARGS="--clients 20 --seconds 20"). On PostgreSQL:
#   .ci/with-postgres .venv/bin/python bench/load.py
bench-load: setup
	$(PY) bench/load.py $(ARGS)

# 200 keyed reports from 4 clients while the server is killed (SIGKILL) and restarted: exits
# non-zero on any report lost or stored twice (bench/crash.py). On PostgreSQL:
#   .ci/with-postgres .venv/bin/python bench/crash.py
bench-crash: setup
	$(PY) bench/crash.py $(ARGS)

# Production serving on a throwaway PostgreSQL: gunicorn with production settings after migrate
# and the demo, and a smoke test over HTTP (bench/smoke.py; about a minute; docs/deploy.md).
smoke: setup
	.ci/smoke $(ARGS)

# The backup and restore check on a throwaway PostgreSQL with the demo: pg_dump, pg_restore into
# a fresh database, every table compared, then shown to catch a change (manage.py backup_check).
backup-check: setup
	.ci/backup-check

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
