package com.tradesense.batch.reports.seal;

import com.tradesense.batch.testing.TestEngine;

class SqliteLedgerSealTest extends LedgerSealContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }

    @Override
    protected String dropTradeUpdateGuard() {
        return "DROP TRIGGER trades_reject_update";
    }

    @Override
    protected String dropSealUpdateGuard() {
        return "DROP TRIGGER ledger_seals_reject_update";
    }

    @Override
    protected String dropTradeLogTrigger() {
        return "DROP TRIGGER trades_log_append";
    }
}
