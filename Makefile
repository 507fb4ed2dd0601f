# The two fresh-machine commands the README gives: `make serve` and `make test`.
PYTHON ?= python3
PIP = $(PYTHON) -m pip
export NO_MKDOCS_2_WARNING = 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = 1

.PHONY: serve build test test-fast install install-test chromium bench bench-data

install:
	$(PIP) install --quiet --disable-pip-version-check -e .

install-test:
	$(PIP) install --quiet --disable-pip-version-check -e '.[test]'

# Debian's Chromium for the browser tests; never a browser download by Playwright.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

serve: install
	$(PYTHON) -m mkdocs serve

build: install
	$(PYTHON) -m mkdocs build --strict

test: chromium install-test
	$(PYTHON) -m pytest -q -p no:cacheprovider

test-fast: install-test
	$(PYTHON) -m pytest -q -m "not browser"

# Real Vietnamese prose and syllables for the benchmark's synthetic entries (bench/synth.py).
bench-data:
	@test -f /usr/share/hunspell/vi_VN.dic -a -d /usr/share/libreoffice/help/vi || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends hunspell-vi libreoffice-help-vi >/dev/null; }

bench: chromium bench-data install-test
	$(PYTHON) bench/run.py
