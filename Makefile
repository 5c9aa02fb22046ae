# jianfu — make run: try the bot on the playground; make test: every check CI runs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: run test lint typecheck pytest eval bench docs clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/jianfu run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy policies bot handlers

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

# Regenerate docs/configuration.md and docs/commands.md after changing settings, commands,
# the CLI or an adapter's ENV_VARS (tests/test_docs.py fails until you do).
docs: $(STAMP)
	$(BIN)/python -m bot.docs_gen

eval: $(STAMP)
	$(BIN)/jianfu eval $(CORPUS)/dev_messages.jsonl
	$(BIN)/jianfu eval-conversations $(CORPUS)/dev_conversations.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_classify.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
