# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
ASSETS := frontend/static/vendor/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install assets lint migrate seed lock bench clean

run: install assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Portal:  http://$(HOST):$(PORT)/      API docs: http://$(HOST):$(PORT)/api/docs/      Admin: http://$(HOST):$(PORT)/admin/"
	@echo "Sign in with one of the demo logins above."
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install assets lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c requirements.lock ".[dev]"
	touch $@

# Front-end packages come from the npm registry (package-lock.json is committed) and are copied
# into static files; none of their code is kept in git.
assets: $(ASSETS)

$(ASSETS): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p frontend/static/vendor
	cp node_modules/@picocss/pico/css/pico.min.css node_modules/htmx.org/dist/htmx.min.js \
	   node_modules/chart.js/dist/chart.umd.min.js frontend/static/vendor/
	touch $@

# Re-pin every Python dependency after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet ".[dev]"
	.venv-lock/bin/pip freeze --exclude dealer-portal > requirements.lock
	rm -rf .venv-lock

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

clean:
	rm -rf $(VENV) node_modules frontend/static/vendor staticfiles db.sqlite3*

# Benchmarks print figures (they assert nothing); they need PostgreSQL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/settlements.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/leads.py
