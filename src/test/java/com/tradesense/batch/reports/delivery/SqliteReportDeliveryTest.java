package com.tradesense.batch.reports.delivery;

import com.tradesense.batch.testing.TestEngine;

class SqliteReportDeliveryTest extends ReportDeliveryContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
