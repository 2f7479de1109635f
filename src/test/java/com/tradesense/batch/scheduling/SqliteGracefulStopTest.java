package com.tradesense.batch.scheduling;

import com.tradesense.batch.testing.TestEngine;

class SqliteGracefulStopTest extends GracefulStopContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
