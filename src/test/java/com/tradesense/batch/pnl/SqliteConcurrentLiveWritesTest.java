package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class SqliteConcurrentLiveWritesTest extends ConcurrentLiveWritesContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
