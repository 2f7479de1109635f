-- Trade reconciliation against provider exports (CONTRACT §5). A run is one provider export file for one provider
-- day; a break is one difference, identified across runs by (provider, provider_trade_id, break_type, field), so it
-- keeps its first_seen_date while later runs still find it. People resolve or write off breaks; every such action is
-- kept in reconciliation_break_actions, and a write-off needs a second, different person's approval.

CREATE TABLE reconciliation_runs (
    id                        UUID          NOT NULL DEFAULT gen_random_uuid(),
    provider                  VARCHAR(64)   NOT NULL,
    business_date             DATE          NOT NULL,
    source_file_name          TEXT,
    source_sha256             TEXT,
    rows_read                 BIGINT        NOT NULL DEFAULT 0,
    rows_matched              BIGINT        NOT NULL DEFAULT 0,
    breaks_count              BIGINT        NOT NULL DEFAULT 0,
    status                    VARCHAR(32)   NOT NULL DEFAULT 'RUNNING',
    started_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    finished_at               TIMESTAMPTZ,
    window_start              TIMESTAMPTZ   NOT NULL,
    window_end                TIMESTAMPTZ   NOT NULL,
    rows_skipped              BIGINT        NOT NULL DEFAULT 0,
    ledger_rows               BIGINT        NOT NULL DEFAULT 0,
    ledger_pnl_total          NUMERIC(18,2),
    provider_pnl_total        NUMERIC(18,2),
    ledger_commission_total   NUMERIC(18,2),
    provider_commission_total NUMERIC(18,2),
    tolerances                JSONB,
    superseded_by             UUID,
    job_execution_id          BIGINT,
    failure_message           TEXT,
    CONSTRAINT reconciliation_runs_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_runs_status_valid
        CHECK (status IN ('RUNNING', 'COMPLETED', 'COMPLETED_WITH_BREAKS', 'NO_DATA', 'FAILED')),
    CONSTRAINT reconciliation_runs_sha256_hex CHECK (source_sha256 IS NULL OR source_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT reconciliation_runs_counts_not_negative
        CHECK (rows_read >= 0 AND rows_matched >= 0 AND breaks_count >= 0 AND rows_skipped >= 0 AND ledger_rows >= 0),
    CONSTRAINT reconciliation_runs_window_ordered CHECK (window_start < window_end),
    CONSTRAINT reconciliation_runs_superseded_by_fk FOREIGN KEY (superseded_by) REFERENCES reconciliation_runs (id)
);

-- One finished run per file: the same file again returns it. Failed attempts do not count.
CREATE UNIQUE INDEX reconciliation_runs_file_key ON reconciliation_runs (provider, business_date, source_sha256)
    WHERE status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS');
CREATE INDEX reconciliation_runs_provider_date_idx ON reconciliation_runs (provider, business_date);

CREATE TABLE reconciliation_breaks (
    id                  UUID          NOT NULL DEFAULT gen_random_uuid(),
    run_id              UUID          NOT NULL,
    break_type          VARCHAR(32)   NOT NULL,
    provider_trade_id   VARCHAR(128),
    challenge_id        UUID,
    trade_id            UUID,
    field               VARCHAR(64),
    ledger_value        TEXT,
    provider_value      TEXT,
    status              VARCHAR(16)   NOT NULL DEFAULT 'OPEN',
    first_seen_date     DATE          NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    provider            VARCHAR(64)   NOT NULL,
    break_key           TEXT          NOT NULL,
    business_date       DATE          NOT NULL,
    last_seen_run_id    UUID          NOT NULL,
    last_seen_date      DATE          NOT NULL,
    line_number         BIGINT,
    raw_text            TEXT,
    resolved_at         TIMESTAMPTZ,
    resolved_by         TEXT,
    resolution_reason   TEXT,
    resolved_by_run_id  UUID,
    write_off_requested_by TEXT,
    write_off_requested_at TIMESTAMPTZ,
    write_off_reason    TEXT,
    approved_by         TEXT,
    approved_at         TIMESTAMPTZ,
    CONSTRAINT reconciliation_breaks_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_breaks_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_breaks_last_run_fk FOREIGN KEY (last_seen_run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_breaks_type_valid CHECK (break_type IN ('MISSING_IN_LEDGER', 'MISSING_IN_PROVIDER',
        'QUANTITY_MISMATCH', 'PRICE_MISMATCH', 'PNL_MISMATCH', 'COMMISSION_MISMATCH', 'SWAP_MISMATCH',
        'SYMBOL_MISMATCH', 'SIDE_MISMATCH', 'TIME_MISMATCH', 'ACCOUNT_MISMATCH', 'DUPLICATE_IN_EXPORT',
        'INVALID_ROW')),
    CONSTRAINT reconciliation_breaks_status_valid CHECK (status IN ('OPEN', 'RESOLVED', 'WRITTEN_OFF')),
    CONSTRAINT reconciliation_breaks_write_off_approved
        CHECK (status <> 'WRITTEN_OFF' OR (approved_by IS NOT NULL AND write_off_requested_by IS NOT NULL
            AND approved_by <> write_off_requested_by))
);

-- A break identity is open at most once; resolved and written-off rows stay as history.
CREATE UNIQUE INDEX reconciliation_breaks_open_key ON reconciliation_breaks (break_key) WHERE status = 'OPEN';
CREATE INDEX reconciliation_breaks_key_idx ON reconciliation_breaks (break_key);
CREATE INDEX reconciliation_breaks_provider_status_idx ON reconciliation_breaks (provider, status);
CREATE INDEX reconciliation_breaks_last_seen_run_idx ON reconciliation_breaks (last_seen_run_id);
CREATE INDEX reconciliation_breaks_run_idx ON reconciliation_breaks (run_id);

CREATE TABLE reconciliation_break_actions (
    id         UUID        NOT NULL DEFAULT gen_random_uuid(),
    break_id   UUID        NOT NULL,
    action     VARCHAR(32) NOT NULL,
    actor      TEXT        NOT NULL,
    reason     TEXT,
    acted_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reconciliation_break_actions_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_break_actions_break_fk FOREIGN KEY (break_id) REFERENCES reconciliation_breaks (id),
    CONSTRAINT reconciliation_break_actions_action_valid
        CHECK (action IN ('RESOLVE', 'WRITE_OFF_REQUEST', 'WRITE_OFF_APPROVE')),
    CONSTRAINT reconciliation_break_actions_actor_present CHECK (actor <> '')
);

CREATE INDEX reconciliation_break_actions_break_idx ON reconciliation_break_actions (break_id, acted_at);
CREATE INDEX reconciliation_break_actions_acted_at_idx ON reconciliation_break_actions (acted_at);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '5')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
