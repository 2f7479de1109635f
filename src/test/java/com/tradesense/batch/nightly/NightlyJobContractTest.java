package com.tradesense.batch.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code nightly}, {@code challenge-expiry} and {@code catch-up} through the real command line, on every engine. */
abstract class NightlyJobContractTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);
    private static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");

    private TestDatabase database;
    private LedgerFixtures ledger;
    private CliRunner cli;
    private UUID trader;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        cli = new CliRunner(database, LATER);
        trader = ledger.user("nightly@example.com");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private String count(String sql, Object... values) throws SQLException {
        return ledger.queryString(sql, values);
    }

    @Test
    void chainClosesTheDateExpiresDeadlinesAndResetsTheNextDay() throws SQLException {
        // given
        UUID trading = ledger.activeChallenge(trader, STARTED);
        ledger.trade(trading, Instant.parse("2026-03-04T10:00:00Z"), "300.00", "0.00", "1.00");
        ledger.execute("INSERT INTO challenges (id, user_id, status, initial_balance, max_daily_drawdown_pct,"
                        + " max_total_drawdown_pct, profit_target_pct, current_equity, max_equity_ever, daily_start_equity,"
                        + " started_at, expires_at) VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.fromString("00000000-0000-4000-8000-000000000001"), trader, new java.math.BigDecimal("50000.00"),
                new java.math.BigDecimal("5.00"), new java.math.BigDecimal("10.00"), new java.math.BigDecimal("8.00"),
                new java.math.BigDecimal("50000.00"), new java.math.BigDecimal("50000.00"),
                new java.math.BigDecimal("50000.00"), STARTED, Instant.parse("2026-03-04T18:00:00Z"));

        // when
        CliRunner.Outcome outcome = cli.run("nightly", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err() + outcome.out()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM challenge_events WHERE event_type = 'DAILY_PNL_CALCULATED'")).isEqualTo("2");
        UUID deadline = UUID.fromString("00000000-0000-4000-8000-000000000001");
        assertThat(count("SELECT status FROM challenges WHERE id = ?", deadline)).isEqualTo("FAILED");
        assertThat(count("SELECT failure_reason FROM challenges WHERE id = ?", deadline)).isEqualTo("EXPIRED");
        assertThat(ledger.queryInstant("SELECT ended_at FROM challenges WHERE id = ?", deadline))
                .isEqualTo(Instant.parse("2026-03-04T18:00:00Z"));
        assertThat(count("SELECT description FROM challenge_events WHERE challenge_id = ? AND event_type = 'CHALLENGE_FAILED'",
                deadline)).contains("deadline 2026-03-04T18:00:00Z");
        assertThat(count("SELECT last_daily_reset_date FROM challenges WHERE id = ?", trading)).isEqualTo("2026-03-05");
        assertThat(count("SELECT COUNT(*) FROM challenge_events WHERE event_type = 'DAILY_RESET_PERFORMED'")).isEqualTo("1");
        assertThat(count("SELECT COUNT(*) FROM challenge_events WHERE event_type = 'CHALLENGE_FAILED'")).isEqualTo("1");
    }

    @Test
    void stageCompletedByASeparateRunIsNotRedoneAndASecondNightlyIsAlreadyComplete() throws SQLException {
        // given
        UUID trading = ledger.activeChallenge(trader, STARTED);
        ledger.trade(trading, Instant.parse("2026-03-04T10:00:00Z"), "300.00", "0.00", "1.00");
        assertThat(cli.run("run", "daily-pnl", "--date=2026-03-04").status()).isZero();

        // when
        CliRunner.Outcome nightly = cli.run("nightly", "--date=2026-03-04");
        CliRunner.Outcome again = cli.run("nightly", "--date=2026-03-04");

        // then
        assertThat(nightly.status()).as(nightly.err()).isZero();
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'daily-pnl'")).isEqualTo("1");
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'daily-pnl'")).isEqualTo("1");
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("already complete");
        assertThat(count("SELECT COUNT(*) FROM challenge_events WHERE event_type = 'DAILY_PNL_CALCULATED'")).isEqualTo("1");
    }

    @Test
    void nightlyRechecksEarlierDaysForLateTrades() throws SQLException {
        // given: 3 March closed by its nightly, then a trade of 3 March arrives late
        UUID trading = ledger.activeChallenge(trader, STARTED);
        ledger.trade(trading, Instant.parse("2026-03-03T10:00:00Z"), "300.00", "0.00", "0.00");
        assertThat(cli.run("nightly", "--date=2026-03-03").status()).isZero();
        ledger.trade(trading, Instant.parse("2026-03-03T22:00:00Z"), "-100.00", "0.00", "0.00");

        // when
        CliRunner.Outcome outcome = cli.run("nightly", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(count("SELECT COUNT(*) FROM challenge_events WHERE event_type = 'DAILY_PNL_RESTATED'")).isEqualTo("1");
        assertThat(count("SELECT closing_equity FROM challenge_daily_closings WHERE challenge_id = ? AND business_date = ?",
                trading, java.time.LocalDate.parse("2026-03-04"))).startsWith("100200");
    }

    @Test
    void catchUpRunsEveryMissedDateInOrderAndThenHasNothingToDo() throws SQLException {
        // given
        UUID trading = ledger.activeChallenge(trader, STARTED);
        ledger.trade(trading, Instant.parse("2026-03-02T10:00:00Z"), "100.00", "0.00", "0.00");
        ledger.trade(trading, Instant.parse("2026-03-04T10:00:00Z"), "100.00", "0.00", "0.00");
        assertThat(cli.run("nightly", "--date=2026-03-01").status()).isZero();

        // when
        CliRunner.Outcome outcome = cli.run("catch-up", "--through=2026-03-04");
        CliRunner.Outcome again = cli.run("catch-up", "--through=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsSubsequence("nightly for 2026-03-02", "nightly for 2026-03-03",
                "nightly for 2026-03-04");
        assertThat(count("SELECT COUNT(*) FROM challenge_daily_closings WHERE challenge_id = ?", trading)).isEqualTo("4");
        assertThat(again.out()).contains("Nothing to catch up");
    }

    @Test
    void catchUpWithoutHistoryOrFirstDateIsABadArgument() {
        CliRunner.Outcome outcome = cli.run("catch-up", "--through=2026-03-04");
        assertThat(outcome.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err()).contains("tradesense.eod.first-date");
    }

    @Test
    void inactiveChallengeGetsOneAlertPerSpell() throws SQLException {
        // given: started 40 days before, never traded
        UUID idle = ledger.activeChallenge(trader, Instant.parse("2026-01-20T09:00:00Z"));

        // when
        assertThat(cli.run("run", "challenge-expiry", "--date=2026-03-04").status()).isZero();
        assertThat(cli.run("run", "challenge-expiry", "--date=2026-03-05").status()).isZero();

        // then
        assertThat(count("SELECT COUNT(*) FROM risk_alerts WHERE challenge_id = ? AND alert_type = 'INACTIVE_TRADING'",
                idle)).isEqualTo("1");
    }
}
