package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class PostgresReconciliationTest extends ReconciliationContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
