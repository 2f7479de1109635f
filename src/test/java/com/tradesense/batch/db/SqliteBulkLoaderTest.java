package com.tradesense.batch.db;

import com.tradesense.batch.testing.TestEngine;

class SqliteBulkLoaderTest extends BulkLoaderContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
