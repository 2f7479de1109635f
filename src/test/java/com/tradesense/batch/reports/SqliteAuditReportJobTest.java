package com.tradesense.batch.reports;

import com.tradesense.batch.testing.TestEngine;

class SqliteAuditReportJobTest extends AuditReportJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }

    @Override
    protected String dropTradeUpdateGuard() {
        return "DROP TRIGGER trades_reject_update";
    }
}
