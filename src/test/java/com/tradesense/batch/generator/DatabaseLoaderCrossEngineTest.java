package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same settings loaded into PostgreSQL (COPY) and SQLite (INSERT) must give the same tables, value for value. */
class DatabaseLoaderCrossEngineTest {

    @Test
    void postgresAndSqliteHoldIdenticalRowsAfterLoadingTheSameSettings() throws SQLException {
        // given
        GeneratorSettings settings = GeneratorSettings.builder().seed(2027).challenges(30).days(3).build();

        try (TestDatabase postgres = TestDatabases.migrated(TestEngine.POSTGRESQL);
             TestDatabase sqlite = TestDatabases.migrated(TestEngine.SQLITE)) {
            // when
            DatabaseLoader.load(postgres.dataSource(), settings);
            DatabaseLoader.load(sqlite.dataSource(), settings);
            Map<String, List<List<Object>>> fromPostgres = TableDump.of(postgres.dataSource(), postgres.dialect());
            Map<String, List<List<Object>>> fromSqlite = TableDump.of(sqlite.dataSource(), sqlite.dialect());

            // then
            assertThat(fromPostgres.get("trades")).isNotEmpty();
            assertThat(fromPostgres).as(TableDump.firstDifference(fromPostgres, fromSqlite)).isEqualTo(fromSqlite);
        }
    }
}
