# Two commands for a newcomer: `make lab` and `make test`. Both set everything up first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.labkit-installed
PYTEST := $(PY) -m pytest

.PHONY: lab test stress install serve reset figures student bench clean notebooks

lab: install
	$(PY) -m labkit lab

# The linter, every unit and contract test (and the contract suite's negative control against
# plain moto), the wheel-install test, then strict nbval over the committed notebook outputs.
# Every test has a time bound (pytest-timeout, pyproject.toml); skip reasons are printed (-rs).
test: install
	bash tools/test-deps.sh
	$(PY) -m ruff check .
	env -u LABKIT_ENDPOINT -u AWS_ENDPOINT_URL -u LABKIT_MODE $(PYTEST) -n 2 --dist loadfile -rfEs \
	  --durations=8 --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

# `make test` with two CPU-bound processes beside it; prints the result and how long it took.
stress: install
	bash bench/stress.sh

install: $(STAMP)

# tools/install.sh: the same script the classroom image (classroom/Dockerfile) runs.
$(STAMP): pyproject.toml requirements.lock tools/install.sh
	bash tools/install.sh $(VENV)
	touch $(STAMP)

serve: install
	$(PY) -m labkit serve

student: install
	$(PY) -m labkit student

reset: install
	$(PY) -m labkit reset

figures: install
	$(PY) -m labkit figures

bench: install
	for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV)

# Maintainers: the lessons' one source is tools/src/NN_tema.py (jupytext py:percent); this rebuilds
# every notebook from it and stores its outputs (then review the diff). `make notebooks NB=02` for one.
NB ?=
notebooks: install
	$(PY) tools/nbbuild.py fmt
	for src in tools/src/$(NB)*.py; do n=$$(basename $$src .py); echo "== $$n"; \
	  env -u LABKIT_ENDPOINT -u AWS_ENDPOINT_URL PATH=$(CURDIR)/$(VENV)/bin:$$PATH \
	  $(PY) tools/nbbuild.py build $$src notebooks/$$n.ipynb || exit 1; done
