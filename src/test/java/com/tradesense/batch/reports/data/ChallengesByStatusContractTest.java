package com.tradesense.batch.reports.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The finance workbook's challenges by status are those of the date, whenever it is rendered, on every engine. */
abstract class ChallengesByStatusContractTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);

    private TestDatabase database;
    private LedgerFixtures ledger;
    private UUID user;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws Exception {
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        user = ledger.user("status@example.com");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** An ACTIVE challenge created on 1 March, started at {@code startedAt}. */
    private UUID challenge(String startedAt) throws Exception {
        UUID id = ledger.activeChallenge(user, Instant.parse(startedAt));
        ledger.execute("UPDATE challenges SET created_at = ? WHERE id = ?", Instant.parse("2026-03-01T00:00:00Z"), id);
        return id;
    }

    private void end(UUID challenge, String status, String endedAt) throws Exception {
        ledger.execute("UPDATE challenges SET status = ?, failure_reason = ?, ended_at = ? WHERE id = ?", status,
                status.equals("FAILED") ? "DAILY_DRAWDOWN_EXCEEDED" : null, Instant.parse(endedAt), challenge);
    }

    @Test
    void eachChallengeCountsWithTheStatusItHadWhenTheDateEnded() throws Exception {
        // given
        challenge("2026-03-02T09:00:00Z");                                        // ACTIVE throughout
        challenge("2026-03-04T09:00:00Z");                                        // started after the day: PENDING
        end(challenge("2026-03-02T09:00:00Z"), "FAILED", "2026-03-03T12:00:00Z"); // failed on the day
        end(challenge("2026-03-02T09:00:00Z"), "FUNDED", "2026-03-05T12:00:00Z"); // funded later: still ACTIVE
        UUID deletedLater = challenge("2026-03-02T09:00:00Z");                    // deleted later: still counted
        ledger.execute("UPDATE challenges SET deleted_at = ? WHERE id = ?", Instant.parse("2026-03-06T00:00:00Z"),
                deletedLater);
        UUID createdLater = challenge("2026-03-05T09:00:00Z");                    // did not exist yet
        ledger.execute("UPDATE challenges SET created_at = ? WHERE id = ?", Instant.parse("2026-03-04T00:00:00Z"),
                createdLater);

        // when
        Map<String, Long> counts = new ReportData(database.dataSource(), database.dialect()).challengesByStatus(DAY);

        // then
        assertThat(counts).containsOnly(Map.entry("ACTIVE", 3L), Map.entry("PENDING", 1L), Map.entry("FAILED", 1L));
    }
}
