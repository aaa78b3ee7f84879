# Two commands do everything on a fresh machine (Debian, Python 3.11, Node 20):
#   make serve   build and serve the site on http://127.0.0.1:8000 with live reload
#   make test    run every test (library, strict build, real browser)
#   make offline a copy that opens from the file system (double-click index.html), also as a .zip
# Set-up (virtual environment, Python packages, `npm ci`, Debian packages: the GL libraries Skia
# links to, chromium for the browser tests) happens on demand and only when its inputs changed.

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
# Silence the toolchain's "MkDocs 2.0" banners (Material, and mkdocs-gen-files via properdocs).
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible output: sitemap dates and PDF metadata do not depend on the build time.
export SOURCE_DATE_EPOCH ?= 1767225600

.PHONY: serve build offline test bench lighthouse figures setup system-deps figure-deps clean

serve: $(VENV)/.installed node_modules/.installed figure-deps
	$(VENV)/bin/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.installed node_modules/.installed figure-deps
	$(VENV)/bin/mkdocs build --strict

# The offline copy: pages as page.html instead of page/ (links work from file://), search from
# scripts instead of fetched JSON (scripts/search_index.py, scripts/search-loader.js).
OFFLINE_DIR := site-offline
offline: $(VENV)/.installed node_modules/.installed figure-deps
	USE_DIRECTORY_URLS=false $(VENV)/bin/mkdocs build --strict -d $(OFFLINE_DIR)
	rm -f activations-offline.zip
	$(PY) -m zipfile -c activations-offline.zip $(OFFLINE_DIR)/
	@echo "offline copy: open $(OFFLINE_DIR)/index.html, or unpack activations-offline.zip and open its index.html"

test: $(VENV)/.installed node_modules/.installed system-deps
	$(PY) -m pytest

# Benchmarks: they print numbers next to their budgets and never fail on them.
bench: $(VENV)/.installed node_modules/.installed figure-deps
	$(PY) scripts/bench.py

# Lighthouse (pinned in tools/lighthouse, installed on first use) over six pages; needs chromium.
lighthouse: $(VENV)/.installed node_modules/.installed tools/lighthouse/node_modules/.installed system-deps
	$(PY) scripts/lighthouse.py

figures: $(VENV)/.installed figure-deps
	$(PY) -m activations figures --out figures-out

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found: install Python 3.11 (Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python >= 3.11 is needed, $(PYTHON) is $$($(PYTHON) --version)" >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "error: cannot create a virtual environment: install python3-venv (Debian: apt-get install python3-venv)" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found: install Node.js 20 with npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages (scripts/system-deps.sh): the GL libraries skia-python links to, for figures; and for
# the browser tests Debian's chromium (Playwright must not download a browser) and CJK fonts.
system-deps:
	@bash scripts/system-deps.sh figures browser

figure-deps:
	@bash scripts/system-deps.sh figures

clean:
	rm -rf site $(OFFLINE_DIR) activations-offline.zip .cache
