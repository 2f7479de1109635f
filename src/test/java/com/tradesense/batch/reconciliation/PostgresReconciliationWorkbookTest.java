package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class PostgresReconciliationWorkbookTest extends ReconciliationWorkbookContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
