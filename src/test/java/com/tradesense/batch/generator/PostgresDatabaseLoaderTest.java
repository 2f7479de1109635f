package com.tradesense.batch.generator;

import com.tradesense.batch.testing.TestEngine;

class PostgresDatabaseLoaderTest extends DatabaseLoaderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
