-- The archive of every report file the jobs produce (reconciliation workbooks and summaries, audit PDFs, finance
-- workbooks, manifests). A regenerated report is a new version; a file is never overwritten. The file itself lives
-- in the reports folder at `path` (relative to it); `sha256` and `size_bytes` let anyone check it was not changed.

CREATE TABLE generated_reports (
    id               UUID        NOT NULL DEFAULT gen_random_uuid(),
    report_type      TEXT        NOT NULL,
    business_date    DATE        NOT NULL,
    subject          TEXT        NOT NULL DEFAULT '',
    format           TEXT        NOT NULL,
    version          INTEGER     NOT NULL DEFAULT 1,
    path             TEXT        NOT NULL,
    sha256           TEXT        NOT NULL,
    size_bytes       BIGINT      NOT NULL,
    job_execution_id BIGINT,
    source_id        UUID,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT generated_reports_pkey PRIMARY KEY (id),
    CONSTRAINT generated_reports_type_format CHECK (report_type ~ '^[A-Z][A-Z0-9_]*$'),
    CONSTRAINT generated_reports_format_valid CHECK (format IN ('PDF', 'XLSX', 'JSON', 'CSV')),
    CONSTRAINT generated_reports_version_positive CHECK (version > 0),
    CONSTRAINT generated_reports_path_relative CHECK (path <> '' AND path NOT LIKE '/%' AND path NOT LIKE '%..%'),
    CONSTRAINT generated_reports_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT generated_reports_size_not_negative CHECK (size_bytes >= 0),
    CONSTRAINT generated_reports_version_key UNIQUE (report_type, business_date, subject, format, version),
    CONSTRAINT generated_reports_path_key UNIQUE (path)
);

CREATE INDEX generated_reports_business_date_idx ON generated_reports (business_date, report_type);
CREATE INDEX generated_reports_source_idx ON generated_reports (source_id);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '4')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
