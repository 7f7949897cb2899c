# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test install install-dev sounds perf clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "hamstride needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The audio extra (simpleaudio-patched) compiles against the ALSA headers; without gcc or
# them the app still runs and plays cues through a system player or the terminal bell.
# Another Python: `make install PYTHON=python3.13 VENV=.venv-3.13`.
install: $(PY)
	@$(PIP) install ".[audio,serve]" 2>/dev/null && echo "installed hamstride with simpleaudio" || \
		{ echo "simpleaudio could not be built (on Debian/Ubuntu: sudo apt install gcc libasound2-dev);"; \
		  echo "installing without it: cues will use a system player or the terminal bell"; \
		  $(PIP) install ".[serve]" ; }
	@$(PIP) install --only-binary=rtoml ".[fast]" 2>/dev/null || \
		echo "rtoml has no wheel for this machine: the history is read by tomllib (a slower first open of years of history)"

# Editable, so a plain `pytest` after an edit tests the edited code, not a stale copy.
install-dev: $(PY)
	@$(PIP) install -e ".[audio,dev]" 2>/dev/null && echo "installed hamstride[dev] (editable) with simpleaudio" || \
		{ echo "simpleaudio could not be built (needs gcc, libasound2-dev); audio tests will skip outside CI"; \
		  $(PIP) install -e ".[dev]" ; }

run: install
	$(VENV)/bin/hamstride

test: install-dev
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(PY) -m pytest

# Regenerate sounds/ (tones with stdlib only; voice needs espeak-ng).
sounds: $(PY)
	$(PY) scripts/make_sounds.py

perf: install-dev
	$(PY) -m pytest tests/perf -s -p no:randomly

clean:
	rm -rf $(VENV) .venv-3.* build dist .pytest_cache
