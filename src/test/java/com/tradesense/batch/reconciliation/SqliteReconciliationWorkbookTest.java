package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class SqliteReconciliationWorkbookTest extends ReconciliationWorkbookContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
