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
    pipeline_version VARCHAR
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
    department_method   VARCHAR,   -- exact | alias | fuzzy | parsed-new
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
    ok        BOOLEAN,
    detail    VARCHAR
);

CREATE TABLE IF NOT EXISTS findings (
    doc_id  VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    page_no INTEGER,
    detail  VARCHAR
);

-- Prose incident reports (報告第360号 …): docs/incidents.md
CREATE TABLE IF NOT EXISTS incidents (
    doc_id                 VARCHAR NOT NULL,
    report_no              INTEGER,
    title                  VARCHAR,
    reported_on            DATE,
    departments            VARCHAR[],
    incident_type          VARCHAR,   -- 滅失 / 漏えい / 毀損 / 紛失 / 誤送付 … (configured vocabulary)
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
    notes                  VARCHAR
);

CREATE TABLE IF NOT EXISTS incident_events (
    doc_id    VARCHAR NOT NULL,
    report_no INTEGER,
    seq       INTEGER,
    event_on  DATE,
    text      VARCHAR,
    page_no   INTEGER,
    bbox      DOUBLE[]
);

CREATE TABLE IF NOT EXISTS incident_sections (
    doc_id    VARCHAR NOT NULL,
    report_no INTEGER,
    path      VARCHAR,   -- "1", "1/(2)", "preamble" …
    heading   VARCHAR,
    text      VARCHAR,
    page_no   INTEGER,
    bbox      DOUBLE[]
);

-- Which stored result each document was loaded from (docs/scale.md): a re-run skips a
-- document loaded under the current key; a changed config/ gives a new key and reloads it.
CREATE TABLE IF NOT EXISTS loaded_results (
    doc_id      VARCHAR NOT NULL,
    results_key VARCHAR NOT NULL,  -- pipeline.store.keys.results_key: extraction, config/, code, corrections
    loaded_at   TIMESTAMP
);
