package com.tradesense.batch.reports.seal;

import com.tradesense.batch.testing.TestEngine;

class PostgresLedgerSealTest extends LedgerSealContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }

    @Override
    protected String dropTradeUpdateGuard() {
        return "DROP TRIGGER trades_reject_update ON trades";
    }

    @Override
    protected String dropSealUpdateGuard() {
        return "DROP TRIGGER ledger_seals_reject_update ON ledger_seals";
    }

    @Override
    protected String dropTradeLogTrigger() {
        return "DROP TRIGGER trades_log_append ON trades";
    }
}
