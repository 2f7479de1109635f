-- The archive of every report file the jobs produce (reconciliation workbooks and summaries, audit PDFs, finance
-- workbooks, manifests). A regenerated report is a new version; a file is never overwritten. The file itself lives
-- in the reports folder at `path` (relative to it); `sha256` and `size_bytes` let anyone check it was not changed.

CREATE TABLE generated_reports (
    id               TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    report_type      TEXT    NOT NULL,
    business_date    TEXT    NOT NULL,
    subject          TEXT    NOT NULL DEFAULT '',
    format           TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    path             TEXT    NOT NULL,
    sha256           TEXT    NOT NULL,
    size_bytes       INTEGER NOT NULL,
    job_execution_id INTEGER,
    source_id        TEXT,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT generated_reports_pkey PRIMARY KEY (id),
    CONSTRAINT generated_reports_type_format CHECK (report_type NOT GLOB '*[^A-Z0-9_]*' AND report_type GLOB '[A-Z]*'),
    CONSTRAINT generated_reports_format_valid CHECK (format IN ('PDF', 'XLSX', 'JSON', 'CSV')),
    CONSTRAINT generated_reports_version_positive CHECK (typeof(version) = 'integer' AND version > 0),
    CONSTRAINT generated_reports_path_relative CHECK (path <> '' AND path NOT LIKE '/%' AND path NOT LIKE '%..%'),
    CONSTRAINT generated_reports_sha256_hex CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    CONSTRAINT generated_reports_size_not_negative CHECK (typeof(size_bytes) = 'integer' AND size_bytes >= 0),
    CONSTRAINT generated_reports_business_date_date CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        AND date(business_date) = business_date),
    CONSTRAINT generated_reports_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at),
    CONSTRAINT generated_reports_version_key UNIQUE (report_type, business_date, subject, format, version),
    CONSTRAINT generated_reports_path_key UNIQUE (path)
);

CREATE INDEX generated_reports_business_date_idx ON generated_reports (business_date, report_type);
CREATE INDEX generated_reports_source_idx ON generated_reports (source_id);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '4')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
