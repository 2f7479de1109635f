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
