-- Tamper evidence for the trades ledger and the event log (see the PostgreSQL migration for the design).
-- AUTOINCREMENT: the number is never reused and never renumbered (VACUUM keeps an INTEGER PRIMARY KEY), and with one
-- writer at a time a later commit always gets a higher number.

CREATE TABLE ledger_append_log (
    append_seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    row_sha256 TEXT,
    CONSTRAINT ledger_append_log_row_key UNIQUE (table_name, row_id),
    CONSTRAINT ledger_append_log_table_valid CHECK (table_name IN ('trades', 'challenge_events')),
    CONSTRAINT ledger_append_log_sha256_hex CHECK (row_sha256 IS NULL
        OR (length(row_sha256) = 64 AND row_sha256 NOT GLOB '*[^0-9a-f]*'))
);

INSERT INTO ledger_append_log (table_name, row_id)
SELECT table_name, row_id
FROM (SELECT 'trades' AS table_name, id AS row_id, created_at FROM trades
      UNION ALL
      SELECT 'challenge_events', id, created_at FROM challenge_events) appended
ORDER BY created_at, table_name, row_id;

CREATE TRIGGER trades_log_append AFTER INSERT ON trades
BEGIN
    INSERT INTO ledger_append_log (table_name, row_id) VALUES ('trades', NEW.id);
END;

CREATE TRIGGER challenge_events_log_append AFTER INSERT ON challenge_events
BEGIN
    INSERT INTO ledger_append_log (table_name, row_id) VALUES ('challenge_events', NEW.id);
END;

CREATE TRIGGER ledger_append_log_guard_update BEFORE UPDATE ON ledger_append_log
WHEN OLD.row_sha256 IS NOT NULL OR NEW.append_seq IS NOT OLD.append_seq OR NEW.table_name IS NOT OLD.table_name
    OR NEW.row_id IS NOT OLD.row_id
BEGIN
    SELECT RAISE(ABORT, 'ledger_append_log: UPDATE is not allowed (only a missing digest may be set)');
END;

CREATE TRIGGER ledger_append_log_guard_delete BEFORE DELETE ON ledger_append_log
BEGIN
    SELECT RAISE(ABORT, 'ledger_append_log: DELETE is not allowed (only a missing digest may be set)');
END;

CREATE TABLE ledger_seals (
    seal_number      INTEGER NOT NULL,
    business_date    TEXT    NOT NULL,
    from_append_seq  INTEGER NOT NULL,
    to_append_seq    INTEGER NOT NULL,
    trade_count      INTEGER NOT NULL,
    event_count      INTEGER NOT NULL,
    previous_hash    TEXT    NOT NULL,
    rows_hash        TEXT    NOT NULL,
    seal_hash        TEXT    NOT NULL,
    algorithm        TEXT    NOT NULL DEFAULT 'SHA-256/1',
    job_execution_id INTEGER,
    sealed_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT ledger_seals_pkey PRIMARY KEY (seal_number),
    CONSTRAINT ledger_seals_business_date_key UNIQUE (business_date),
    CONSTRAINT ledger_seals_seal_number_positive CHECK (typeof(seal_number) = 'integer' AND seal_number > 0),
    CONSTRAINT ledger_seals_range_valid CHECK (from_append_seq >= 0 AND to_append_seq >= from_append_seq),
    CONSTRAINT ledger_seals_counts_not_negative CHECK (trade_count >= 0 AND event_count >= 0),
    CONSTRAINT ledger_seals_previous_hash_hex CHECK (length(previous_hash) = 64 AND previous_hash NOT GLOB '*[^0-9a-f]*'),
    CONSTRAINT ledger_seals_rows_hash_hex CHECK (length(rows_hash) = 64 AND rows_hash NOT GLOB '*[^0-9a-f]*'),
    CONSTRAINT ledger_seals_seal_hash_hex CHECK (length(seal_hash) = 64 AND seal_hash NOT GLOB '*[^0-9a-f]*'),
    CONSTRAINT ledger_seals_business_date_date CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        AND date(business_date) = business_date),
    CONSTRAINT ledger_seals_sealed_at_instant CHECK (sealed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', sealed_at, '+0 seconds') = sealed_at)
);

CREATE TRIGGER ledger_seals_reject_update BEFORE UPDATE ON ledger_seals
BEGIN
    SELECT RAISE(ABORT, 'ledger_seals: UPDATE is not allowed (append-only table)');
END;

CREATE TRIGGER ledger_seals_reject_delete BEFORE DELETE ON ledger_seals
BEGIN
    SELECT RAISE(ABORT, 'ledger_seals: DELETE is not allowed (append-only table)');
END;

INSERT INTO schema_info (name, value) VALUES ('schema_version', '6')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
