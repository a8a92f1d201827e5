# communique: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Keep progress bars and pip chatter quiet on CI; nothing is downloaded at run time.
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help setup run test unit notebooks execute evaluate benchmark lab lock clean

help:
	@echo "make run    execute every notebook on the sample corpus into outputs/"
	@echo "make test   unit tests and notebook tests (what CI runs)"
	@echo "make lab    open JupyterLab on the project kernel"
	@echo "make execute  re-execute the committed notebooks in place (after changing lib/ or a notebook)"
	@echo "make evaluate   accuracy against the gold sets (communique evaluate)"
	@echo "make benchmark  speed, cache and memory of the annotator; similarity of 10,000 statements"

setup: $(STAMP)

# The venv, the pinned packages, the package itself (editable) and the `python3`
# kernel inside the venv, so papermill, nbval and JupyterLab all use this environment.
$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)"; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "$(PYTHON) is not Python 3.11"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (communique)" >/dev/null
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/communique run

test: unit notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

# nbval re-executes each committed notebook and compares its outputs cell by cell;
# COMMUNIQUE_QUIET keeps progress bars out of outputs.
notebooks: $(STAMP)
	COMMUNIQUE_QUIET=1 COMMUNIQUE_HEADLESS=1 $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider notebooks

execute: $(STAMP)
	COMMUNIQUE_QUIET=1 COMMUNIQUE_HEADLESS=1 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --NotebookClient.record_timing=False notebooks/[0-9][0-9]_*.ipynb

evaluate: $(STAMP)
	$(BIN)/communique evaluate

benchmark: $(STAMP)
	$(BIN)/python benchmarks/annotate.py
	$(BIN)/python benchmarks/similarity.py

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

# Re-resolve the newest allowed versions and rewrite the lock (review the diff!).
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet pip==26.3 && build/lock-venv/bin/python -m pip install --quiet -e ".[test]"
	{ echo "# Exact versions of every package the project installs (direct and transitive)."; \
	  echo "# Used as pip constraints by the Makefile. Regenerate with: make lock"; \
	  build/lock-venv/bin/python -m pip freeze --exclude-editable | sort -f; } > requirements.lock

clean:
	rm -rf outputs .pytest_cache
