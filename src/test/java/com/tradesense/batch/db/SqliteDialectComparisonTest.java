package com.tradesense.batch.db;

import com.tradesense.batch.testing.TestEngine;

class SqliteDialectComparisonTest extends DialectComparisonContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
