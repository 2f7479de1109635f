package com.tradesense.batch.nightly;

import com.tradesense.batch.testing.TestEngine;

class PostgresRestartAfterKillTest extends RestartAfterKillContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
