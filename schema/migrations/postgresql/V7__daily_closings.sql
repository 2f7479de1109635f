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
