package com.tradesense.batch.scheduling;

import com.tradesense.batch.testing.TestEngine;

class SqliteSchedulerJobsTest extends SchedulerJobsContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
