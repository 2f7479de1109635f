package com.tradesense.batch.nightly;

import com.tradesense.batch.testing.TestEngine;

class SqliteRestartAfterKillTest extends RestartAfterKillContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
