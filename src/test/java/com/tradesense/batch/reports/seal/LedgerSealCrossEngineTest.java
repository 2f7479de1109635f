package com.tradesense.batch.reports.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The same rows in PostgreSQL and SQLite give the same chain, so a seal can be checked on either engine. */
class LedgerSealCrossEngineTest {

    @Test
    void bothEnginesComputeTheSameSealsForTheSameRows() throws SQLException {
        try (TestDatabase postgres = TestDatabases.migrated(TestEngine.POSTGRESQL);
             TestDatabase sqlite = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given
            load(postgres, 1);
            load(sqlite, 1);
            LedgerSeal postgresFirst = seal(postgres, "2026-03-05");
            LedgerSeal sqliteFirst = seal(sqlite, "2026-03-05");
            load(postgres, 2);
            load(sqlite, 2);

            // when
            LedgerSeal postgresSecond = seal(postgres, "2026-03-06");
            LedgerSeal sqliteSecond = seal(sqlite, "2026-03-06");

            // then
            assertThat(postgresFirst.tradeCount()).isEqualTo(2);
            assertThat(postgresFirst.eventCount()).isEqualTo(1);
            assertThat(sqliteFirst.rowsHash()).isEqualTo(postgresFirst.rowsHash());
            assertThat(sqliteFirst.sealHash()).isEqualTo(postgresFirst.sealHash());
            assertThat(sqliteSecond.sealHash()).isEqualTo(postgresSecond.sealHash());
            assertThat(sqliteSecond.sealHash()).isNotEqualTo(sqliteFirst.sealHash());
        }
    }

    private static void load(TestDatabase database, int day) throws SQLException {
        SealRows rows = new SealRows(database);
        String date = "2026-03-0" + (4 + day);
        UUID challenge = rows.challenge("0c0c0c0c-0000-4000-8000-00000000000" + day);
        rows.trade(challenge, 1, "1250.50", date + "T10:00:00.123Z");
        rows.event(challenge, "CROSS:" + day, date + "T00:00:00Z");
        rows.trade(challenge, 2, "-0.10", date + "T11:30:00Z");
    }

    private static LedgerSeal seal(TestDatabase database, String date) {
        return new LedgerSealer(database.dataSource(), database.dialect())
                .seal(LocalDate.parse(date), 1L, Instant.parse(date + "T07:30:00Z").plusSeconds(86_400));
    }
}
