# nerveroot: every command a student, instructor or CI needs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JB := $(BIN)/jupyter-book
STAMP := $(VENV)/.installed
APT_PACKAGES := chromium poppler-utils latexmk texlive-xetex texlive-latex-recommended \
	texlive-latex-extra texlive-fonts-recommended texlive-lang-european fonts-freefont-otf lmodern
HOST ?= 127.0.0.1
PORT ?= 8000
# The other editions of the book (English is the source): every language with widget strings in
# src/nerveroot/strings/<lang>/. Each is built beside the English one (_build/html/<lang>/).
EDITIONS ?= $(filter-out en,$(notdir $(wildcard src/nerveroot/strings/*)))

# pytest-xdist workers for `make test` ("auto": one per CPU core; JOBS=1 runs in one process)
JOBS ?= auto
# more pytest arguments for `make test`, e.g. PYTEST_ARGS='-m "not browser"'
PYTEST_ARGS ?=
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider

.PHONY: help venv fresh book pdf handout serve lab present lint check test system-deps lock clean notebooks bench \
	gettext translations html-en latex-en

help:
	@echo "make book     build the HTML book into _build/html, and each other edition into _build/html/<lang>"
	@echo "make check    lint and unit tests: no build, no browser (under a minute)"
	@echo "make test     install everything the tests need (incl. Debian packages) and run them all"
	@echo "make pdf      build the whole course as a PDF (_build/latex/nerveroot.pdf)"
	@echo "make handout  build the 2-4 page A4 student handout (_build/pdf/handout.pdf)"
	@echo "make serve    serve _build/html on http://$(HOST):$(PORT)/"
	@echo "make lab      JupyterLab on the course: chapters open as notebooks (PORT=8888 by default)"
	@echo "make present CHAPTER=anatomy  a chapter's quiz full screen for a class (Voila; FIGURES=1, NERVEROOT_LANG=da, PORT=8866)"
	@echo "make notebooks  refresh tests/notebooks/ (nbval copies of the chapters)"
	@echo "make lock     re-pin requirements.txt from requirements.in"
	@echo "make bench    build times, per-page cost in Chromium and Lighthouse scores (builds in /tmp/bench; BENCH_ARGS=--quick; see benchmarks/README.md)"
	@echo "make gettext  message templates of the prose and the data for translators (_build/gettext)"
	@echo "make translations  list what is not translated yet, per edition (catalogues, widgets, quizzes)"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (nerveroot)" >/dev/null
	touch $@

venv: $(STAMP)

# The notebook cache (_build/.jupyter_cache) is keyed on the notebooks' code only, and
# Sphinx tracks neither the course extension's code nor the files notebooks read (question
# banks and their translations, the bibliography, the data catalogues) nor the theme's catalogue
# (sphinx.po): when any of them is newer than the last build, start from clean so no figure,
# quiz or page is stale. (A chapter's own catalogue needs nothing: Sphinx re-reads its page.)
SRC_STAMP := _build/.src-stamp
fresh:
	@if [ -d _build ] && { [ ! -f $(SRC_STAMP) ] || \
	    [ -n "$$(find src assets _config.yml _toc.yml book/quizzes book/references.bib -newer $(SRC_STAMP) -type f -print -quit)" ] || \
	    [ -n "$$(find locales \( -path '*/LC_MESSAGES/data/*.po' -o -name sphinx.po \) -newer $(SRC_STAMP) -print -quit 2>/dev/null)" ]; }; then \
	  echo "Course code changed since the last build (or no record of it): clearing _build (cache included)."; \
	  rm -rf _build/html _build/latex _build/latex-* _build/.doctrees _build/.doctrees-* _build/.jupyter_cache; fi
	@mkdir -p _build && touch $(SRC_STAMP)

# The other editions are built by nerveroot.build (Jupyter Book 1 has no language option): same
# sources, same strict options, their own doctrees and execution caches, kernels in their language.
# The editions are independent, so they build side by side, EDITION_JOBS at a time; each one's
# output is printed when it finishes (EDITION_JOBS=1: one after the other).
EDITION_JOBS ?= 2
EDITION_MAKE = $(MAKE) --no-print-directory -j$(EDITION_JOBS) --output-sync=target

book: $(STAMP) fresh
	@$(EDITION_MAKE) $(addprefix html-,en $(EDITIONS))
	@echo; echo "The book is in _build/html (other editions: $(EDITIONS:%=_build/html/%/)). Open _build/html/index.html, or run 'make serve'."

pdf: $(STAMP) system-deps fresh
	@$(EDITION_MAKE) $(addprefix latex-,en $(EDITIONS))
	@echo "The PDF is _build/latex/nerveroot.pdf$(foreach l,$(EDITIONS), and _build/latex-$(l)/nerveroot-$(l).pdf)"

# One edition (called by book and pdf, which first make sure the build is fresh).
html-en:
	$(JB) build . --builder html -W -n --keep-going
html-%:
	$(BIN)/python -m nerveroot.build html --lang $*
latex-en:
	$(JB) build . --builder pdflatex -W -n --keep-going
latex-%:
	$(BIN)/python -m nerveroot.build pdflatex --lang $*

handout: $(STAMP) system-deps
	$(BIN)/python -m nerveroot.handout
	@for lang in $(EDITIONS); do $(BIN)/python -m nerveroot.handout --lang $$lang || exit 1; done

# Translators: the message templates of the chapters (book/*.pot) and of the clinical data's text
# (data/*.pot) in _build/gettext; then `sphinx-intl update -p _build/gettext -d locales -l da`
# merges them into locales/da/LC_MESSAGES/ (README: Translating the course).
gettext: $(STAMP)
	$(BIN)/python -m nerveroot.build gettext

translations: $(STAMP)
	@$(BIN)/python -m nerveroot.translations $(EDITIONS)

serve:
	@test -d _build/html || { echo "No _build/html yet: run 'make book' first."; exit 1; }
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind $(HOST) --directory _build/html

# JupyterLab and the projector mode take PORT like 'make serve', with their own defaults (8888, 8866)
# when PORT is not given; nerveroot.lab checks it and explains a missing or busy port.
port_or = $(if $(filter file,$(origin PORT)),$(1),$(PORT))

lab: $(STAMP)
	@$(BIN)/python -m nerveroot lab --host "$(HOST)" --port "$(call port_or,8888)"

present: $(STAMP)
	@$(BIN)/python -m nerveroot present --chapter "$(CHAPTER)" --host "$(HOST)" --port "$(call port_or,8866)" \
	  $(if $(FIGURES),--figures) $(if $(NERVEROOT_LANG),--lang "$(NERVEROOT_LANG)")

# Debian packages for the browser tests (chromium), the PDF (TeX Live) and PDF checks (poppler-utils).
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "These Debian packages are missing: $$missing"; \
	    echo "Install them as root: sudo apt-get install --no-install-recommends $$missing"; exit 1; \
	  fi; \
	fi

# The developer loop: ruff and the tests that need no build, no browser and no TeX (-m unit;
# conftest marks every test from the fixtures it uses).
lint: $(STAMP)
	$(BIN)/ruff check .

check: lint
	$(PYTEST) tests -m unit -q

# Everything, as CI runs it. Tests run on $(JOBS) workers; a notebook's cells and one page's
# browser checks stay together on one worker (--dist loadgroup). JUnit results for CI's artifacts.
test: lint system-deps book pdf
	$(PYTEST) tests --nbval-lax --nbval-current-env -n $(JOBS) --dist loadgroup --junitxml=_build/test-results.xml $(PYTEST_ARGS)

# Benchmark table (benchmarks/README.md); builds a copy in /tmp/bench, never _build.
bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/bench.py --out /tmp/bench $(BENCH_ARGS)

notebooks: $(STAMP)
	$(BIN)/python tools/make_test_notebooks.py

lock:
	rm -rf /tmp/nerveroot-lock && $(PYTHON) -m venv /tmp/nerveroot-lock
	/tmp/nerveroot-lock/bin/pip install --quiet --upgrade pip
	/tmp/nerveroot-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned by 'make lock' from requirements.in. Do not edit by hand."; \
	  /tmp/nerveroot-lock/bin/pip freeze --exclude-editable | sort -f; echo "-e ."; } > requirements.txt

clean:
	rm -rf _build
