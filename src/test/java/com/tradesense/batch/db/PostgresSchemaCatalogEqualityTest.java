package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.SchemaCatalog;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PostgresSchemaCatalogEqualityTest extends SchemaCatalogEqualityTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }

    @Test
    void canonicalFileInstalledWithPsqlBuildsTheSameCatalogAsTheMigrations() throws Exception {
        assumeBinary("psql");
        try (TestDatabase migrated = TestDatabases.migrated(engine());
                TestDatabase installed = TestDatabases.empty(engine())) {
            // given
            URI uri = URI.create(installed.url().substring("jdbc:".length()));
            String database = uri.getPath().substring(1);
            ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", installed.username(), database);
            psql.environment().put("PGPASSWORD", installed.password());

            // when
            run(psql, TestDatabases.canonicalFile(engine()).toAbsolutePath());

            // then
            assertThat(SchemaCatalog.describe(installed)).containsExactlyElementsOf(SchemaCatalog.describe(migrated));
        }
    }
}
