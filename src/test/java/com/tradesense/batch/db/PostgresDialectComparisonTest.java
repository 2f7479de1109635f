package com.tradesense.batch.db;

import com.tradesense.batch.testing.TestEngine;

class PostgresDialectComparisonTest extends DialectComparisonContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
