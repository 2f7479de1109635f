package com.tradesense.batch.testing;

import com.tradesense.batch.db.Dialect;

/** The database engines every contract-level test runs against. */
public enum TestEngine {
    POSTGRESQL(Dialect.Engine.POSTGRESQL),
    SQLITE(Dialect.Engine.SQLITE);

    private final Dialect.Engine engine;

    TestEngine(Dialect.Engine engine) {
        this.engine = engine;
    }

    public Dialect dialect() {
        return Dialect.of(engine);
    }
}
