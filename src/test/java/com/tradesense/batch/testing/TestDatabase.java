package com.tradesense.batch.testing;

import com.tradesense.batch.db.Dialect;
import javax.sql.DataSource;

/**
 * One isolated database for one test (or one test class): a fresh PostgreSQL database inside the shared test server,
 * or a fresh SQLite file. Closing it drops the database or deletes the file.
 */
public interface TestDatabase extends AutoCloseable {

    TestEngine engine();

    /** A JDBC URL that opens this database (for Spring's {@code spring.datasource.url} or a second process). */
    String url();

    /** Credentials for {@link #url()}; empty strings on SQLite. */
    String username();

    String password();

    /** A small connection pool over this database, owned by this object. */
    DataSource dataSource();

    default Dialect dialect() {
        return engine().dialect();
    }

    @Override
    void close();
}
