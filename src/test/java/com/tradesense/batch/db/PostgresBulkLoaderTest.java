package com.tradesense.batch.db;

import com.tradesense.batch.testing.TestEngine;

class PostgresBulkLoaderTest extends BulkLoaderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
