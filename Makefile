# Two commands on a fresh Debian machine: `make demo` and `make test`.
PY      := .venv/bin/python
PIP     := .venv/bin/pip
APT_PKGS := tesseract-ocr tesseract-ocr-jpn fonts-ipaexfont unicode-data qpdf poppler-utils chromium
DB      ?= warehouse.duckdb

.PHONY: demo test lint system venv bench corpus audit clean

## system: the Debian packages (Tesseract with Japanese, IPAex font); skipped when present
system:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## venv: .venv with the package, its extras for the corpus, the tests and Ray (cluster)
.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[corpus,dev,ppocr,cluster]'
	touch $@
venv: .venv/.installed

## demo: ingest the bundled corpus into $(DB) and print what landed
demo: system venv
	$(PY) scripts/ingest.py --db $(DB) corpus/pdf
	$(PY) scripts/show_warehouse.py --db $(DB)
	$(PY) scripts/report.py --db $(DB) --out out/report --pdfs corpus/pdf
	@echo "report: open out/report/index.html in a browser"

## test: the whole suite (real Tesseract; fails if a system tool is missing)
test: system venv
	$(PY) scripts/check_system.py
	$(PY) -m pytest

lint: venv
	.venv/bin/ruff check pipeline scripts tests
	.venv/bin/mypy pipeline

## bench: speed of the born-digital ingest against bare pdfplumber extract_tables
bench: venv
	$(PY) scripts/bench.py --out bench/ingest.json

## corpus: rebuild ground truth and PDFs from corpus/reference (needs reportlab)
corpus: venv
	$(PY) scripts/build_ground_truth.py
	$(PY) scripts/build_edited_version.py
	$(PY) scripts/build_ground_truth.py --reference corpus/reference/setagaya-2021-edited.txt --out corpus/ground_truth/setagaya-2021-edited
	$(PY) scripts/build_corpus.py

audit: venv
	$(PIP) install -q pip-audit
	.venv/bin/pip-audit --skip-editable

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache .hypothesis $(DB) $(DB).wal
