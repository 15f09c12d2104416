# Two commands on a fresh Debian machine: `make demo` and `make test`.
PY      := .venv/bin/python
PIP     := .venv/bin/pip
KAIJI   := .venv/bin/kaiji
# what ingesting needs (Tesseract with Japanese, the IPAex font for the report's charts, qpdf, poppler)
APT_PKGS := tesseract-ocr tesseract-ocr-jpn fonts-ipaexfont unicode-data qpdf poppler-utils
TEST_APT_PKGS := chromium  # only the browser test of the HTML report drives it
DB      ?= warehouse.duckdb
LOG     := out/setup.log
# the quick demo: born-digital reference, an earlier year, an incident report, and one short scan
# (OCR): the four pages of 報告第360号 cut by qpdf from the 48-page scan, so that a fresh machine
# finishes in minutes; `make demo-full` reads the whole scans
DEMO_SCAN := out/demo/setagaya-2023-report360-scan300.pdf
DEMO_PDFS := corpus/pdf/setagaya-2023-report359.pdf corpus/pdf/setagaya-2021-edited.pdf \
             corpus/pdf/nerima-2024-incident.pdf $(DEMO_SCAN)

.PHONY: demo demo-full test lint system test-system venv dev-venv bench corpus producers scans audit clean

# $(call apt_install,PACKAGES,WHAT): one line for the step, apt's output to $(LOG)
define apt_install
@mkdir -p $(dir $(LOG)); missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  printf 'setup: installing %s (Debian:%s) ... ' "$(2)" "$$missing"; \
  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
  if { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; } >>$(LOG) 2>&1; \
  then echo "done (log: $(LOG))"; else echo "FAILED, see $(LOG)"; exit 1; fi; \
else echo "setup: $(2) already installed"; fi
endef

## system: the Debian packages ingesting needs; skipped when present
system:
	$(call apt_install,$(APT_PKGS),Tesseract with Japanese and the IPAex font)

## test-system: what only the tests need (Chromium for the report's browser test)
test-system:
	$(call apt_install,$(TEST_APT_PKGS),Chromium for the browser test)

## venv: .venv with the package and PP-OCRv5 (what the demo needs); pip's output to $(LOG)
.venv/.installed: pyproject.toml
	@mkdir -p $(dir $(LOG)); printf 'setup: Python environment .venv (pip install .[ppocr]) ... '
	@{ python3 -m venv .venv && $(PIP) install -q --upgrade pip && $(PIP) install -q -e '.[ppocr]'; } >>$(LOG) 2>&1 \
	  && echo "done (log: $(LOG))" || { echo "FAILED, see $(LOG)"; exit 1; }
	@touch $@
venv: .venv/.installed

## dev-venv: the extras for the tests and the corpus builders on top
.venv/.installed-dev: .venv/.installed
	@printf 'setup: test, corpus and cluster extras (pip install .[corpus,dev,ppocr,cluster]) ... '
	@$(PIP) install -q -e '.[corpus,dev,ppocr,cluster]' >>$(LOG) 2>&1 && echo "done (log: $(LOG))" \
	  || { echo "FAILED, see $(LOG)"; exit 1; }
	@touch $@
dev-venv: .venv/.installed-dev

## demo: ingest a small corpus (one scan) into $(DB), print what landed, write the HTML report
$(DEMO_SCAN): corpus/pdf/setagaya-2023-report359-scan300.pdf | system
	@mkdir -p $(dir $@) && qpdf --empty --pages $< 45-48 -- $@

demo: system venv $(DEMO_SCAN)
	@$(KAIJI) ingest --db $(DB) $(DEMO_PDFS)
	@$(KAIJI) show --db $(DB)
	@$(KAIJI) report --db $(DB) --out out/report --pdfs corpus/pdf $(dir $(DEMO_SCAN)) --quiet
	@echo "report: open out/report/index.html in a browser; the whole corpus: make demo-full"

## demo-full: the same over every PDF in corpus/pdf (three scans: several minutes of OCR)
demo-full: system venv
	@$(KAIJI) ingest --db $(DB) corpus/pdf
	@$(KAIJI) show --db $(DB)
	@$(KAIJI) report --db $(DB) --out out/report --pdfs corpus/pdf --quiet

## test: the whole suite (real Tesseract; fails if a system tool is missing)
test: system test-system dev-venv
	$(PY) -m dev.check_system
	$(PY) -m pytest

lint: dev-venv
	.venv/bin/ruff check pipeline scripts dev tests
	.venv/bin/mypy pipeline

## bench: speed of the born-digital ingest against bare pdfplumber extract_tables
bench: dev-venv
	$(PY) -m dev.bench --out bench/ingest.json

## corpus: rebuild ground truth and PDFs from corpus/reference (needs reportlab)
corpus: dev-venv
	$(PY) -m dev.build_ground_truth
	$(PY) -m dev.build_edited_version
	$(PY) -m dev.build_ground_truth --reference corpus/reference/setagaya-2021-edited.txt --out corpus/ground_truth/setagaya-2021-edited
	$(PY) -m dev.build_corpus

## producers: the reference report by independent producers (issue 11) into build/producers, for
## dev/bench_producers.py; needs LibreOffice Writer and Calc, Gnumeric, wkhtmltopdf, AbiWord and LuaLaTeX with
## LuaTeX-ja (TeX Live: luatex, lang-japanese, latex-recommended and -extra for longtable's neighbours colortbl,
## arydshln, multirow, makecell), Calligra Words with a D-Bus session bus (dbus-run-session), Apache FOP, and iText 5
## with a JDK (javac compiles dev/producers/itext/Report.java at build time), and Scribus run headless under Xvfb
## (xvfb-run, xauth), and Node.js with npm for PDFKit (Debian's nodejs and npm only when no npm is there: they
## conflict with a Node.js installed otherwise, and apt refuses the whole list; npm ci installs the pinned pdfkit into
## dev/producers/pdfkit/node_modules, gitignored, when it is missing), which CI does not install (WeasyPrint, Typst
## and PyMuPDF come with the dev extra); PRODUCER=typst builds one producer's files and leaves the rest
producers: system dev-venv
	@{ command -v soffice && command -v ssconvert && command -v wkhtmltopdf && command -v abiword \
	  && command -v lualatex && kpsewhich luatexja.sty arydshln.sty \
	  && command -v calligrawords && command -v dbus-run-session && command -v fop \
	  && command -v javac && test -f /usr/share/java/itext5.jar \
	  && command -v scribus && command -v xvfb-run && command -v xauth && command -v npm; } >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	  libreoffice-writer-nogui libreoffice-calc-nogui gnumeric wkhtmltopdf abiword \
	  texlive-luatex texlive-lang-japanese texlive-latex-recommended texlive-latex-extra \
	  calligrawords dbus-daemon fop default-jdk-headless libitext5-java scribus xvfb xauth \
	  $$(command -v npm >/dev/null || echo nodejs npm); }
	@test -d dev/producers/pdfkit/node_modules/pdfkit || npm ci --prefix dev/producers/pdfkit --no-audit --no-fund
	$(PY) -m dev.build_producers --full $(if $(PRODUCER),--only $(PRODUCER))

## scans: pages 1-8 of the reportlab and fpdf2 renders through the scan pipelines (issue 12) into
## build/scans/pages-1-8, what `python -m dev.bench_scans --pages 1-8` reads; PIPELINE=phone200 for one
SCAN_PAGES := 1-8
scans: dev-venv
	$(PY) -m dev.build_scans --pdf corpus/pdf/setagaya-2023-report359.pdf \
	  --pdf tests/extract/cases/setagaya-2023-report359-fpdf2.pdf --pages $(SCAN_PAGES) \
	  --out build/scans/pages-$(SCAN_PAGES) $(if $(PIPELINE),--pipeline $(PIPELINE))

audit: venv
	$(PIP) install -q pip-audit
	.venv/bin/pip-audit --skip-editable

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache .hypothesis $(DB) $(DB).wal
