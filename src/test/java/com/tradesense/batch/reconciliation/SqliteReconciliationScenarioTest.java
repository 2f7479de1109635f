package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class SqliteReconciliationScenarioTest extends ReconciliationScenarioContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
