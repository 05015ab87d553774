# Two commands on a fresh machine:  make run  (install + the main job)  and  make test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint evaluate train clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The main job: analyse the sample record (the service replaces this in issue 4).
run: install
	$(BIN)/recordqa check recordqa/data/sample_visit.txt --record-type visit

test: install
	$(BIN)/ruff check recordqa tests
	$(BIN)/mypy
	$(BIN)/pytest -q

evaluate: install
	$(BIN)/recordqa evaluate ../shared/gold/dev.jsonl

train: install
	$(BIN)/recordqa train --out models

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
