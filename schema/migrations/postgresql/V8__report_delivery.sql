-- Delivery of archived reports. `report_deliveries`: one row per report and e-mail recipient, so a report is sent to
-- a recipient at most once (the unique key) and a failed send keeps its error and the time of its next attempt.
-- `report_downloads`: every download from the portal, with the signed-in user and the client's address.

CREATE TABLE report_deliveries (
    id              UUID        NOT NULL DEFAULT gen_random_uuid(),
    report_id       UUID        NOT NULL,
    recipient       TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'PENDING',
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT report_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT report_deliveries_report_fkey FOREIGN KEY (report_id) REFERENCES generated_reports (id),
    CONSTRAINT report_deliveries_report_recipient_key UNIQUE (report_id, recipient),
    CONSTRAINT report_deliveries_status_valid CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    CONSTRAINT report_deliveries_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT report_deliveries_recipient_not_empty CHECK (recipient <> ''),
    CONSTRAINT report_deliveries_sent_has_time CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);

CREATE INDEX report_deliveries_due_idx ON report_deliveries (status, next_attempt_at);

CREATE TABLE report_downloads (
    id             UUID        NOT NULL DEFAULT gen_random_uuid(),
    report_id      UUID        NOT NULL,
    username       TEXT        NOT NULL,
    downloaded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    remote_address TEXT,
    CONSTRAINT report_downloads_pkey PRIMARY KEY (id),
    CONSTRAINT report_downloads_report_fkey FOREIGN KEY (report_id) REFERENCES generated_reports (id)
);

CREATE INDEX report_downloads_report_idx ON report_downloads (report_id, downloaded_at);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '8')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
