package com.tradesense.batch.reports;

import com.tradesense.batch.testing.TestEngine;

class PostgresAuditReportJobTest extends AuditReportJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }

    @Override
    protected String dropTradeUpdateGuard() {
        return "DROP TRIGGER trades_reject_update ON trades";
    }
}
