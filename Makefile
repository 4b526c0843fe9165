# The two commands: `make serve` and `make test`. Both set up everything on a fresh machine.
VENV    := .venv
PY      := $(VENV)/bin/python
NOTICES := $(VENV)/bin/notices
STAMP   := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 5000

.PHONY: install index watch serve test lint browser fonts bench bench-large bench-anchor bench-curve load clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Incremental: only new and changed files of corpus/ are read again.
index: install
	$(NOTICES) index corpus

# Keeps running: each change of corpus/ is indexed as it lands (beside `make serve`).
watch: install
	$(NOTICES) index corpus --watch

serve: index
	$(NOTICES) serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (installed with apt when it is missing).
browser:
	@test -x /usr/bin/chromium || sh .ci/install-chromium

# A CJK font for the tests that print notices to PDF and scan them (installed with apt when it is missing).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || sh .ci/install-fonts

test: install browser fonts
	$(PY) -m pytest

# ruff and mypy alone, as pyproject.toml configures them (`make test` runs them too: tests/test_lint.py).
lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) bench/run.py --notices 1000 --json

bench-large: $(BENCH_STAMP)
	$(PY) bench/run.py --notices 10000 --json

# The project beside tantivy (Rust) on the same 1,000 notices and query mix: one JSON line.
bench-anchor: $(BENCH_STAMP)
	$(PY) bench/anchor.py --notices 1000

# The scale curve of the README and SCALE.md: 1,000 to 100,000 notices (over an hour; corpora are generated once and reused).
bench-curve: $(BENCH_STAMP)
	for n in 1000 10000 30000 100000; do $(PY) bench/run.py --notices $$n --jieba-sample 20000 --json; done

load: install
	$(PY) bench/load.py --clients 16 --seconds 60

clean:
	rm -rf index screenshots bench/out
