package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class SqliteBatchedPathEquivalenceTest extends BatchedPathEquivalenceContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
