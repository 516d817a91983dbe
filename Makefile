# Set-up and everyday commands. `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch: on this kind of machine pip takes it from local disk.
# Elsewhere, point pip at a CPU wheel index, e.g. make TORCH_PIP_ARGS="--index-url <cpu index>".
TORCH_SPEC ?= torch==2.13.0
TORCH_PIP_ARGS ?=
STAMP := $(VENV)/.installed

.PHONY: install run test check lint typecheck system-deps translations model bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH_PIP_ARGS) "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	@if [ -x scripts/compile-translations.sh ]; then scripts/compile-translations.sh $(BIN); fi

# Debian packages the browser tests need (chromium). Installed when we are root and they are missing.
system-deps:
	@scripts/system-deps.sh

model: install
	$(BIN)/workbench model build

run: install
	$(BIN)/workbench serve --host 127.0.0.1 --port $${PORT:-5000}

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

test: install system-deps lint typecheck
	$(BIN)/python -m pytest

bench: install
	for b in bench/*.py; do case $$b in */__init__.py) ;; *) $(BIN)/python -m bench.$$(basename $$b .py);; esac; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
