package com.tradesense.batch.ledger;

import com.tradesense.batch.testing.TestEngine;

class SqliteEventAppenderTest extends EventAppenderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
