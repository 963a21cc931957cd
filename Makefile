# Every command a developer or CI needs. `make test` installs everything the tests need
# (venv, Python packages, Debian packages, npm tools) on a fresh machine, then runs the suite.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
NPM_PREFIX := $(CURDIR)/.tools/npm
DEBIAN_PACKAGES := php-cli php-laravel-framework chromium chromium-driver

.PHONY: help venv bytecode system-deps npm-tools lint typecheck test test-fast demo bench bench-quick bench-peers fuzz clean

help:
	@echo "make demo   - create the venv, install, check the bundled example project"
	@echo "make test   - install everything the tests need, run lint + the whole suite"
	@echo "make bench  - benchmarks, results in bench/RESULTS.md (make bench-quick: sizes 100 and 1k)"
	@echo "make fuzz   - the long fuzzing run (100,000 cases)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Bytecode for our sources and the venv, as a pip (non-editable) install would leave it. An
# editable install in an environment with PYTHONDONTWRITEBYTECODE set otherwise recompiles every
# module on every run (~0.25 s), which the benchmarks would wrongly count as the tool's start-up.
bytecode: venv
	$(PY) -m compileall -q -j 0 src/manifest_lint $(VENV)/lib >/dev/null

# Debian packages for the oracle lane (real Laravel router) and the browser check.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The SARIF SDK's validator, from the npm registry, kept inside the checkout.
npm-tools:
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	@test -x $(NPM_PREFIX)/node_modules/.bin/sarif-multitool || \
	  (mkdir -p $(NPM_PREFIX) && npm install --silent --no-audit --no-fund --prefix $(NPM_PREFIX) @microsoft/sarif-multitool >/dev/null)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: venv system-deps npm-tools lint
	CI=$${CI:-1} SARIF_MULTITOOL=$(NPM_PREFIX)/node_modules/.bin/sarif-multitool \
	  $(BIN)/python -m pytest -n 2 -q -p no:cacheprovider tests; \
	  status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

test-fast: venv
	$(BIN)/python -m pytest -q -x -m "not oracle and not browser and not slow" tests

demo: bytecode
	$(BIN)/manifest-lint export examples/laravel-app
	cd examples && ../$(BIN)/manifest-lint check; test $$? -le 1

# The peers (semgrep, ast-grep) get their own venv: semgrep pins libraries the tool also uses.
PEERS_VENV := bench/work/peers
$(PEERS_VENV)/.installed:
	$(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install --quiet 'semgrep>=1.80' 'ast-grep-cli>=0.30'
	touch $@

bench-peers: $(PEERS_VENV)/.installed

bench: bytecode system-deps bench-peers
	$(PY) bench/run.py

bench-quick: bytecode system-deps bench-peers
	$(PY) bench/run.py --quick

fuzz: venv
	$(BIN)/python -m pytest -n 2 -q -p no:cacheprovider tests/fuzz --fuzz-cases=100000

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache
