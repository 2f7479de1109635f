package com.tradesense.batch.nightly;

import com.tradesense.batch.testing.TestEngine;

class SqliteNightlyJobTest extends NightlyJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
