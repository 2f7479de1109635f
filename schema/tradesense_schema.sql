-- GENERATED FILE, DO NOT EDIT: the TradeSense schema for PostgreSQL at version 10.
-- It is schema/migrations/postgresql/V*.sql concatenated in version order; change a migration, then regenerate with
--   ./mvnw -q compile && java -cp target/classes com.tradesense.batch.db.CanonicalSchema
-- Install on an empty database: psql <database> < schema/tradesense_schema.sql
-- The application's migrate command recognises such a database as being at version 10.

-- ======== V1__core_schema.sql ========

-- TradeSense core schema (PostgreSQL 14+): the six shared tables, their guards and the analytics view.
-- Money is NUMERIC(18,2), quantities and prices NUMERIC(20,8), configured percentages NUMERIC(5,2); instants are
-- TIMESTAMPTZ and business dates DATE, so no value depends on the session time zone.

CREATE TABLE schema_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            UUID         NOT NULL DEFAULT gen_random_uuid(),
    email         VARCHAR(320) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(32)  NOT NULL DEFAULT 'USER',
    status        VARCHAR(32)  NOT NULL DEFAULT 'PENDING_VERIFICATION',
    metadata      JSONB,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at    TIMESTAMPTZ,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_format CHECK (email LIKE '_%@_%'),
    -- A modular-crypt string ($2b$..., $argon2id$..., $scrypt$..., optionally with a {id} prefix): never plaintext.
    CONSTRAINT users_password_hash_format CHECK (password_hash ~ '^(\{[^}]+\})?\$[^$]+\$' AND length(password_hash) >= 20),
    CONSTRAINT users_role_valid CHECK (role IN ('USER', 'ADMIN', 'SUPERADMIN')),
    CONSTRAINT users_status_valid CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED', 'CLOSED')),
    CONSTRAINT users_version_not_negative CHECK (version >= 0)
);

-- Case-insensitive and only among live rows: a soft-deleted account frees its address.
CREATE UNIQUE INDEX users_email_live_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE challenges (
    id                     UUID          NOT NULL DEFAULT gen_random_uuid(),
    user_id                UUID          NOT NULL,
    status                 VARCHAR(32)   NOT NULL DEFAULT 'PENDING',
    initial_balance        NUMERIC(18,2) NOT NULL,
    max_daily_drawdown_pct NUMERIC(5,2)  NOT NULL,
    max_total_drawdown_pct NUMERIC(5,2)  NOT NULL,
    profit_target_pct      NUMERIC(5,2)  NOT NULL,
    min_trading_days       INTEGER       NOT NULL DEFAULT 0,
    expires_at             TIMESTAMPTZ,
    current_equity         NUMERIC(18,2) NOT NULL,
    max_equity_ever        NUMERIC(18,2) NOT NULL,
    daily_start_equity     NUMERIC(18,2) NOT NULL,
    last_daily_reset_date  DATE,
    currency               VARCHAR(3)    NOT NULL DEFAULT 'USD',
    provider               VARCHAR(64),
    provider_account_id    VARCHAR(128),
    started_at             TIMESTAMPTZ,
    ended_at               TIMESTAMPTZ,
    failure_reason         TEXT,
    created_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at             TIMESTAMPTZ,
    version                BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT challenges_pkey PRIMARY KEY (id),
    CONSTRAINT challenges_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT challenges_provider_account_key UNIQUE (provider, provider_account_id),
    CONSTRAINT challenges_status_valid CHECK (status IN ('PENDING', 'ACTIVE', 'FAILED', 'FUNDED')),
    CONSTRAINT challenges_initial_balance_positive CHECK (initial_balance > 0),
    CONSTRAINT challenges_max_daily_drawdown_pct_range CHECK (max_daily_drawdown_pct > 0 AND max_daily_drawdown_pct <= 100),
    CONSTRAINT challenges_max_total_drawdown_pct_range CHECK (max_total_drawdown_pct > 0 AND max_total_drawdown_pct <= 100),
    CONSTRAINT challenges_profit_target_pct_range CHECK (profit_target_pct > 0 AND profit_target_pct <= 100),
    CONSTRAINT challenges_min_trading_days_not_negative CHECK (min_trading_days >= 0),
    CONSTRAINT challenges_max_equity_ever_positive CHECK (max_equity_ever > 0),
    CONSTRAINT challenges_daily_start_equity_not_negative CHECK (daily_start_equity >= 0),
    CONSTRAINT challenges_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT challenges_version_not_negative CHECK (version >= 0)
);

CREATE INDEX challenges_user_id_idx ON challenges (user_id);
CREATE INDEX challenges_status_idx ON challenges (status);
-- The nightly jobs walk the running challenges; these stay small while finished ones pile up.
CREATE INDEX challenges_active_idx ON challenges (id) WHERE status = 'ACTIVE';
CREATE INDEX challenges_active_expires_at_idx ON challenges (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX challenges_active_reset_date_idx ON challenges (last_daily_reset_date) WHERE status = 'ACTIVE';

CREATE TABLE trades (
    id                UUID          NOT NULL DEFAULT gen_random_uuid(),
    challenge_id      UUID          NOT NULL,
    sequence_number   BIGINT        NOT NULL,
    provider          VARCHAR(64)   NOT NULL,
    provider_trade_id VARCHAR(128)  NOT NULL,
    symbol            VARCHAR(32)   NOT NULL,
    side              VARCHAR(32)   NOT NULL,
    quantity          NUMERIC(20,8) NOT NULL,
    price             NUMERIC(20,8) NOT NULL,
    commission        NUMERIC(18,2) NOT NULL DEFAULT 0,
    swap              NUMERIC(18,2) NOT NULL DEFAULT 0,
    realized_pnl      NUMERIC(18,2) NOT NULL,
    executed_at       TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT trades_pkey PRIMARY KEY (id),
    CONSTRAINT trades_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT trades_challenge_sequence_key UNIQUE (challenge_id, sequence_number),
    CONSTRAINT trades_provider_trade_key UNIQUE (provider, provider_trade_id),
    CONSTRAINT trades_sequence_number_positive CHECK (sequence_number > 0),
    CONSTRAINT trades_side_valid CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT trades_quantity_positive CHECK (quantity > 0),
    CONSTRAINT trades_price_positive CHECK (price > 0),
    CONSTRAINT trades_commission_not_negative CHECK (commission >= 0)
);

CREATE INDEX trades_challenge_id_idx ON trades (challenge_id);
-- Replays read a challenge's ledger in (executed_at, sequence_number) order.
CREATE INDEX trades_challenge_executed_idx ON trades (challenge_id, executed_at, sequence_number);
-- Reconciliation reads one trading server's day.
CREATE INDEX trades_provider_executed_idx ON trades (provider, executed_at);

CREATE TABLE challenge_events (
    id              UUID         NOT NULL DEFAULT gen_random_uuid(),
    challenge_id    UUID         NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(50)  NOT NULL,
    event_data      JSONB        NOT NULL DEFAULT '{}',
    description     TEXT         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    correlation_id  VARCHAR(255) NOT NULL,
    causation_id    VARCHAR(255),
    idempotency_key VARCHAR(255),
    CONSTRAINT challenge_events_pkey PRIMARY KEY (id),
    CONSTRAINT challenge_events_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT challenge_events_challenge_sequence_key UNIQUE (challenge_id, sequence_number),
    CONSTRAINT challenge_events_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT challenge_events_sequence_number_positive CHECK (sequence_number > 0),
    CONSTRAINT challenge_events_event_type_valid CHECK (event_type IN (
        'TRADE_EXECUTED', 'CHALLENGE_STATUS_CHANGED', 'CHALLENGE_FAILED', 'CHALLENGE_FUNDED',
        'RISK_VIOLATION_DETECTED', 'DAILY_PNL_CALCULATED', 'DAILY_RESET_PERFORMED', 'DAILY_PNL_RESTATED')),
    CONSTRAINT challenge_events_event_data_object CHECK (jsonb_typeof(event_data) = 'object'),
    CONSTRAINT challenge_events_description_not_blank CHECK (length(btrim(description)) > 0)
);

CREATE INDEX challenge_events_challenge_id_idx ON challenge_events (challenge_id);
CREATE INDEX challenge_events_challenge_type_idx ON challenge_events (challenge_id, event_type);
CREATE INDEX challenge_events_occurred_at_idx ON challenge_events (occurred_at);
CREATE INDEX challenge_events_event_data_idx ON challenge_events USING GIN (event_data);

CREATE TABLE payments (
    id                  UUID          NOT NULL DEFAULT gen_random_uuid(),
    user_id             UUID          NOT NULL,
    challenge_id        UUID,
    provider            VARCHAR(32)   NOT NULL,
    provider_payment_id VARCHAR(255)  NOT NULL,
    amount              NUMERIC(18,2) NOT NULL,
    currency            VARCHAR(3)    NOT NULL DEFAULT 'USD',
    status              VARCHAR(32)   NOT NULL DEFAULT 'PENDING',
    refunded_amount     NUMERIC(18,2) NOT NULL DEFAULT 0,
    refunded_at         TIMESTAMPTZ,
    webhook_data        JSONB,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT payments_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT payments_provider_payment_key UNIQUE (provider, provider_payment_id),
    CONSTRAINT payments_provider_valid CHECK (provider IN ('STRIPE', 'PAYPAL', 'BANK_TRANSFER', 'MOCK')),
    CONSTRAINT payments_status_valid CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCESS', 'FAILED', 'REFUNDED', 'CANCELLED')),
    CONSTRAINT payments_amount_not_negative CHECK (amount >= 0),
    CONSTRAINT payments_refunded_amount_range CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CONSTRAINT payments_currency_format CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE INDEX payments_user_id_idx ON payments (user_id);
CREATE INDEX payments_challenge_id_idx ON payments (challenge_id);
CREATE INDEX payments_created_at_idx ON payments (created_at);

CREATE TABLE risk_alerts (
    id              UUID          NOT NULL DEFAULT gen_random_uuid(),
    challenge_id    UUID          NOT NULL,
    alert_type      VARCHAR(32)   NOT NULL,
    severity        VARCHAR(32)   NOT NULL,
    status          VARCHAR(32)   NOT NULL DEFAULT 'ACTIVE',
    message         TEXT          NOT NULL,
    threshold_value NUMERIC(18,4),
    actual_value    NUMERIC(18,4),
    details         JSONB,
    correlation_id  VARCHAR(255),
    dedup_key       VARCHAR(255),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    acknowledged_at TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    CONSTRAINT risk_alerts_pkey PRIMARY KEY (id),
    CONSTRAINT risk_alerts_challenge_fk FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT risk_alerts_dedup_key_key UNIQUE (dedup_key),
    CONSTRAINT risk_alerts_alert_type_valid CHECK (alert_type IN (
        'HIGH_DRAWDOWN', 'TOTAL_DRAWDOWN_EXCEEDED', 'PROFIT_TARGET_REACHED',
        'INACTIVE_TRADING', 'UNUSUAL_ACTIVITY', 'RISK_SCORE_SPIKE')),
    CONSTRAINT risk_alerts_severity_valid CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT risk_alerts_status_valid CHECK (status IN ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED'))
);

CREATE INDEX risk_alerts_challenge_id_idx ON risk_alerts (challenge_id);
CREATE INDEX risk_alerts_challenge_type_idx ON risk_alerts (challenge_id, alert_type);

-- The ledger and the event log are evidence: once written, a row never changes and never goes away.
CREATE FUNCTION reject_append_only_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '%: % is not allowed (append-only table)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER trades_reject_update BEFORE UPDATE ON trades
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER trades_reject_delete BEFORE DELETE ON trades
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER trades_reject_truncate BEFORE TRUNCATE ON trades
    FOR EACH STATEMENT EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER challenge_events_reject_update BEFORE UPDATE ON challenge_events
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER challenge_events_reject_delete BEFORE DELETE ON challenge_events
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER challenge_events_reject_truncate BEFORE TRUNCATE ON challenge_events
    FOR EACH STATEMENT EXECUTE FUNCTION reject_append_only_change();

-- A challenge is soft-deleted only; its rules are fixed at purchase; FUNDED and FAILED are final.
CREATE FUNCTION guard_challenge_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'challenges: DELETE is not allowed (set deleted_at instead)'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.user_id IS DISTINCT FROM OLD.user_id THEN
        RAISE EXCEPTION 'challenges: configuration column user_id cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.initial_balance IS DISTINCT FROM OLD.initial_balance THEN
        RAISE EXCEPTION 'challenges: configuration column initial_balance cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.max_daily_drawdown_pct IS DISTINCT FROM OLD.max_daily_drawdown_pct THEN
        RAISE EXCEPTION 'challenges: configuration column max_daily_drawdown_pct cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.max_total_drawdown_pct IS DISTINCT FROM OLD.max_total_drawdown_pct THEN
        RAISE EXCEPTION 'challenges: configuration column max_total_drawdown_pct cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.profit_target_pct IS DISTINCT FROM OLD.profit_target_pct THEN
        RAISE EXCEPTION 'challenges: configuration column profit_target_pct cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.min_trading_days IS DISTINCT FROM OLD.min_trading_days THEN
        RAISE EXCEPTION 'challenges: configuration column min_trading_days cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
        RAISE EXCEPTION 'challenges: configuration column expires_at cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.currency IS DISTINCT FROM OLD.currency THEN
        RAISE EXCEPTION 'challenges: configuration column currency cannot be changed' USING ERRCODE = 'restrict_violation';
    END IF;
    -- An unknown status is left to challenges_status_valid, so both engines report it the same way.
    IF NEW.status IS DISTINCT FROM OLD.status
            AND NEW.status IN ('PENDING', 'ACTIVE', 'FAILED', 'FUNDED')
            AND NOT (OLD.status = 'PENDING' AND NEW.status = 'ACTIVE')
            AND NOT (OLD.status = 'ACTIVE' AND NEW.status IN ('FUNDED', 'FAILED')) THEN
        RAISE EXCEPTION 'challenges: status transition % -> % is not allowed', OLD.status, NEW.status
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER challenges_guard_update BEFORE UPDATE ON challenges
    FOR EACH ROW EXECUTE FUNCTION guard_challenge_change();
CREATE TRIGGER challenges_reject_delete BEFORE DELETE ON challenges
    FOR EACH ROW EXECUTE FUNCTION guard_challenge_change();

CREATE VIEW challenge_performance_analytics AS
SELECT c.id                                                                            AS challenge_id,
       c.user_id,
       c.status,
       c.created_at,
       round((c.current_equity - c.initial_balance) / c.initial_balance * 100, 4)     AS profit_pct,
       round((c.max_equity_ever - c.current_equity) / c.max_equity_ever * 100, 4)     AS drawdown_pct,
       round(greatest(c.daily_start_equity - c.current_equity, 0)
             / nullif(c.daily_start_equity, 0) * 100, 4)                               AS daily_drawdown_used_pct,
       coalesce(t.trading_hours, 0)                                                    AS trading_hours,
       t.win_rate,
       t.avg_trade_size,
       coalesce(t.total_volume, 0)                                                     AS total_volume,
       coalesce(t.total_trades, 0)                                                     AS total_trades
FROM challenges c
LEFT JOIN (SELECT challenge_id,
                  round(extract(EPOCH FROM max(executed_at) - min(executed_at)) / 3600, 4) AS trading_hours,
                  round(100.0 * count(*) FILTER (WHERE realized_pnl > 0)
                        / nullif(count(*) FILTER (WHERE realized_pnl <> 0), 0), 4)          AS win_rate,
                  round(avg(quantity), 8)                                                   AS avg_trade_size,
                  sum(quantity)                                                             AS total_volume,
                  count(*)                                                                  AS total_trades
           FROM trades
           GROUP BY challenge_id) t ON t.challenge_id = c.id
WHERE c.deleted_at IS NULL;

INSERT INTO schema_info (name, value) VALUES ('schema_version', '1')
ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;

-- ======== V2__spring_batch.sql ========

-- Spring Batch 6.0.6 job repository, as shipped in spring-batch-core (org/springframework/batch/core/schema-postgresql.sql).

CREATE TABLE BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID BIGINT NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT BIGINT,
	READ_COUNT BIGINT,
	FILTER_COUNT BIGINT,
	WRITE_COUNT BIGINT,
	READ_SKIP_COUNT BIGINT,
	WRITE_SKIP_COUNT BIGINT,
	PROCESS_SKIP_COUNT BIGINT,
	ROLLBACK_COUNT BIGINT,
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE SEQUENCE BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ MAXVALUE 9223372036854775807 NO CYCLE;

INSERT INTO schema_info (name, value) VALUES ('schema_version', '2')
ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;

-- ======== V3__quartz.sql ========

-- Quartz 2.5.2 job store, as shipped in the quartz jar (org/quartz/impl/jdbcjobstore/tables_postgres.sql),
-- without its DROP statements and trailing COMMIT: a migration only adds, and Flyway owns the transaction.
-- Thanks to Patrick Lightbody for submitting this...
--
-- In your Quartz properties file, you'll need to set 
-- org.quartz.jobStore.driverDelegateClass = org.quartz.impl.jdbcjobstore.PostgreSQLDelegate

CREATE TABLE QRTZ_JOB_DETAILS
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  JOB_NAME          VARCHAR(200) NOT NULL,
  JOB_GROUP         VARCHAR(200) NOT NULL,
  DESCRIPTION       VARCHAR(250) NULL,
  JOB_CLASS_NAME    VARCHAR(250) NOT NULL,
  IS_DURABLE        BOOL         NOT NULL,
  IS_NONCONCURRENT  BOOL         NOT NULL,
  IS_UPDATE_DATA    BOOL         NOT NULL,
  REQUESTS_RECOVERY BOOL         NOT NULL,
  JOB_DATA          BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

CREATE TABLE QRTZ_TRIGGERS
(
  SCHED_NAME     VARCHAR(120) NOT NULL,
  TRIGGER_NAME   VARCHAR(200) NOT NULL,
  TRIGGER_GROUP  VARCHAR(200) NOT NULL,
  JOB_NAME       VARCHAR(200) NOT NULL,
  JOB_GROUP      VARCHAR(200) NOT NULL,
  DESCRIPTION    VARCHAR(250) NULL,
  NEXT_FIRE_TIME BIGINT       NULL,
  PREV_FIRE_TIME BIGINT       NULL,
  PRIORITY       INTEGER      NULL,
  TRIGGER_STATE  VARCHAR(16)  NOT NULL,
  TRIGGER_TYPE   VARCHAR(8)   NOT NULL,
  START_TIME     BIGINT       NOT NULL,
  END_TIME       BIGINT       NULL,
  CALENDAR_NAME  VARCHAR(200) NULL,
  MISFIRE_INSTR  SMALLINT     NULL,
  JOB_DATA       BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
  REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

CREATE TABLE QRTZ_SIMPLE_TRIGGERS
(
  SCHED_NAME      VARCHAR(120) NOT NULL,
  TRIGGER_NAME    VARCHAR(200) NOT NULL,
  TRIGGER_GROUP   VARCHAR(200) NOT NULL,
  REPEAT_COUNT    BIGINT       NOT NULL,
  REPEAT_INTERVAL BIGINT       NOT NULL,
  TIMES_TRIGGERED BIGINT       NOT NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE QRTZ_CRON_TRIGGERS
(
  SCHED_NAME      VARCHAR(120) NOT NULL,
  TRIGGER_NAME    VARCHAR(200) NOT NULL,
  TRIGGER_GROUP   VARCHAR(200) NOT NULL,
  CRON_EXPRESSION VARCHAR(120) NOT NULL,
  TIME_ZONE_ID    VARCHAR(80),
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE QRTZ_SIMPROP_TRIGGERS
(
  SCHED_NAME    VARCHAR(120)   NOT NULL,
  TRIGGER_NAME  VARCHAR(200)   NOT NULL,
  TRIGGER_GROUP VARCHAR(200)   NOT NULL,
  STR_PROP_1    VARCHAR(512)   NULL,
  STR_PROP_2    VARCHAR(512)   NULL,
  STR_PROP_3    VARCHAR(512)   NULL,
  INT_PROP_1    INT            NULL,
  INT_PROP_2    INT            NULL,
  LONG_PROP_1   BIGINT         NULL,
  LONG_PROP_2   BIGINT         NULL,
  DEC_PROP_1    NUMERIC(13, 4) NULL,
  DEC_PROP_2    NUMERIC(13, 4) NULL,
  BOOL_PROP_1   BOOL           NULL,
  BOOL_PROP_2   BOOL           NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE QRTZ_BLOB_TRIGGERS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  TRIGGER_NAME  VARCHAR(200) NOT NULL,
  TRIGGER_GROUP VARCHAR(200) NOT NULL,
  BLOB_DATA     BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE QRTZ_CALENDARS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  CALENDAR_NAME VARCHAR(200) NOT NULL,
  CALENDAR      BYTEA        NOT NULL,
  PRIMARY KEY (SCHED_NAME, CALENDAR_NAME)
);

CREATE TABLE QRTZ_PAUSED_TRIGGER_GRPS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  TRIGGER_GROUP VARCHAR(200) NOT NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP)
);

CREATE TABLE QRTZ_FIRED_TRIGGERS
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  ENTRY_ID          VARCHAR(95)  NOT NULL,
  TRIGGER_NAME      VARCHAR(200) NOT NULL,
  TRIGGER_GROUP     VARCHAR(200) NOT NULL,
  INSTANCE_NAME     VARCHAR(200) NOT NULL,
  FIRED_TIME        BIGINT       NOT NULL,
  SCHED_TIME        BIGINT       NOT NULL,
  PRIORITY          INTEGER      NOT NULL,
  STATE             VARCHAR(16)  NOT NULL,
  JOB_NAME          VARCHAR(200) NULL,
  JOB_GROUP         VARCHAR(200) NULL,
  IS_NONCONCURRENT  BOOL         NULL,
  REQUESTS_RECOVERY BOOL         NULL,
  PRIMARY KEY (SCHED_NAME, ENTRY_ID)
);

CREATE TABLE QRTZ_SCHEDULER_STATE
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  INSTANCE_NAME     VARCHAR(200) NOT NULL,
  LAST_CHECKIN_TIME BIGINT       NOT NULL,
  CHECKIN_INTERVAL  BIGINT       NOT NULL,
  PRIMARY KEY (SCHED_NAME, INSTANCE_NAME)
);

CREATE TABLE QRTZ_LOCKS
(
  SCHED_NAME VARCHAR(120) NOT NULL,
  LOCK_NAME  VARCHAR(40)  NOT NULL,
  PRIMARY KEY (SCHED_NAME, LOCK_NAME)
);

CREATE INDEX IDX_QRTZ_J_REQ_RECOVERY
  ON QRTZ_JOB_DETAILS (SCHED_NAME, REQUESTS_RECOVERY);
CREATE INDEX IDX_QRTZ_J_GRP
  ON QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP);

CREATE INDEX IDX_QRTZ_T_J
  ON QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
CREATE INDEX IDX_QRTZ_T_JG
  ON QRTZ_TRIGGERS (SCHED_NAME, JOB_GROUP);
CREATE INDEX IDX_QRTZ_T_C
  ON QRTZ_TRIGGERS (SCHED_NAME, CALENDAR_NAME);
CREATE INDEX IDX_QRTZ_T_G
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);
CREATE INDEX IDX_QRTZ_T_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE);
CREATE INDEX IDX_QRTZ_T_N_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE);
CREATE INDEX IDX_QRTZ_T_N_G_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP, TRIGGER_STATE);
CREATE INDEX IDX_QRTZ_T_NEXT_FIRE_TIME
  ON QRTZ_TRIGGERS (SCHED_NAME, NEXT_FIRE_TIME);
CREATE INDEX IDX_QRTZ_T_NFT_ST
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);
CREATE INDEX IDX_QRTZ_T_NFT_MISFIRE
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME);
CREATE INDEX IDX_QRTZ_T_NFT_ST_MISFIRE
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_STATE);
CREATE INDEX IDX_QRTZ_T_NFT_ST_MISFIRE_GRP
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_GROUP, TRIGGER_STATE);

CREATE INDEX IDX_QRTZ_FT_TRIG_INST_NAME
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME);
CREATE INDEX IDX_QRTZ_FT_INST_JOB_REQ_RCVRY
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME, REQUESTS_RECOVERY);
CREATE INDEX IDX_QRTZ_FT_J_G
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
CREATE INDEX IDX_QRTZ_FT_JG
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_GROUP);
CREATE INDEX IDX_QRTZ_FT_T_G
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP);
CREATE INDEX IDX_QRTZ_FT_TG
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '3')
ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;

-- ======== V4__generated_reports.sql ========

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

-- ======== V5__reconciliation.sql ========

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

-- ======== V6__ledger_seals.sql ========

-- Tamper evidence for the trades ledger and the event log.
--
-- ledger_append_log gives every appended trade and event a number in the order the rows were appended, across both
-- tables: PostgreSQL has no insertion counter of its own and created_at is neither unique nor commit-ordered. The
-- platform keeps inserting with the contract's columns only; the AFTER INSERT triggers number the rows. row_sha256,
-- the digest of the row's canonical form, is written once by the nightly seal, so `verify` can name the very row
-- that changed.
--
-- ledger_seals is a hash chain: each seal covers the log entries after the previous seal's watermark up to its own,
-- so a late trade falls into the next seal and never invalidates an earlier one.

CREATE TABLE ledger_append_log (
    append_seq BIGINT GENERATED BY DEFAULT AS IDENTITY,
    table_name TEXT   NOT NULL,
    row_id     UUID   NOT NULL,
    row_sha256 TEXT,
    CONSTRAINT ledger_append_log_pkey PRIMARY KEY (append_seq),
    CONSTRAINT ledger_append_log_row_key UNIQUE (table_name, row_id),
    CONSTRAINT ledger_append_log_table_valid CHECK (table_name IN ('trades', 'challenge_events')),
    CONSTRAINT ledger_append_log_sha256_hex CHECK (row_sha256 IS NULL OR row_sha256 ~ '^[0-9a-f]{64}$')
);

-- Rows that existed before this migration are numbered in (created_at, table, id) order.
INSERT INTO ledger_append_log (table_name, row_id)
SELECT table_name, row_id
FROM (SELECT 'trades' AS table_name, id AS row_id, created_at FROM trades
      UNION ALL
      SELECT 'challenge_events', id, created_at FROM challenge_events) appended
ORDER BY created_at, table_name, row_id;

CREATE FUNCTION log_ledger_append() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO ledger_append_log (table_name, row_id) VALUES (TG_TABLE_NAME, NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER trades_log_append AFTER INSERT ON trades
    FOR EACH ROW EXECUTE FUNCTION log_ledger_append();
CREATE TRIGGER challenge_events_log_append AFTER INSERT ON challenge_events
    FOR EACH ROW EXECUTE FUNCTION log_ledger_append();

-- A log entry never goes away and only gains its digest, once.
CREATE FUNCTION guard_ledger_append_log() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.row_sha256 IS NOT NULL OR NEW.append_seq <> OLD.append_seq
            OR NEW.table_name <> OLD.table_name OR NEW.row_id <> OLD.row_id THEN
        RAISE EXCEPTION 'ledger_append_log: % is not allowed (only a missing digest may be set)', TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_append_log_guard_update BEFORE UPDATE ON ledger_append_log
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_append_log();
CREATE TRIGGER ledger_append_log_guard_delete BEFORE DELETE ON ledger_append_log
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_append_log();

CREATE TABLE ledger_seals (
    seal_number      BIGINT      NOT NULL,
    business_date    DATE        NOT NULL,
    from_append_seq  BIGINT      NOT NULL,
    to_append_seq    BIGINT      NOT NULL,
    trade_count      BIGINT      NOT NULL,
    event_count      BIGINT      NOT NULL,
    previous_hash    TEXT        NOT NULL,
    rows_hash        TEXT        NOT NULL,
    seal_hash        TEXT        NOT NULL,
    algorithm        TEXT        NOT NULL DEFAULT 'SHA-256/1',
    job_execution_id BIGINT,
    sealed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ledger_seals_pkey PRIMARY KEY (seal_number),
    CONSTRAINT ledger_seals_business_date_key UNIQUE (business_date),
    CONSTRAINT ledger_seals_seal_number_positive CHECK (seal_number > 0),
    CONSTRAINT ledger_seals_range_valid CHECK (from_append_seq >= 0 AND to_append_seq >= from_append_seq),
    CONSTRAINT ledger_seals_counts_not_negative CHECK (trade_count >= 0 AND event_count >= 0),
    CONSTRAINT ledger_seals_previous_hash_hex CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ledger_seals_rows_hash_hex CHECK (rows_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ledger_seals_seal_hash_hex CHECK (seal_hash ~ '^[0-9a-f]{64}$')
);

CREATE TRIGGER ledger_seals_reject_update BEFORE UPDATE ON ledger_seals
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();
CREATE TRIGGER ledger_seals_reject_delete BEFORE DELETE ON ledger_seals
    FOR EACH ROW EXECUTE FUNCTION reject_append_only_change();

INSERT INTO schema_info (name, value) VALUES ('schema_version', '6')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- ======== V7__daily_closings.sql ========

-- The end-of-day checkpoint of each challenge and business date: where the ledger replay stood at the day's close,
-- so the next night starts from it instead of replaying the whole history. `ledger_watermark` is the highest trade
-- sequence number of the challenge when the day was computed; a trade executed before the day's end with a higher
-- number arrived late and makes the closing (and every later one) due for a restatement.

CREATE TABLE challenge_daily_closings (
    challenge_id         UUID        NOT NULL,
    business_date        DATE        NOT NULL,
    revision             INTEGER     NOT NULL DEFAULT 1,
    opening_equity       NUMERIC(18,2) NOT NULL,
    closing_equity       NUMERIC(18,2) NOT NULL,
    peak_equity          NUMERIC(18,2) NOT NULL,
    lowest_equity        NUMERIC(18,2) NOT NULL,
    trading_days_to_date INTEGER     NOT NULL,
    trade_count          INTEGER     NOT NULL,
    volume               NUMERIC(28,8) NOT NULL,
    max_daily_drawdown_pct_used NUMERIC(9,4) NOT NULL,
    risk_score           NUMERIC(9,4) NOT NULL,
    ledger_ended_at      TIMESTAMPTZ,
    ledger_outcome       TEXT,
    ledger_watermark     BIGINT      NOT NULL,
    figures_sha256       TEXT        NOT NULL,
    event_id             UUID        NOT NULL,
    job_execution_id     BIGINT,
    computed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT challenge_daily_closings_pkey PRIMARY KEY (challenge_id, business_date),
    CONSTRAINT challenge_daily_closings_challenge_fkey FOREIGN KEY (challenge_id) REFERENCES challenges (id),
    CONSTRAINT challenge_daily_closings_revision_positive CHECK (revision > 0),
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
    run_id            UUID         NOT NULL,
    provider          VARCHAR(64)  NOT NULL,
    provider_trade_id VARCHAR(128) NOT NULL,
    trade_id          UUID         NOT NULL,
    kind              VARCHAR(32)  NOT NULL,
    CONSTRAINT reconciliation_cross_day_trades_pkey PRIMARY KEY (run_id, provider_trade_id),
    CONSTRAINT reconciliation_cross_day_trades_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_cross_day_trades_trade_fk FOREIGN KEY (trade_id) REFERENCES trades (id),
    CONSTRAINT reconciliation_cross_day_trades_kind_valid CHECK (kind IN ('PAIRED_OUTSIDE_WINDOW', 'LEFT_TO_OTHER_DAY', 'REPORTED_FOR_OTHER_DAY'))
);

CREATE INDEX reconciliation_cross_day_trades_trade_idx ON reconciliation_cross_day_trades (provider, provider_trade_id, kind);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '10')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
