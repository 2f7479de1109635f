package com.tradesense.batch.generator;

import com.tradesense.batch.testing.TestEngine;

class SqliteDatabaseLoaderTest extends DatabaseLoaderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
