package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class PostgresConcurrentLiveWritesTest extends ConcurrentLiveWritesContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
