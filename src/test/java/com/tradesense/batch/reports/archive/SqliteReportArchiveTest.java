package com.tradesense.batch.reports.archive;

import com.tradesense.batch.testing.TestEngine;

class SqliteReportArchiveTest extends ReportArchiveContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
