package com.tradesense.batch.ledger;

import com.tradesense.batch.testing.TestEngine;

class PostgresEventAppenderTest extends EventAppenderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
