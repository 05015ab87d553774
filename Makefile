# Two commands on a fresh machine:  make run  (install + the main job)  and  make test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run check test lint browser postgres bench evaluate train clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The main job: the HTTP service and the page (docs/service.md), on RECORDQA_HOST:RECORDQA_PORT.
run: install
	$(BIN)/python -m api

# The command line on the sample record.
check: install
	$(BIN)/recordqa check recordqa/data/sample_visit.txt --record-type visit

# Debian's Chromium for the browser tests: installed when missing and we are root; otherwise
# the browser tests skip with the reason.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null || echo "chromium not installed: browser tests will skip"; \
	else echo "no /usr/bin/chromium and not root: browser tests will skip"; fi

# Debian's PostgreSQL server for the store tests (tests/test_store.py starts its own throwaway
# cluster with initdb + pg_ctl): installed when missing and we are root; otherwise those tests skip.
postgres:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || echo "postgresql not installed: PostgreSQL store tests will skip"; \
	else echo "no PostgreSQL server binaries and not root: PostgreSQL store tests will skip"; fi

test: install browser postgres
	$(BIN)/ruff check recordqa api tests
	$(BIN)/mypy
	$(BIN)/pytest -q

# Every benchmark (overhead ratio, latency, throughput, memory, cost growth), written up in
# bench/RESULTS.md with the machine and the commands. BENCH_ARGS=--quick for a short run;
# BENCH_ARGS="--memory-records 10000" for the long memory run (bench/report.py --help).
bench: install
	$(BIN)/python bench/report.py $(BENCH_ARGS)

evaluate: install
	$(BIN)/recordqa evaluate ../shared/gold/dev.jsonl

train: install
	$(BIN)/recordqa train --out models

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
