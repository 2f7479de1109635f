-- A trade stamped within the time tolerance of midnight may sit in either day's export. A run's ledger side looks for
-- missing trades in [day start - tolerance, day end - tolerance), so the day that runs second decides the trades near
-- their shared edge; but a trade the earlier day's file holds is paired there, and the later day must not then call it
-- missing. Each run records here the trades it paired (a readable row of its file with that trade id) whose ledger
-- time lies outside its own window; a run leaves out of MISSING_IN_PROVIDER every trade a current run of another day
-- paired, and a corrected file for a day looks again at the trades its predecessor paired outside the window.
CREATE TABLE reconciliation_outside_pairs (
    run_id            UUID         NOT NULL,
    provider          VARCHAR(64)  NOT NULL,
    provider_trade_id VARCHAR(128) NOT NULL,
    trade_id          UUID         NOT NULL,
    CONSTRAINT reconciliation_outside_pairs_pkey PRIMARY KEY (run_id, provider_trade_id),
    CONSTRAINT reconciliation_outside_pairs_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_outside_pairs_trade_fk FOREIGN KEY (trade_id) REFERENCES trades (id)
);

CREATE INDEX reconciliation_outside_pairs_trade_idx ON reconciliation_outside_pairs (provider, provider_trade_id);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '10')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
