package com.tradesense.batch.reports.delivery;

import com.tradesense.batch.testing.TestEngine;

class PostgresReportDeliveryTest extends ReportDeliveryContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
