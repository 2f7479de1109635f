package com.tradesense.batch.pnl;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.DatabaseSnapshot;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batched path (one statement per kind for a chunk) and the one-by-one path write exactly the same rows over
 * several nights of generated data with failures, fundings, expiries and late trades.
 */
abstract class BatchedPathEquivalenceContractTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-03-02");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-20T06:00:00Z"), ZoneOffset.UTC);

    protected abstract TestEngine engine();

    @Test
    void batchedAndOneByOneAgreeRowForRow() throws Exception {
        GeneratorSettings data = GeneratorSettings.builder().seed(2026).challenges(150).days(6).firstDate(FIRST)
                .tradesPerChallengePerDay(5).build();
        try (TestDatabase batched = TestDatabases.migrated(engine());
             TestDatabase oneByOne = TestDatabases.migrated(engine())) {
            DatabaseLoader.load(batched.dataSource(), data);
            DatabaseLoader.load(oneByOne.dataSource(), data);
            for (LocalDate date = FIRST; !date.isAfter(data.lastDate()); date = date.plusDays(1)) {
                assertThat(new CliRunner(batched, LATER).run("nightly", "--date=" + date,
                        "--tradesense.eod.chunk-size=40").status()).isIn(0, 4);
                assertThat(new CliRunner(oneByOne, LATER).run("nightly", "--date=" + date,
                        "--tradesense.eod.batched=false").status()).isIn(0, 4);
            }
            List<String> expected = DatabaseSnapshot.of(oneByOne);
            assertThat(expected).anyMatch(row -> row.contains("CHALLENGE_FAILED"))
                    .anyMatch(row -> row.contains("DAILY_PNL_CALCULATED"));
            assertThat(DatabaseSnapshot.of(batched)).containsExactlyElementsOf(expected);
        }
    }
}
