package com.tradesense.batch.reconciliation;

import com.tradesense.batch.testing.TestEngine;

class PostgresReconciliationScenarioTest extends ReconciliationScenarioContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
