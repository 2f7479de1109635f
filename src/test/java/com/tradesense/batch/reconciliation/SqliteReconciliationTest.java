package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class SqliteReconciliationTest extends ReconciliationContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
