package com.tradesense.batch.scheduling;

import com.tradesense.batch.testing.TestEngine;

class PostgresGracefulStopTest extends GracefulStopContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
