package com.tradesense.batch.scheduling;

import com.tradesense.batch.testing.TestEngine;

class PostgresSchedulerJobsTest extends SchedulerJobsContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
