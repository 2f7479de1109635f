package com.tradesense.batch.nightly;

import com.tradesense.batch.testing.TestEngine;

class PostgresNightlyJobTest extends NightlyJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
