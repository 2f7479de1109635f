package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class PostgresDailyPnlJobTest extends DailyPnlJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
