package com.tradesense.batch.reports.portal;

import com.tradesense.batch.testing.TestEngine;

class PostgresPortalHttpTest extends PortalHttpContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }
}
