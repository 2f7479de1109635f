package com.tradesense.batch.reset;

import com.tradesense.batch.testing.TestEngine;

class SqliteDailyResetJobTest extends DailyResetJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
