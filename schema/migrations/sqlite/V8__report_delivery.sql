-- Delivery of archived reports. `report_deliveries`: one row per report and e-mail recipient, so a report is sent to
-- a recipient at most once (the unique key) and a failed send keeps its error and the time of its next attempt.
-- `report_downloads`: every download from the portal, with the signed-in user and the client's address.

CREATE TABLE report_deliveries (
    id              TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    report_id       TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'PENDING',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error      TEXT,
    sent_at         TEXT,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT report_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT report_deliveries_report_fkey FOREIGN KEY (report_id) REFERENCES generated_reports (id),
    CONSTRAINT report_deliveries_report_recipient_key UNIQUE (report_id, recipient),
    CONSTRAINT report_deliveries_status_valid CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    CONSTRAINT report_deliveries_attempts_not_negative CHECK (typeof(attempts) = 'integer' AND attempts >= 0),
    CONSTRAINT report_deliveries_recipient_not_empty CHECK (recipient <> ''),
    CONSTRAINT report_deliveries_sent_has_time CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
    CONSTRAINT report_deliveries_next_attempt_at_instant CHECK (next_attempt_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', next_attempt_at, '+0 seconds') = next_attempt_at),
    CONSTRAINT report_deliveries_sent_at_instant CHECK (sent_at IS NULL OR (sent_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', sent_at, '+0 seconds') = sent_at)),
    CONSTRAINT report_deliveries_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at)
);

CREATE INDEX report_deliveries_due_idx ON report_deliveries (status, next_attempt_at);

CREATE TABLE report_downloads (
    id             TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    report_id      TEXT NOT NULL,
    username       TEXT NOT NULL,
    downloaded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    remote_address TEXT,
    CONSTRAINT report_downloads_pkey PRIMARY KEY (id),
    CONSTRAINT report_downloads_report_fkey FOREIGN KEY (report_id) REFERENCES generated_reports (id),
    CONSTRAINT report_downloads_downloaded_at_instant CHECK (downloaded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', downloaded_at, '+0 seconds') = downloaded_at)
);

CREATE INDEX report_downloads_report_idx ON report_downloads (report_id, downloaded_at);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '8')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
