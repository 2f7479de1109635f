package com.tradesense.batch.pnl;

import com.tradesense.batch.testing.TestEngine;

class PostgresBatchedPathEquivalenceTest extends BatchedPathEquivalenceContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
