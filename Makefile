# The two commands of the README. Both create .venv when missing and
# reinstall only when pyproject.toml changed, so the second run is fast.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: run test lint bench i18n clean

run: $(VENV)/.installed-run
	@echo "make run: indexing knowledge/ (only what changed), then Telegram if TELEGRAM_BOT_TOKEN is set, else a chat in this terminal."
	@$(PY) ingest.py || echo "Some documents could not be indexed (see above); serving the rest."
	@$(PY) -m bot run

test: $(VENV)/.installed-test
	$(PY) -m pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check bot tests bench ingest.py
	$(VENV)/bin/ruff format --check bot tests bench ingest.py

bench: $(VENV)/.installed-test
	$(PY) bench/retrieval.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# torch==2.13.0 (in the [st] extra, pulled by [test]) is the CPU build on disk.
$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

# After adding or changing a message in the code: refresh the catalogs, then
# translate the new entries in bot/locales/{ar,fr}/LC_MESSAGES/messages.po.
i18n: $(VENV)/.installed-test
	$(VENV)/bin/pybabel extract -F babel.cfg -k translate:2 -o bot/locales/messages.pot --no-location \
		--project terress-delegate-assistant --version 0.1.0 .
	$(VENV)/bin/pybabel update -i bot/locales/messages.pot -d bot/locales --no-fuzzy-matching

clean:
	rm -rf $(VENV) data .pytest_cache
