# The two fresh-machine commands the README gives: `make serve` and `make test`.
# Everything Python goes into a project virtual environment (.venv/), made with the Python found here:
# Debian's own python3 refuses system-wide installs (PEP 668), and a shared interpreter must not be touched.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = 1
# Debian packages the tests drive: Debian's own Python (the fresh-machine test makes a venv with it), the browser, Vietnamese fonts for its screenshots and PDFs,
# LibreOffice for the spreadsheets and documents, poppler for rendering PDFs to images, the Vietnamese syllable list
# the Word report's printed words are checked against.
TEST_DEBS ?= python3 python3-venv chromium fonts-noto-core libreoffice-calc libreoffice-writer poppler-utils hunspell-vi
SERVE_ADDR ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test test-fast install install-test debs bench bench-data clean-venv

# The venv is remade when it is missing or broken; on a Debian Python without ensurepip, python3-venv is installed first.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "Cần Python 3.11 trở lên (Python >= 3.11 is required); $(PYTHON) is $$($(PYTHON) -V 2>&1)." >&2; exit 2; }
	@rm -rf $(VENV)
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  v=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv python$$v-venv >/dev/null && \
	  $(PYTHON) -m venv $(VENV); }
	@$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -e .

install-test: $(PY)
	$(PIP) install --quiet -e '.[test]'

# Checked package by package (dpkg status), so a machine with chromium but no fonts still gets the fonts.
debs:
	@missing=$$(for p in $(TEST_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

serve: install
	$(PY) -m mkdocs serve --dev-addr $(SERVE_ADDR)

build: install
	$(PY) -m mkdocs build --strict

test: debs install-test
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: install-test
	$(PY) -m pytest -q -m "not browser"

clean-venv:
	rm -rf $(VENV)

# Real Vietnamese prose and syllables for the benchmark's synthetic entries (bench/synth.py).
bench-data:
	@test -f /usr/share/hunspell/vi_VN.dic -a -d /usr/share/libreoffice/help/vi || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends hunspell-vi libreoffice-help-vi >/dev/null; }

bench: debs bench-data install-test
	$(PY) bench/run.py
