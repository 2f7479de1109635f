-- GENERATED FILE, DO NOT EDIT: the TradeSense schema for SQLite at version 10.
-- It is schema/migrations/sqlite/V*.sql concatenated in version order; change a migration, then regenerate with
--   ./mvnw -q compile && java -cp target/classes com.tradesense.batch.db.CanonicalSchema
-- Install on an empty database: sqlite3 <file.db> < schema/tradesense_schema_sqlite.sql
-- The application's migrate command recognises such a database as being at version 10.

-- ======== V1__core_schema.sql ========

-- TradeSense core schema (SQLite 3.35+): the same logical design as the PostgreSQL schema.
-- SQLite has no decimal, timestamp or UUID types, so every such value is text in one exact shape, and a CHECK
-- rejects any other shape: ids are lowercase hyphenated UUIDs, money and quantities the plain decimal ('1234.50',
-- never a binary double), instants 'YYYY-MM-DDTHH:MM:SS.sssZ' (UTC, so text order is time order), dates
-- 'YYYY-MM-DD', JSON valid JSON text. Sign and range checks cast to NUMERIC, which is exact enough to compare.

CREATE TABLE schema_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    email         TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL DEFAULT 'USER',
    status        TEXT    NOT NULL DEFAULT 'PENDING_VERIFICATION',
    metadata      TEXT,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at    TEXT,
    version       INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT users_email_format CHECK (email LIKE '_%@_%'),
    -- A modular-crypt string ($2b$..., $argon2id$..., $scrypt$..., optionally with a {id} prefix): never plaintext.
    CONSTRAINT users_password_hash_format CHECK ((password_hash GLOB '$?*$*' OR password_hash GLOB '{?*}$?*$*')
        AND length(password_hash) >= 20),
    CONSTRAINT users_role_valid CHECK (role IN ('USER', 'ADMIN', 'SUPERADMIN')),
    CONSTRAINT users_status_valid CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED', 'CLOSED')),
    CONSTRAINT users_metadata_json CHECK (metadata IS NULL OR json_valid(metadata)),
    CONSTRAINT users_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at),
    CONSTRAINT users_updated_at_instant CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0 seconds') = updated_at),
    CONSTRAINT users_deleted_at_instant CHECK (deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', deleted_at, '+0 seconds') = deleted_at),
    CONSTRAINT users_version_not_negative CHECK (typeof(version) = 'integer' AND version >= 0)
);

-- Case-insensitive and only among live rows: a soft-deleted account frees its address.
CREATE UNIQUE INDEX users_email_live_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE challenges (
    id                     TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    user_id                TEXT    NOT NULL,
    status                 TEXT    NOT NULL DEFAULT 'PENDING',
    initial_balance        TEXT    NOT NULL,
    max_daily_drawdown_pct TEXT    NOT NULL,
    max_total_drawdown_pct TEXT    NOT NULL,
    profit_target_pct      TEXT    NOT NULL,
    min_trading_days       INTEGER NOT NULL DEFAULT 0,
    expires_at             TEXT,
    current_equity         TEXT    NOT NULL,
    max_equity_ever        TEXT    NOT NULL,
    daily_start_equity     TEXT    NOT NULL,
    last_daily_reset_date  TEXT,
    currency               TEXT    NOT NULL DEFAULT 'USD',
    provider               TEXT,
    provider_account_id    TEXT,
    started_at             TEXT,
    ended_at               TEXT,
    failure_reason         TEXT,
    created_at             TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at             TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at             TEXT,
    version                INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT challenges_pkey PRIMARY KEY (id),
    CONSTRAINT challenges_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT challenges_provider_account_key UNIQUE (provider, provider_account_id),
    CONSTRAINT challenges_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT challenges_status_valid CHECK (status IN ('PENDING', 'ACTIVE', 'FAILED', 'FUNDED')),
    CONSTRAINT challenges_initial_balance_decimal CHECK (initial_balance NOT GLOB '*[^0-9.-]*' AND (initial_balance GLOB '[0-9]*' OR initial_balance GLOB '-[0-9]*')
        AND initial_balance GLOB '*[0-9]' AND initial_balance NOT GLOB '?*-*' AND initial_balance NOT GLOB '*.*.*'
        AND initial_balance NOT GLOB '*.[0-9][0-9][0-9]*' AND length(initial_balance) <= 20),
    CONSTRAINT challenges_max_daily_drawdown_pct_decimal CHECK (max_daily_drawdown_pct NOT GLOB '*[^0-9.-]*' AND (max_daily_drawdown_pct GLOB '[0-9]*' OR max_daily_drawdown_pct GLOB '-[0-9]*')
        AND max_daily_drawdown_pct GLOB '*[0-9]' AND max_daily_drawdown_pct NOT GLOB '?*-*' AND max_daily_drawdown_pct NOT GLOB '*.*.*'
        AND max_daily_drawdown_pct NOT GLOB '*.[0-9][0-9][0-9]*' AND length(max_daily_drawdown_pct) <= 7),
    CONSTRAINT challenges_max_total_drawdown_pct_decimal CHECK (max_total_drawdown_pct NOT GLOB '*[^0-9.-]*' AND (max_total_drawdown_pct GLOB '[0-9]*' OR max_total_drawdown_pct GLOB '-[0-9]*')
        AND max_total_drawdown_pct GLOB '*[0-9]' AND max_total_drawdown_pct NOT GLOB '?*-*' AND max_total_drawdown_pct NOT GLOB '*.*.*'
        AND max_total_drawdown_pct NOT GLOB '*.[0-9][0-9][0-9]*' AND length(max_total_drawdown_pct) <= 7),
    CONSTRAINT challenges_profit_target_pct_decimal CHECK (profit_target_pct NOT GLOB '*[^0-9.-]*' AND (profit_target_pct GLOB '[0-9]*' OR profit_target_pct GLOB '-[0-9]*')
        AND profit_target_pct GLOB '*[0-9]' AND profit_target_pct NOT GLOB '?*-*' AND profit_target_pct NOT GLOB '*.*.*'
        AND profit_target_pct NOT GLOB '*.[0-9][0-9][0-9]*' AND length(profit_target_pct) <= 7),
    CONSTRAINT challenges_current_equity_decimal CHECK (current_equity NOT GLOB '*[^0-9.-]*' AND (current_equity GLOB '[0-9]*' OR current_equity GLOB '-[0-9]*')
        AND current_equity GLOB '*[0-9]' AND current_equity NOT GLOB '?*-*' AND current_equity NOT GLOB '*.*.*'
        AND current_equity NOT GLOB '*.[0-9][0-9][0-9]*' AND length(current_equity) <= 20),
    CONSTRAINT challenges_max_equity_ever_decimal CHECK (max_equity_ever NOT GLOB '*[^0-9.-]*' AND (max_equity_ever GLOB '[0-9]*' OR max_equity_ever GLOB '-[0-9]*')
        AND max_equity_ever GLOB '*[0-9]' AND max_equity_ever NOT GLOB '?*-*' AND max_equity_ever NOT GLOB '*.*.*'
        AND max_equity_ever NOT GLOB '*.[0-9][0-9][0-9]*' AND length(max_equity_ever) <= 20),
    CONSTRAINT challenges_daily_start_equity_decimal CHECK (daily_start_equity NOT GLOB '*[^0-9.-]*' AND (daily_start_equity GLOB '[0-9]*' OR daily_start_equity GLOB '-[0-9]*')
        AND daily_start_equity GLOB '*[0-9]' AND daily_start_equity NOT GLOB '?*-*' AND daily_start_equity NOT GLOB '*.*.*'
        AND daily_start_equity NOT GLOB '*.[0-9][0-9][0-9]*' AND length(daily_start_equity) <= 20),
    CONSTRAINT challenges_initial_balance_positive CHECK (CAST(initial_balance AS NUMERIC) > 0),
    CONSTRAINT challenges_max_daily_drawdown_pct_range CHECK (CAST(max_daily_drawdown_pct AS NUMERIC) > 0
        AND CAST(max_daily_drawdown_pct AS NUMERIC) <= 100),
    CONSTRAINT challenges_max_total_drawdown_pct_range CHECK (CAST(max_total_drawdown_pct AS NUMERIC) > 0
        AND CAST(max_total_drawdown_pct AS NUMERIC) <= 100),
    CONSTRAINT challenges_profit_target_pct_range CHECK (CAST(profit_target_pct AS NUMERIC) > 0
        AND CAST(profit_target_pct AS NUMERIC) <= 100),
    CONSTRAINT challenges_min_trading_days_not_negative CHECK (typeof(min_trading_days) = 'integer'
        AND min_trading_days >= 0),
    CONSTRAINT challenges_max_equity_ever_positive CHECK (CAST(max_equity_ever AS NUMERIC) > 0),
    CONSTRAINT challenges_daily_start_equity_not_negative CHECK (CAST(daily_start_equity AS NUMERIC) >= 0),
    CONSTRAINT challenges_currency_format CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    CONSTRAINT challenges_last_daily_reset_date_date CHECK (last_daily_reset_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(last_daily_reset_date, '+0 days') = last_daily_reset_date),
    CONSTRAINT challenges_expires_at_instant CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', expires_at, '+0 seconds') = expires_at),
    CONSTRAINT challenges_started_at_instant CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '+0 seconds') = started_at),
    CONSTRAINT challenges_ended_at_instant CHECK (ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', ended_at, '+0 seconds') = ended_at),
    CONSTRAINT challenges_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at),
    CONSTRAINT challenges_updated_at_instant CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0 seconds') = updated_at),
    CONSTRAINT challenges_deleted_at_instant CHECK (deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', deleted_at, '+0 seconds') = deleted_at),
    CONSTRAINT challenges_version_not_negative CHECK (typeof(version) = 'integer' AND version >= 0)
);

CREATE INDEX challenges_user_id_idx ON challenges (user_id);
CREATE INDEX challenges_status_idx ON challenges (status);
-- The nightly jobs walk the running challenges; these stay small while finished ones pile up.
CREATE INDEX challenges_active_idx ON challenges (id) WHERE status = 'ACTIVE';
CREATE INDEX challenges_active_expires_at_idx ON challenges (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX challenges_active_reset_date_idx ON challenges (last_daily_reset_date) WHERE status = 'ACTIVE';

CREATE TABLE trades (
    id                TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    challenge_id      TEXT    NOT NULL,
    sequence_number   INTEGER NOT NULL,
    provider          TEXT    NOT NULL,
    provider_trade_id TEXT    NOT NULL,
    symbol            TEXT    NOT NULL,
    side              TEXT    NOT NULL,
    quantity          TEXT    NOT NULL,
    price             TEXT    NOT NULL,
    commission        TEXT    NOT NULL DEFAULT '0.00',
    swap              TEXT    NOT NULL DEFAULT '0.00',
    realized_pnl      TEXT    NOT NULL,
    executed_at       TEXT    NOT NULL,
    created_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT trades_pkey PRIMARY KEY (id),
    CONSTRAINT trades_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT trades_challenge_sequence_key UNIQUE (challenge_id, sequence_number),
    CONSTRAINT trades_provider_trade_key UNIQUE (provider, provider_trade_id),
    CONSTRAINT trades_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT trades_sequence_number_positive CHECK (typeof(sequence_number) = 'integer' AND sequence_number > 0),
    CONSTRAINT trades_side_valid CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT trades_quantity_decimal CHECK (quantity NOT GLOB '*[^0-9.-]*' AND (quantity GLOB '[0-9]*' OR quantity GLOB '-[0-9]*')
        AND quantity GLOB '*[0-9]' AND quantity NOT GLOB '?*-*' AND quantity NOT GLOB '*.*.*'
        AND quantity NOT GLOB '*.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(quantity) <= 22),
    CONSTRAINT trades_price_decimal CHECK (price NOT GLOB '*[^0-9.-]*' AND (price GLOB '[0-9]*' OR price GLOB '-[0-9]*')
        AND price GLOB '*[0-9]' AND price NOT GLOB '?*-*' AND price NOT GLOB '*.*.*'
        AND price NOT GLOB '*.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(price) <= 22),
    CONSTRAINT trades_commission_decimal CHECK (commission NOT GLOB '*[^0-9.-]*' AND (commission GLOB '[0-9]*' OR commission GLOB '-[0-9]*')
        AND commission GLOB '*[0-9]' AND commission NOT GLOB '?*-*' AND commission NOT GLOB '*.*.*'
        AND commission NOT GLOB '*.[0-9][0-9][0-9]*' AND length(commission) <= 20),
    CONSTRAINT trades_swap_decimal CHECK (swap NOT GLOB '*[^0-9.-]*' AND (swap GLOB '[0-9]*' OR swap GLOB '-[0-9]*')
        AND swap GLOB '*[0-9]' AND swap NOT GLOB '?*-*' AND swap NOT GLOB '*.*.*'
        AND swap NOT GLOB '*.[0-9][0-9][0-9]*' AND length(swap) <= 20),
    CONSTRAINT trades_realized_pnl_decimal CHECK (realized_pnl NOT GLOB '*[^0-9.-]*' AND (realized_pnl GLOB '[0-9]*' OR realized_pnl GLOB '-[0-9]*')
        AND realized_pnl GLOB '*[0-9]' AND realized_pnl NOT GLOB '?*-*' AND realized_pnl NOT GLOB '*.*.*'
        AND realized_pnl NOT GLOB '*.[0-9][0-9][0-9]*' AND length(realized_pnl) <= 20),
    CONSTRAINT trades_quantity_positive CHECK (CAST(quantity AS NUMERIC) > 0),
    CONSTRAINT trades_price_positive CHECK (CAST(price AS NUMERIC) > 0),
    CONSTRAINT trades_commission_not_negative CHECK (CAST(commission AS NUMERIC) >= 0),
    CONSTRAINT trades_executed_at_instant CHECK (executed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', executed_at, '+0 seconds') = executed_at),
    CONSTRAINT trades_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at)
);

CREATE INDEX trades_challenge_id_idx ON trades (challenge_id);
-- Replays read a challenge's ledger in (executed_at, sequence_number) order.
CREATE INDEX trades_challenge_executed_idx ON trades (challenge_id, executed_at, sequence_number);
-- Reconciliation reads one trading server's day.
CREATE INDEX trades_provider_executed_idx ON trades (provider, executed_at);

CREATE TABLE challenge_events (
    id              TEXT    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    challenge_id    TEXT    NOT NULL,
    sequence_number INTEGER NOT NULL,
    event_type      TEXT    NOT NULL,
    event_data      TEXT    NOT NULL DEFAULT '{}',
    description     TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    correlation_id  TEXT    NOT NULL,
    causation_id    TEXT,
    idempotency_key TEXT,
    CONSTRAINT challenge_events_pkey PRIMARY KEY (id),
    CONSTRAINT challenge_events_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT challenge_events_challenge_sequence_key UNIQUE (challenge_id, sequence_number),
    CONSTRAINT challenge_events_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT challenge_events_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT challenge_events_sequence_number_positive CHECK (typeof(sequence_number) = 'integer'
        AND sequence_number > 0),
    CONSTRAINT challenge_events_event_type_valid CHECK (event_type IN (
        'TRADE_EXECUTED', 'CHALLENGE_STATUS_CHANGED', 'CHALLENGE_FAILED', 'CHALLENGE_FUNDED',
        'RISK_VIOLATION_DETECTED', 'DAILY_PNL_CALCULATED', 'DAILY_RESET_PERFORMED', 'DAILY_PNL_RESTATED')),
    CONSTRAINT challenge_events_event_data_object CHECK (CASE WHEN json_valid(event_data)
        THEN json_type(event_data) = 'object' ELSE 0 END),
    CONSTRAINT challenge_events_description_not_blank CHECK (length(trim(description)) > 0),
    CONSTRAINT challenge_events_occurred_at_instant CHECK (occurred_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', occurred_at, '+0 seconds') = occurred_at),
    CONSTRAINT challenge_events_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at)
);

CREATE INDEX challenge_events_challenge_id_idx ON challenge_events (challenge_id);
CREATE INDEX challenge_events_challenge_type_idx ON challenge_events (challenge_id, event_type);
CREATE INDEX challenge_events_occurred_at_idx ON challenge_events (occurred_at);

CREATE TABLE payments (
    id                  TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    user_id             TEXT NOT NULL,
    challenge_id        TEXT,
    provider            TEXT NOT NULL,
    provider_payment_id TEXT NOT NULL,
    amount              TEXT NOT NULL,
    currency            TEXT NOT NULL DEFAULT 'USD',
    status              TEXT NOT NULL DEFAULT 'PENDING',
    refunded_amount     TEXT NOT NULL DEFAULT '0.00',
    refunded_at         TEXT,
    webhook_data        TEXT,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT payments_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT payments_provider_payment_key UNIQUE (provider, provider_payment_id),
    CONSTRAINT payments_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT payments_provider_valid CHECK (provider IN ('STRIPE', 'PAYPAL', 'BANK_TRANSFER', 'MOCK')),
    CONSTRAINT payments_status_valid CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCESS', 'FAILED', 'REFUNDED', 'CANCELLED')),
    CONSTRAINT payments_amount_decimal CHECK (amount NOT GLOB '*[^0-9.-]*' AND (amount GLOB '[0-9]*' OR amount GLOB '-[0-9]*')
        AND amount GLOB '*[0-9]' AND amount NOT GLOB '?*-*' AND amount NOT GLOB '*.*.*'
        AND amount NOT GLOB '*.[0-9][0-9][0-9]*' AND length(amount) <= 20),
    CONSTRAINT payments_refunded_amount_decimal CHECK (refunded_amount NOT GLOB '*[^0-9.-]*' AND (refunded_amount GLOB '[0-9]*' OR refunded_amount GLOB '-[0-9]*')
        AND refunded_amount GLOB '*[0-9]' AND refunded_amount NOT GLOB '?*-*' AND refunded_amount NOT GLOB '*.*.*'
        AND refunded_amount NOT GLOB '*.[0-9][0-9][0-9]*' AND length(refunded_amount) <= 20),
    CONSTRAINT payments_amount_not_negative CHECK (CAST(amount AS NUMERIC) >= 0),
    CONSTRAINT payments_refunded_amount_range CHECK (CAST(refunded_amount AS NUMERIC) >= 0
        AND CAST(refunded_amount AS NUMERIC) <= CAST(amount AS NUMERIC)),
    CONSTRAINT payments_currency_format CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    CONSTRAINT payments_webhook_data_json CHECK (webhook_data IS NULL OR json_valid(webhook_data)),
    CONSTRAINT payments_refunded_at_instant CHECK (refunded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', refunded_at, '+0 seconds') = refunded_at),
    CONSTRAINT payments_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at),
    CONSTRAINT payments_updated_at_instant CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0 seconds') = updated_at)
);

CREATE INDEX payments_user_id_idx ON payments (user_id);
CREATE INDEX payments_challenge_id_idx ON payments (challenge_id);
CREATE INDEX payments_created_at_idx ON payments (created_at);

CREATE TABLE risk_alerts (
    id              TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab89ab89ab89ab', instr('0123456789ABCDEF', substr(hex(randomblob(1)), 1, 1)), 1)
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
    challenge_id    TEXT NOT NULL,
    alert_type      TEXT NOT NULL,
    severity        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'ACTIVE',
    message         TEXT NOT NULL,
    threshold_value TEXT,
    actual_value    TEXT,
    details         TEXT,
    correlation_id  TEXT,
    dedup_key       TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    acknowledged_at TEXT,
    resolved_at     TEXT,
    CONSTRAINT risk_alerts_pkey PRIMARY KEY (id),
    CONSTRAINT risk_alerts_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT risk_alerts_dedup_key_key UNIQUE (dedup_key),
    CONSTRAINT risk_alerts_id_uuid CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    CONSTRAINT risk_alerts_alert_type_valid CHECK (alert_type IN (
        'HIGH_DRAWDOWN', 'TOTAL_DRAWDOWN_EXCEEDED', 'PROFIT_TARGET_REACHED',
        'INACTIVE_TRADING', 'UNUSUAL_ACTIVITY', 'RISK_SCORE_SPIKE')),
    CONSTRAINT risk_alerts_severity_valid CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT risk_alerts_status_valid CHECK (status IN ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED')),
    CONSTRAINT risk_alerts_threshold_value_decimal CHECK (threshold_value NOT GLOB '*[^0-9.-]*' AND (threshold_value GLOB '[0-9]*' OR threshold_value GLOB '-[0-9]*')
        AND threshold_value GLOB '*[0-9]' AND threshold_value NOT GLOB '?*-*' AND threshold_value NOT GLOB '*.*.*'
        AND threshold_value NOT GLOB '*.[0-9][0-9][0-9][0-9][0-9]*' AND length(threshold_value) <= 20),
    CONSTRAINT risk_alerts_actual_value_decimal CHECK (actual_value NOT GLOB '*[^0-9.-]*' AND (actual_value GLOB '[0-9]*' OR actual_value GLOB '-[0-9]*')
        AND actual_value GLOB '*[0-9]' AND actual_value NOT GLOB '?*-*' AND actual_value NOT GLOB '*.*.*'
        AND actual_value NOT GLOB '*.[0-9][0-9][0-9][0-9][0-9]*' AND length(actual_value) <= 20),
    CONSTRAINT risk_alerts_details_json CHECK (details IS NULL OR json_valid(details)),
    CONSTRAINT risk_alerts_created_at_instant CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0 seconds') = created_at),
    CONSTRAINT risk_alerts_acknowledged_at_instant CHECK (acknowledged_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', acknowledged_at, '+0 seconds') = acknowledged_at),
    CONSTRAINT risk_alerts_resolved_at_instant CHECK (resolved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
        AND strftime('%Y-%m-%dT%H:%M:%fZ', resolved_at, '+0 seconds') = resolved_at)
);

CREATE INDEX risk_alerts_challenge_id_idx ON risk_alerts (challenge_id);
CREATE INDEX risk_alerts_challenge_type_idx ON risk_alerts (challenge_id, alert_type);

-- The ledger and the event log are evidence: once written, a row never changes and never goes away.
CREATE TRIGGER trades_reject_update BEFORE UPDATE ON trades
BEGIN
    SELECT RAISE(ABORT, 'trades: UPDATE is not allowed (append-only table)');
END;

CREATE TRIGGER trades_reject_delete BEFORE DELETE ON trades
BEGIN
    SELECT RAISE(ABORT, 'trades: DELETE is not allowed (append-only table)');
END;

CREATE TRIGGER challenge_events_reject_update BEFORE UPDATE ON challenge_events
BEGIN
    SELECT RAISE(ABORT, 'challenge_events: UPDATE is not allowed (append-only table)');
END;

CREATE TRIGGER challenge_events_reject_delete BEFORE DELETE ON challenge_events
BEGIN
    SELECT RAISE(ABORT, 'challenge_events: DELETE is not allowed (append-only table)');
END;

-- A challenge is soft-deleted only; its rules are fixed at purchase; FUNDED and FAILED are final.
-- RAISE takes only a literal message, hence one branch per column and per forbidden transition.
CREATE TRIGGER challenges_reject_delete BEFORE DELETE ON challenges
BEGIN
    SELECT RAISE(ABORT, 'challenges: DELETE is not allowed (set deleted_at instead)');
END;

CREATE TRIGGER challenges_guard_update BEFORE UPDATE ON challenges
BEGIN
    SELECT CASE
        WHEN NEW.user_id IS NOT OLD.user_id
            THEN RAISE(ABORT, 'challenges: configuration column user_id cannot be changed')
        WHEN NEW.initial_balance IS NOT OLD.initial_balance
            THEN RAISE(ABORT, 'challenges: configuration column initial_balance cannot be changed')
        WHEN NEW.max_daily_drawdown_pct IS NOT OLD.max_daily_drawdown_pct
            THEN RAISE(ABORT, 'challenges: configuration column max_daily_drawdown_pct cannot be changed')
        WHEN NEW.max_total_drawdown_pct IS NOT OLD.max_total_drawdown_pct
            THEN RAISE(ABORT, 'challenges: configuration column max_total_drawdown_pct cannot be changed')
        WHEN NEW.profit_target_pct IS NOT OLD.profit_target_pct
            THEN RAISE(ABORT, 'challenges: configuration column profit_target_pct cannot be changed')
        WHEN NEW.min_trading_days IS NOT OLD.min_trading_days
            THEN RAISE(ABORT, 'challenges: configuration column min_trading_days cannot be changed')
        WHEN NEW.expires_at IS NOT OLD.expires_at
            THEN RAISE(ABORT, 'challenges: configuration column expires_at cannot be changed')
        WHEN NEW.currency IS NOT OLD.currency
            THEN RAISE(ABORT, 'challenges: configuration column currency cannot be changed')
        WHEN OLD.status = 'PENDING' AND NEW.status = 'FAILED'
            THEN RAISE(ABORT, 'challenges: status transition PENDING -> FAILED is not allowed')
        WHEN OLD.status = 'PENDING' AND NEW.status = 'FUNDED'
            THEN RAISE(ABORT, 'challenges: status transition PENDING -> FUNDED is not allowed')
        WHEN OLD.status = 'ACTIVE' AND NEW.status = 'PENDING'
            THEN RAISE(ABORT, 'challenges: status transition ACTIVE -> PENDING is not allowed')
        WHEN OLD.status = 'FAILED' AND NEW.status = 'PENDING'
            THEN RAISE(ABORT, 'challenges: status transition FAILED -> PENDING is not allowed')
        WHEN OLD.status = 'FAILED' AND NEW.status = 'ACTIVE'
            THEN RAISE(ABORT, 'challenges: status transition FAILED -> ACTIVE is not allowed')
        WHEN OLD.status = 'FAILED' AND NEW.status = 'FUNDED'
            THEN RAISE(ABORT, 'challenges: status transition FAILED -> FUNDED is not allowed')
        WHEN OLD.status = 'FUNDED' AND NEW.status = 'PENDING'
            THEN RAISE(ABORT, 'challenges: status transition FUNDED -> PENDING is not allowed')
        WHEN OLD.status = 'FUNDED' AND NEW.status = 'ACTIVE'
            THEN RAISE(ABORT, 'challenges: status transition FUNDED -> ACTIVE is not allowed')
        WHEN OLD.status = 'FUNDED' AND NEW.status = 'FAILED'
            THEN RAISE(ABORT, 'challenges: status transition FUNDED -> FAILED is not allowed')
    END;
END;

-- An analytics view, not money: figures are computed in floating point and rounded for display.
CREATE VIEW challenge_performance_analytics AS
SELECT c.id                                                                              AS challenge_id,
       c.user_id,
       c.status,
       c.created_at,
       round((CAST(c.current_equity AS REAL) - CAST(c.initial_balance AS REAL))
             / CAST(c.initial_balance AS REAL) * 100, 4)                                 AS profit_pct,
       round((CAST(c.max_equity_ever AS REAL) - CAST(c.current_equity AS REAL))
             / CAST(c.max_equity_ever AS REAL) * 100, 4)                                 AS drawdown_pct,
       round(max(CAST(c.daily_start_equity AS REAL) - CAST(c.current_equity AS REAL), 0)
             / nullif(CAST(c.daily_start_equity AS REAL), 0) * 100, 4)                   AS daily_drawdown_used_pct,
       coalesce(t.trading_hours, 0)                                                      AS trading_hours,
       t.win_rate,
       t.avg_trade_size,
       coalesce(t.total_volume, 0)                                                       AS total_volume,
       coalesce(t.total_trades, 0)                                                       AS total_trades
FROM challenges c
LEFT JOIN (SELECT challenge_id,
                  -- Whole seconds from strftime plus the millisecond digits of the fixed-shape text.
                  round(((CAST(strftime('%s', max(executed_at)) AS INTEGER) * 1000
                            + CAST(substr(max(executed_at), 21, 3) AS INTEGER))
                         - (CAST(strftime('%s', min(executed_at)) AS INTEGER) * 1000
                            + CAST(substr(min(executed_at), 21, 3) AS INTEGER))) / 3600000.0, 4) AS trading_hours,
                  round(100.0 * sum(CASE WHEN CAST(realized_pnl AS NUMERIC) > 0 THEN 1 ELSE 0 END)
                        / nullif(sum(CASE WHEN CAST(realized_pnl AS NUMERIC) <> 0 THEN 1 ELSE 0 END), 0), 4)
                                                                                          AS win_rate,
                  round(avg(CAST(quantity AS REAL)), 8)                                   AS avg_trade_size,
                  sum(CAST(quantity AS REAL))                                             AS total_volume,
                  count(*)                                                                AS total_trades
           FROM trades
           GROUP BY challenge_id) t ON t.challenge_id = c.id
WHERE c.deleted_at IS NULL;

INSERT INTO schema_info (name, value) VALUES ('schema_version', '1')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- ======== V2__spring_batch.sql ========

-- Spring Batch 6.0.6 job repository, as shipped in spring-batch-core (org/springframework/batch/core/schema-sqlite.sql).

CREATE TABLE BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID INTEGER  NOT NULL PRIMARY KEY AUTOINCREMENT,
	VERSION INTEGER,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID INTEGER  NOT NULL PRIMARY KEY AUTOINCREMENT,
	VERSION INTEGER,
	JOB_INSTANCE_ID INTEGER NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(100),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID INTEGER NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID INTEGER  NOT NULL PRIMARY KEY AUTOINCREMENT,
	VERSION INTEGER NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID INTEGER NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT INTEGER,
	READ_COUNT INTEGER,
	FILTER_COUNT INTEGER,
	WRITE_COUNT INTEGER,
	READ_SKIP_COUNT INTEGER,
	WRITE_SKIP_COUNT INTEGER,
	PROCESS_SKIP_COUNT INTEGER,
	ROLLBACK_COUNT INTEGER,
	EXIT_CODE VARCHAR(100),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID INTEGER NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT CLOB,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID INTEGER NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT CLOB,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_SEQ (
	ID INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE TABLE BATCH_JOB_EXECUTION_SEQ (
	ID INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE TABLE BATCH_JOB_INSTANCE_SEQ (
	ID INTEGER PRIMARY KEY AUTOINCREMENT
);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '2')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- ======== V4__generated_reports.sql ========

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

-- ======== V5__reconciliation.sql ========

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

-- ======== V6__ledger_seals.sql ========

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

-- ======== V7__daily_closings.sql ========

-- The end-of-day checkpoint of each challenge and business date: where the ledger replay stood at the day's close,
-- so the next night starts from it instead of replaying the whole history. `ledger_watermark` is the highest trade
-- sequence number of the challenge when the day was computed; a trade executed before the day's end with a higher
-- number arrived late and makes the closing (and every later one) due for a restatement.

CREATE TABLE challenge_daily_closings (
    challenge_id         TEXT    NOT NULL,
    business_date        TEXT    NOT NULL,
    revision             INTEGER NOT NULL DEFAULT 1,
    opening_equity       TEXT    NOT NULL,
    closing_equity       TEXT    NOT NULL,
    peak_equity          TEXT    NOT NULL,
    lowest_equity        TEXT    NOT NULL,
    trading_days_to_date INTEGER NOT NULL,
    trade_count          INTEGER NOT NULL,
    volume               TEXT    NOT NULL,
    max_daily_drawdown_pct_used TEXT NOT NULL,
    risk_score           TEXT    NOT NULL,
    ledger_ended_at      TEXT,
    ledger_outcome       TEXT,
    ledger_watermark     INTEGER NOT NULL,
    figures_sha256       TEXT    NOT NULL,
    event_id             TEXT    NOT NULL,
    job_execution_id     INTEGER,
    computed_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT challenge_daily_closings_pkey PRIMARY KEY (challenge_id, business_date),
    CONSTRAINT challenge_daily_closings_challenge_fkey FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT challenge_daily_closings_revision_positive CHECK (typeof(revision) = 'integer' AND revision > 0),
    CONSTRAINT challenge_daily_closings_business_date_date CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        AND date(business_date, '+0 days') = business_date),
    CONSTRAINT challenge_daily_closings_outcome_valid CHECK (ledger_outcome IS NULL
        OR ledger_outcome IN ('DAILY_DRAWDOWN_EXCEEDED', 'TOTAL_DRAWDOWN_EXCEEDED', 'EXPIRED', 'FUNDED'))
);

CREATE INDEX challenge_daily_closings_date_idx ON challenge_daily_closings (business_date);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '7')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- ======== V8__report_delivery.sql ========

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

-- ======== V9__closings_date_challenge_index.sql ========

-- The nightly jobs look up one challenge's closing of one date for every challenge they touch. With the date alone
-- indexed, a planner whose statistics predate the newest closings (the usual case right after daily-pnl wrote them)
-- may pick the date index and filter thousands of rows per look-up; with the challenge as the second column either
-- index answers the look-up with one seek, and listing a date's closings is served as before.
DROP INDEX challenge_daily_closings_date_idx;
CREATE INDEX challenge_daily_closings_date_challenge_idx ON challenge_daily_closings (business_date, challenge_id);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '9')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- ======== V10__reconciliation_cross_day_trades.sql ========

-- A trade stamped within the time tolerance of midnight may sit in either day's export. A run looks for missing
-- trades in [day start - tolerance, day end - tolerance), so the whole midnight edge belongs to the later day, which
-- in the normal order runs second; the runs tell each other what they decided about trades of another day's window:
--   PAIRED_OUTSIDE_WINDOW  the run's file held the trade, whose ledger time lies outside the run's window; no other
--                          day reports it missing while this run is current.
--   LEFT_TO_OTHER_DAY      a trade of the run's window that its file lacked and it did not report missing because
--                          another day's current run held it (recorded by that run when it ran second). When that
--                          other day's corrected file no longer holds the trade, the correction reports it missing.
--   REPORTED_FOR_OTHER_DAY a trade a corrected file reported missing for that reason; the day whose window holds it
--                          leaves it to this run while the run is current, so it is counted and reported once.
-- A trade that reaches the ledger after a file that held it was reconciled is recorded as PAIRED_OUTSIDE_WINDOW for
-- that file's run, wherever its time falls.
CREATE TABLE reconciliation_cross_day_trades (
    run_id            TEXT NOT NULL,
    provider          TEXT NOT NULL,
    provider_trade_id TEXT NOT NULL,
    trade_id          TEXT NOT NULL,
    kind              TEXT NOT NULL,
    CONSTRAINT reconciliation_cross_day_trades_pkey PRIMARY KEY (run_id, provider_trade_id),
    CONSTRAINT reconciliation_cross_day_trades_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_cross_day_trades_trade_fk FOREIGN KEY (trade_id) REFERENCES trades (id),
    CONSTRAINT reconciliation_cross_day_trades_kind_valid CHECK (kind IN ('PAIRED_OUTSIDE_WINDOW', 'LEFT_TO_OTHER_DAY', 'REPORTED_FOR_OTHER_DAY')),
    CONSTRAINT reconciliation_cross_day_trades_trade_id_uuid CHECK (trade_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
);

CREATE INDEX reconciliation_cross_day_trades_trade_idx ON reconciliation_cross_day_trades (provider, provider_trade_id, kind);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '10')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
