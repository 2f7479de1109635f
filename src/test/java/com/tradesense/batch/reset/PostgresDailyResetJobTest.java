package com.tradesense.batch.reset;

import com.tradesense.batch.testing.TestEngine;

class PostgresDailyResetJobTest extends DailyResetJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
