package com.tradesense.batch.reports.data;

import com.tradesense.batch.testing.TestEngine;

class SqliteChallengesByStatusTest extends ChallengesByStatusContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
