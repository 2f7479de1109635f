package com.tradesense.batch.reports.data;

import com.tradesense.batch.testing.TestEngine;

class PostgresChallengesByStatusTest extends ChallengesByStatusContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
