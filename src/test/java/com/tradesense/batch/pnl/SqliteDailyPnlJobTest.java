package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class SqliteDailyPnlJobTest extends DailyPnlJobContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
