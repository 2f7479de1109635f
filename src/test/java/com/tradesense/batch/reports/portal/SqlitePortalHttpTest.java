package com.tradesense.batch.reports.portal;

import com.tradesense.batch.testing.TestEngine;

class SqlitePortalHttpTest extends PortalHttpContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }
}
