package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.SchemaCatalog;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaCatalogEqualityTest extends SchemaCatalogEqualityTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }

    @Test
    void canonicalFileInstalledWithTheSqliteShellBuildsTheSameCatalogAsTheMigrations(@TempDir Path folder)
            throws Exception {
        assumeBinary("sqlite3");
        try (TestDatabase migrated = TestDatabases.migrated(engine())) {
            // given
            Path file = folder.resolve("installed.db");

            // when
            run(new ProcessBuilder("sqlite3", "-bail", file.toString()),
                    TestDatabases.canonicalFile(engine()).toAbsolutePath());

            // then
            assertThat(Files.exists(file)).isTrue();
            try (HikariDataSource installed = SqliteDataSources.pooled(file)) {
                assertThat(SchemaCatalog.describe(engine(), installed))
                        .containsExactlyElementsOf(SchemaCatalog.describe(migrated));
            }
        }
    }
}
