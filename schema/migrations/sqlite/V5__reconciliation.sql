-- Trade reconciliation against provider exports (CONTRACT §5). A run is one provider export file for one provider
-- day; a break is one difference, identified across runs by (provider, provider_trade_id, break_type, field), so it
-- keeps its first_seen_date while later runs still find it. People resolve or write off breaks; every such action is
-- kept in reconciliation_break_actions, and a write-off needs a second, different person's approval.

CREATE TABLE reconciliation_runs (
    id                        TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    provider                  TEXT    NOT NULL,
    business_date             TEXT    NOT NULL,
    source_file_name          TEXT,
    source_sha256             TEXT,
    rows_read                 INTEGER NOT NULL DEFAULT 0,
    rows_matched              INTEGER NOT NULL DEFAULT 0,
    breaks_count              INTEGER NOT NULL DEFAULT 0,
    status                    TEXT    NOT NULL DEFAULT 'RUNNING',
    started_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at               TEXT,
    window_start              TEXT    NOT NULL,
    window_end                TEXT    NOT NULL,
    rows_skipped              INTEGER NOT NULL DEFAULT 0,
    ledger_rows               INTEGER NOT NULL DEFAULT 0,
    ledger_pnl_total          TEXT,
    provider_pnl_total        TEXT,
    ledger_commission_total   TEXT,
    provider_commission_total TEXT,
    tolerances                TEXT,
    superseded_by             TEXT,
    job_execution_id          INTEGER,
    failure_message           TEXT,
    CONSTRAINT reconciliation_runs_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_runs_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT reconciliation_runs_status_valid
        CHECK (status IN ('RUNNING', 'COMPLETED', 'COMPLETED_WITH_BREAKS', 'NO_DATA', 'FAILED')),
    CONSTRAINT reconciliation_runs_sha256_hex CHECK (source_sha256 IS NULL OR (length(source_sha256) = 64 AND source_sha256 NOT GLOB '*[^0-9a-f]*')),
    CONSTRAINT reconciliation_runs_counts_not_negative
        CHECK (rows_read >= 0 AND rows_matched >= 0 AND breaks_count >= 0 AND rows_skipped >= 0 AND ledger_rows >= 0),
    CONSTRAINT reconciliation_runs_window_ordered CHECK (window_start < window_end),
    CONSTRAINT reconciliation_runs_business_date_date CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(business_date) = business_date),
    CONSTRAINT reconciliation_runs_started_at_instant CHECK ((started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '+0 seconds') = started_at)),
    CONSTRAINT reconciliation_runs_finished_at_instant CHECK (finished_at IS NULL OR (finished_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, '+0 seconds') = finished_at)),
    CONSTRAINT reconciliation_runs_window_start_instant CHECK ((window_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', window_start, '+0 seconds') = window_start)),
    CONSTRAINT reconciliation_runs_window_end_instant CHECK ((window_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', window_end, '+0 seconds') = window_end)),
    CONSTRAINT reconciliation_runs_ledger_pnl_total_decimal CHECK (ledger_pnl_total IS NULL OR (ledger_pnl_total NOT GLOB '*[^0-9.-]*' AND (ledger_pnl_total GLOB '[0-9]*' OR ledger_pnl_total GLOB '-[0-9]*')
        AND ledger_pnl_total GLOB '*[0-9]' AND ledger_pnl_total NOT GLOB '?*-*' AND ledger_pnl_total NOT GLOB '*.*.*'
        AND ledger_pnl_total NOT GLOB '*.[0-9][0-9][0-9]*' AND length(ledger_pnl_total) <= 20)),
    CONSTRAINT reconciliation_runs_provider_pnl_total_decimal CHECK (provider_pnl_total IS NULL OR (provider_pnl_total NOT GLOB '*[^0-9.-]*' AND (provider_pnl_total GLOB '[0-9]*' OR provider_pnl_total GLOB '-[0-9]*')
        AND provider_pnl_total GLOB '*[0-9]' AND provider_pnl_total NOT GLOB '?*-*' AND provider_pnl_total NOT GLOB '*.*.*'
        AND provider_pnl_total NOT GLOB '*.[0-9][0-9][0-9]*' AND length(provider_pnl_total) <= 20)),
    CONSTRAINT reconciliation_runs_ledger_commission_total_decimal CHECK (ledger_commission_total IS NULL OR (ledger_commission_total NOT GLOB '*[^0-9.-]*' AND (ledger_commission_total GLOB '[0-9]*' OR ledger_commission_total GLOB '-[0-9]*')
        AND ledger_commission_total GLOB '*[0-9]' AND ledger_commission_total NOT GLOB '?*-*' AND ledger_commission_total NOT GLOB '*.*.*'
        AND ledger_commission_total NOT GLOB '*.[0-9][0-9][0-9]*' AND length(ledger_commission_total) <= 20)),
    CONSTRAINT reconciliation_runs_provider_commission_total_decimal CHECK (provider_commission_total IS NULL OR (provider_commission_total NOT GLOB '*[^0-9.-]*' AND (provider_commission_total GLOB '[0-9]*' OR provider_commission_total GLOB '-[0-9]*')
        AND provider_commission_total GLOB '*[0-9]' AND provider_commission_total NOT GLOB '?*-*' AND provider_commission_total NOT GLOB '*.*.*'
        AND provider_commission_total NOT GLOB '*.[0-9][0-9][0-9]*' AND length(provider_commission_total) <= 20)),
    CONSTRAINT reconciliation_runs_tolerances_json CHECK (tolerances IS NULL OR json_valid(tolerances)),
    CONSTRAINT reconciliation_runs_superseded_by_fk FOREIGN KEY (superseded_by) REFERENCES reconciliation_runs (id)
);

-- One finished run per file: the same file again returns it. Failed attempts do not count.
CREATE UNIQUE INDEX reconciliation_runs_file_key ON reconciliation_runs (provider, business_date, source_sha256)
    WHERE status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS');
CREATE INDEX reconciliation_runs_provider_date_idx ON reconciliation_runs (provider, business_date);

CREATE TABLE reconciliation_breaks (
    id                     TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    run_id                 TEXT    NOT NULL,
    break_type             TEXT    NOT NULL,
    provider_trade_id      TEXT,
    challenge_id           TEXT,
    trade_id               TEXT,
    field                  TEXT,
    ledger_value           TEXT,
    provider_value         TEXT,
    status                 TEXT    NOT NULL DEFAULT 'OPEN',
    first_seen_date        TEXT    NOT NULL,
    created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    provider               TEXT    NOT NULL,
    break_key              TEXT    NOT NULL,
    business_date          TEXT    NOT NULL,
    last_seen_run_id       TEXT    NOT NULL,
    last_seen_date         TEXT    NOT NULL,
    line_number            INTEGER,
    raw_text               TEXT,
    resolved_at            TEXT,
    resolved_by            TEXT,
    resolution_reason      TEXT,
    resolved_by_run_id     TEXT,
    write_off_requested_by TEXT,
    write_off_requested_at TEXT,
    write_off_reason       TEXT,
    approved_by            TEXT,
    approved_at            TEXT,
    CONSTRAINT reconciliation_breaks_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_breaks_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT reconciliation_breaks_challenge_id_uuid CHECK (challenge_id IS NULL OR challenge_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT reconciliation_breaks_trade_id_uuid CHECK (trade_id IS NULL OR trade_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT reconciliation_breaks_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_breaks_last_run_fk FOREIGN KEY (last_seen_run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_breaks_type_valid CHECK (break_type IN ('MISSING_IN_LEDGER', 'MISSING_IN_PROVIDER',
        'QUANTITY_MISMATCH', 'PRICE_MISMATCH', 'PNL_MISMATCH', 'COMMISSION_MISMATCH', 'SWAP_MISMATCH',
        'SYMBOL_MISMATCH', 'SIDE_MISMATCH', 'TIME_MISMATCH', 'ACCOUNT_MISMATCH', 'DUPLICATE_IN_EXPORT',
        'INVALID_ROW')),
    CONSTRAINT reconciliation_breaks_status_valid CHECK (status IN ('OPEN', 'RESOLVED', 'WRITTEN_OFF')),
    CONSTRAINT reconciliation_breaks_write_off_approved
        CHECK (status <> 'WRITTEN_OFF' OR (approved_by IS NOT NULL AND write_off_requested_by IS NOT NULL
            AND approved_by <> write_off_requested_by)),
    CONSTRAINT reconciliation_breaks_first_seen_date_date CHECK (first_seen_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(first_seen_date) = first_seen_date),
    CONSTRAINT reconciliation_breaks_business_date_date CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(business_date) = business_date),
    CONSTRAINT reconciliation_breaks_last_seen_date_date CHECK (last_seen_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(last_seen_date) = last_seen_date),
    CONSTRAINT reconciliation_breaks_created_at_instant CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at)),
    CONSTRAINT reconciliation_breaks_resolved_at_instant CHECK (resolved_at IS NULL OR (resolved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', resolved_at, '+0 seconds') = resolved_at)),
    CONSTRAINT reconciliation_breaks_write_off_requested_at_instant CHECK (write_off_requested_at IS NULL OR (write_off_requested_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', write_off_requested_at, '+0 seconds') = write_off_requested_at)),
    CONSTRAINT reconciliation_breaks_approved_at_instant CHECK (approved_at IS NULL OR (approved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', approved_at, '+0 seconds') = approved_at))
);

-- A break identity is open at most once; resolved and written-off rows stay as history.
CREATE UNIQUE INDEX reconciliation_breaks_open_key ON reconciliation_breaks (break_key) WHERE status = 'OPEN';
CREATE INDEX reconciliation_breaks_key_idx ON reconciliation_breaks (break_key);
CREATE INDEX reconciliation_breaks_provider_status_idx ON reconciliation_breaks (provider, status);
CREATE INDEX reconciliation_breaks_last_seen_run_idx ON reconciliation_breaks (last_seen_run_id);
CREATE INDEX reconciliation_breaks_run_idx ON reconciliation_breaks (run_id);

CREATE TABLE reconciliation_break_actions (
    id         TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    break_id   TEXT NOT NULL,
    action     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    reason     TEXT,
    acted_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT reconciliation_break_actions_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_break_actions_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT reconciliation_break_actions_break_fk FOREIGN KEY (break_id) REFERENCES reconciliation_breaks (id),
    CONSTRAINT reconciliation_break_actions_action_valid
        CHECK (action IN ('RESOLVE', 'WRITE_OFF_REQUEST', 'WRITE_OFF_APPROVE')),
    CONSTRAINT reconciliation_break_actions_actor_present CHECK (actor <> ''),
    CONSTRAINT reconciliation_break_actions_acted_at_instant CHECK ((acted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', acted_at, '+0 seconds') = acted_at))
);

CREATE INDEX reconciliation_break_actions_break_idx ON reconciliation_break_actions (break_id, acted_at);
CREATE INDEX reconciliation_break_actions_acted_at_idx ON reconciliation_break_actions (acted_at);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '5')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
