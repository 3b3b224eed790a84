# smartplan developer tasks. Every target sets up .venv itself on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PLAN   ?= plans/kotim

.PHONY: demo test lint format golden bench fuzz clean messages

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## demo: set up, then validate, prioritise and render the example plan, and its 2024 monev report
demo: $(BIN)/.installed
	$(BIN)/smartplan validate $(PLAN)
	$(BIN)/smartplan prioritize $(PLAN) --top 15
	$(BIN)/smartplan render $(PLAN) --format all
	$(BIN)/smartplan evaluate $(PLAN) --year 2024
	$(BIN)/smartplan render $(PLAN) --report monev --year 2024 --format all
	$(BIN)/smartplan render $(PLAN) --report monev --year 2024 --lang en --format all

## test: set up, then run the linters and the whole test suite (on every core)
test: lint
	$(BIN)/python -m pytest -n auto --dist loadfile

## lint: ruff (rules and format), import-linter (the layers), mypy (the types), the catalogs current
lint: $(BIN)/.installed
	$(BIN)/ruff check smartplan tests tools hatch_build.py
	$(BIN)/ruff format --check smartplan tests tools hatch_build.py
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python tools/messages.py check

## messages: extract the messages into smartplan/locale/smartplan.pot, update each .po, compile the .mo
messages: $(BIN)/.installed
	$(BIN)/python tools/messages.py all

format: $(BIN)/.installed
	$(BIN)/ruff format smartplan tests tools
	$(BIN)/ruff check --fix smartplan tests tools

## golden: rewrite the render golden files after an intended change
golden: $(BIN)/.installed
	SMARTPLAN_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/render tests/test_ci_formats.py::test_docs_rules_md_is_current -q

## bench: the performance benchmark (prints figures and ratios; see tests/benchmarks/README.md)
bench: $(BIN)/.installed
	$(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

## fuzz: coverage-guided fuzzing of loader and validate for FUZZ_TIME seconds (atheris)
FUZZ_TIME ?= 1800
FUZZ_DIR  ?= /tmp/smartplan-fuzz
fuzz: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet atheris==2.3.0
	mkdir -p $(FUZZ_DIR)/corpus
	$(BIN)/python tests/fuzz/fuzz_validate.py -max_total_time=$(FUZZ_TIME) -max_len=16384 \
	  -timeout=20 -rss_limit_mb=2048 -dict=tests/fuzz/yaml.dict \
	  -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus tests/fuzz/corpus

clean:
	rm -rf $(VENV) build dist $(PLAN)/build .pytest_cache .ruff_cache
