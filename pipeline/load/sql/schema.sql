-- The warehouse contract. docs/schema.md documents every column; keep both in step.
-- No PRIMARY KEY constraints: a document is replaced by DELETE + INSERT in one
-- transaction, which DuckDB's eager unique checks would reject; uniqueness per
-- doc_id is the loader's job and is tested.

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR NOT NULL,   -- first 16 hex digits of sha256: same bytes, same id
    file_name     VARCHAR NOT NULL,   -- base name as ingested
    sha256        VARCHAR NOT NULL,
    title         VARCHAR,
    report_no     INTEGER,            -- 報告第359号 -> 359 (the first report in the file)
    published_on  DATE,
    as_of         DATE,               -- 令和5年4月1日時点 -> 2023-04-01
    publisher     VARCHAR,            -- the section that issued it (総務部区政情報課)
    municipality  VARCHAR,            -- 世田谷区
    report_type   VARCHAR,            -- config/report_types/<name>.toml that recognized it
    page_count    INTEGER,
    ocr_pages     INTEGER,
    notes         VARCHAR,            -- what was done to read it (repairs, fallbacks)
    ingested_at   TIMESTAMP,
    pipeline_version VARCHAR,
    fiscal_year   INTEGER,            -- 令和5年度 -> 2023: the fiscal year the figures cover
    report_id     VARCHAR,            -- the same for every copy of one report (pipeline/load/copies.py)
    best_copy     BOOLEAN             -- the copy per-report queries read (best_cases, case_changes)
);

CREATE TABLE IF NOT EXISTS pages (
    doc_id         VARCHAR NOT NULL,
    page_no        INTEGER NOT NULL,
    width          DOUBLE,
    height         DOUBLE,
    source         VARCHAR,           -- text | ocr
    reason         VARCHAR,           -- why that source
    ocr_engine     VARCHAR,
    ocr_confidence DOUBLE,
    seconds        DOUBLE
);

CREATE TABLE IF NOT EXISTS review_counts (
    doc_id              VARCHAR NOT NULL,
    criterion           VARCHAR NOT NULL, -- outsourcing | purpose_external_use | external_provision | online_link
    agency              VARCHAR NOT NULL, -- 区長, 教育委員会, …, 合計 as printed
    reviewed            INTEGER,
    sensitive           INTEGER,
    ordinance_sensitive INTEGER,
    page_no             INTEGER,
    bbox                DOUBLE[],         -- [x0, top, x1, bottom] in PDF points, top-left origin
    source              VARCHAR,
    confidence          DOUBLE
);

CREATE TABLE IF NOT EXISTS departments (
    department_id VARCHAR NOT NULL,
    name          VARCHAR,
    branch        VARCHAR,
    bureau        VARCHAR,
    centre        VARCHAR,
    section       VARCHAR,
    municipality  VARCHAR,
    flagged_new   BOOLEAN
);

CREATE TABLE IF NOT EXISTS case_families (
    family_id             VARCHAR NOT NULL,
    criterion             VARCHAR,
    canonical_description VARCHAR,
    member_count          INTEGER,    -- cases in the warehouse that belong to it
    bureau                VARCHAR,    -- the blocking scope: bureau, or a branch office's centre+section
    municipality          VARCHAR
);

CREATE TABLE IF NOT EXISTS cases (
    doc_id              VARCHAR NOT NULL,
    criterion           VARCHAR NOT NULL,
    case_no             INTEGER NOT NULL,
    description         VARCHAR,   -- 委託の内容 / オンライン結合・システム導入の内容
    recipient           VARCHAR,   -- 提供先
    purpose             VARCHAR,   -- 提供先での利用目的 / 目的外利用の内容
    legal_basis         VARCHAR,   -- 該当条項
    link_type           VARCHAR,   -- オンライン結合・システム導入の別
    department          VARCHAR,   -- normalized 担当部課
    department_raw      VARCHAR,   -- as printed
    agency              VARCHAR,
    sensitive           BOOLEAN,   -- 要配慮個人情報 有/無
    ordinance_sensitive BOOLEAN,   -- 条例要配慮個人情報 有/無
    page_no             INTEGER,
    bbox                DOUBLE[],
    source              VARCHAR,   -- text | ocr
    confidence          DOUBLE,    -- lowest OCR confidence of the row's cells; NULL for text
    raw                 JSON,      -- every field's text as printed
    department_id       VARCHAR,
    department_score    DOUBLE,
    department_method   VARCHAR,   -- exact | alias | fuzzy | garbled | parsed-new
    family_id           VARCHAR,
    corrected           BOOLEAN,   -- a person's correction (config/corrections) changed a value
    correction_source   VARCHAR    -- config/corrections/<file>.toml#<n>
);

CREATE TABLE IF NOT EXISTS raw_cells (
    doc_id     VARCHAR NOT NULL,
    page_no    INTEGER,
    table_no   INTEGER,
    row_no     INTEGER,           -- 0 is the header row
    col_no     INTEGER,
    text       VARCHAR,
    bbox       DOUBLE[],
    source     VARCHAR,
    confidence DOUBLE
);

CREATE TABLE IF NOT EXISTS checks (
    doc_id    VARCHAR NOT NULL,
    rule      VARCHAR NOT NULL,   -- sensitive_count | ordinance_sensitive_count | total_row | numbering
    criterion VARCHAR,
    agency    VARCHAR,
    expected  INTEGER,
    actual    INTEGER,
    ok        BOOLEAN,            -- NULL when the rule could not be computed (status not_computed)
    detail    VARCHAR,
    status    VARCHAR             -- passed | failed | not_computed (detail says why)
);

CREATE TABLE IF NOT EXISTS findings (
    doc_id  VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    page_no INTEGER,
    detail  VARCHAR,
    last_page_no INTEGER  -- the last page a finding covers when it spans pages (a table over a page break); NULL: page_no alone
);

-- Prose incident reports (報告第360号 …): docs/incidents.md
CREATE TABLE IF NOT EXISTS incidents (
    doc_id                 VARCHAR NOT NULL,
    report_no              INTEGER,
    title                  VARCHAR,
    reported_on            DATE,
    departments            VARCHAR[],
    incident_type          VARCHAR,   -- what happened: 紛失 盗難 誤送付 誤送信 誤交付 誤廃棄 誤公開 不正アクセス その他 (before issue 13: the legal category, now legal_category)
    record_name            VARCHAR,
    personal_items         VARCHAR[],
    sensitive_items        VARCHAR[], -- the items the report marks (underlines) as 要配慮
    affected_count         INTEGER,
    affected_count_approx  BOOLEAN,   -- 「約40件」 -> 40, true
    fiscal_year_of_records INTEGER,
    retention_years        INTEGER,
    discovered_on          DATE,
    reported_to_ppc_on     DATE,      -- first report (速報) to the 個人情報保護委員会
    published_on           DATE,
    secondary_damage       VARCHAR,
    legal_basis            VARCHAR,
    page_no                INTEGER,
    config                 VARCHAR,   -- config/report_types/incident*.toml that read it
    source                 VARCHAR,
    confidence             DOUBLE,
    notes                  VARCHAR,
    incident_no            INTEGER,   -- 1-based within the document (a table row, a block of a multi-incident notice)
    municipality           VARCHAR,   -- the authority as printed: 横浜市, 千葉県
    department             VARCHAR,   -- the responsible department as printed, authority name removed
    legal_category         VARCHAR,   -- 漏えい / 滅失 / 毀損 (PPC categories)
    occurred_on            DATE,
    affected_text          VARCHAR,   -- the count as printed: およそ330人分
    records                VARCHAR,   -- what was lost, sent or shown, as printed
    cause                  VARCHAR,
    countermeasures        VARCHAR,
    recognition_score      DOUBLE,    -- 0..1, evidence that this is an incident (docs/incidents.md)
    department_id          VARCHAR    -- departments.department_id, where the municipality has a registry
);

CREATE TABLE IF NOT EXISTS incident_events (
    doc_id    VARCHAR NOT NULL,
    report_no INTEGER,
    seq       INTEGER,
    event_on  DATE,
    text      VARCHAR,
    page_no   INTEGER,
    bbox      DOUBLE[],
    incident_no INTEGER
);

CREATE TABLE IF NOT EXISTS incident_sections (
    doc_id    VARCHAR NOT NULL,
    report_no INTEGER,
    path      VARCHAR,   -- "1", "1/(2)", "preamble" …
    heading   VARCHAR,
    text      VARCHAR,
    page_no   INTEGER,
    bbox      DOUBLE[],
    incident_no INTEGER
);

-- one row per creation or upgrade of this warehouse (pipeline/load/migrate.py)
CREATE TABLE IF NOT EXISTS schema_version (
    version          VARCHAR NOT NULL,  -- fingerprint of schema.sql's tables, columns and types
    pipeline_version VARCHAR,           -- the pipeline that created or upgraded the warehouse
    applied_at       TIMESTAMP,         -- UTC
    changes          VARCHAR            -- "created", or the tables and columns the upgrade added
);

-- Every table of every document, recognized or not, as typed tidy cells: docs/schema.md#cells
CREATE TABLE IF NOT EXISTS cells (
    doc_id       VARCHAR NOT NULL,
    table_no     INTEGER,           -- raw_cells.table_no
    page_no      INTEGER,
    row_no       INTEGER,           -- row of the table's finest grid, 0 = first header row
    col_no       INTEGER,           -- column of the finest grid (not raw_cells.col_no: merged cells shift that)
    role         VARCHAR,           -- value | row_header | col_header | corner
    text         VARCHAR,           -- as read
    norm_text    VARCHAR,           -- normalize_text(text): NFKC, variant kanji, radicals folded
    value        DOUBLE,            -- the number as printed (3 8 -> 38, △7,808 -> -7808, － -> 0); NULL for text
    unit         VARCHAR,           -- 件 | 人 | 円 | 千円 | 百万円 | % from the cell, header or caption
    scaled_value DOUBLE,            -- value in scaled_unit (千円 -> 円: x 1000)
    scaled_unit  VARCHAR,
    row_path     VARCHAR[],         -- row header labels, outermost first (merged labels repeated)
    col_path     VARCHAR[],         -- column header labels, outermost first
    row_total    VARCHAR,           -- 計 | 小計 | 合計 | 総計 when the row is a total row
    col_total    VARCHAR,           -- likewise for the column
    bbox         DOUBLE[],
    source       VARCHAR,
    confidence   DOUBLE
);

-- Values of tables a facts report type recognized (kind = "facts"), one row per value cell with its
-- dimensions; each report type's `target` is a view over it (request_counts: docs/schema.md).
CREATE TABLE IF NOT EXISTS facts (
    doc_id      VARCHAR NOT NULL,
    report_type VARCHAR,            -- config/report_types/<name>.toml
    table_kind  VARCHAR,            -- its [tables.<kind>]
    target      VARCHAR,            -- the view that shows these facts (request_counts)
    table_no    INTEGER,            -- cells.table_no
    dims        JSON,               -- {"decision": "full", "agency": "区長", …} as configured
    value       DOUBLE,
    unit        VARCHAR,
    is_total    BOOLEAN,            -- its row or column is a 計 / 小計 / 合計 / 総計
    row_path    VARCHAR[],
    col_path    VARCHAR[],
    page_no     INTEGER,
    bbox        DOUBLE[],
    source      VARCHAR,
    confidence  DOUBLE
);

-- Which stored result each document was loaded from (docs/scale.md): a re-run skips a
-- document loaded under the current key; a changed config/ gives a new key and reloads it.
CREATE TABLE IF NOT EXISTS loaded_results (
    doc_id      VARCHAR NOT NULL,
    results_key VARCHAR NOT NULL,  -- pipeline.store.keys.results_key: extraction, config/, code, corrections
    loaded_at   TIMESTAMP
);
