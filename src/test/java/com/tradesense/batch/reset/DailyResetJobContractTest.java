package com.tradesense.batch.reset;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code run daily-reset} through the real command line, on every engine. */
abstract class DailyResetJobContractTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

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
        trader = ledger.user("reset@example.com");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void setsDailyStartEquityFromTheLedgerAsOfMidnightIgnoringLaterTrades() throws SQLException {
        // given: trades before midnight of 5 March, and one a second after it that must not leak in
        UUID challenge = ledger.activeChallenge(trader, Instant.parse("2026-03-01T09:00:00Z"));
        ledger.trade(challenge, Instant.parse("2026-03-03T10:00:00Z"), "1500.25", "-3.10", "7.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T23:59:59.999Z"), "-200.10", "0.00", "3.50");
        ledger.trade(challenge, Instant.parse("2026-03-05T00:00:00Z"), "-9999.00", "0.00", "3.50");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-reset", "--date=2026-03-05");

        // then: 100000.00 + 1500.25 - 3.10 - 7.00 - 200.10 - 3.50
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(new BigDecimal(ledger.queryString("SELECT daily_start_equity FROM challenges WHERE id = ?", challenge)))
                .isEqualByComparingTo("101286.55");
        assertThat(ledger.queryString("SELECT last_daily_reset_date FROM challenges WHERE id = ?", challenge))
                .isEqualTo("2026-03-05");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events WHERE challenge_id = ?"
                + " AND event_type = 'DAILY_RESET_PERFORMED'", challenge)).isEqualTo("1");
        assertThat(ledger.queryString("SELECT description FROM challenge_events WHERE challenge_id = ?", challenge))
                .contains("2026-03-05").contains("101286.55");
    }

    @Test
    void secondRunForTheSameDateSaysAlreadyCompleteAndChangesNothing() throws SQLException {
        // given
        UUID challenge = ledger.activeChallenge(trader, Instant.parse("2026-03-01T09:00:00Z"));
        ledger.trade(challenge, Instant.parse("2026-03-03T10:00:00Z"), "250.00", "0.00", "0.00");
        assertThat(cli.run("run", "daily-reset", "--date=2026-03-05").status()).isZero();
        String version = ledger.queryString("SELECT version FROM challenges WHERE id = ?", challenge);

        // when
        CliRunner.Outcome again = cli.run("run", "daily-reset", "--date=2026-03-05");

        // then
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("already complete");
        assertThat(ledger.queryString("SELECT version FROM challenges WHERE id = ?", challenge)).isEqualTo(version);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events WHERE challenge_id = ?", challenge))
                .isEqualTo("1");
    }

    @Test
    void neverMovesTheResetDateBackwardsAndLeavesEndedChallengesAlone() throws SQLException {
        // given
        UUID resetLater = ledger.activeChallenge(trader, Instant.parse("2026-03-01T09:00:00Z"));
        ledger.execute("UPDATE challenges SET last_daily_reset_date = ? WHERE id = ?", LocalDate.parse("2026-03-06"),
                resetLater);
        UUID failed = ledger.activeChallenge(trader, Instant.parse("2026-03-01T09:00:00Z"));
        ledger.execute("UPDATE challenges SET status = 'FAILED', failure_reason = 'DAILY_DRAWDOWN_EXCEEDED',"
                + " ended_at = ? WHERE id = ?", Instant.parse("2026-03-02T10:00:00Z"), failed);

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-reset", "--date=2026-03-05");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(ledger.queryString("SELECT last_daily_reset_date FROM challenges WHERE id = ?", resetLater))
                .isEqualTo("2026-03-06");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events")).isEqualTo("0");
    }

    @Test
    void takesTheEquityFromYesterdaysClosingUnlessATradeArrivedLate() throws SQLException {
        // given: 4 March closed by daily-pnl, then a trade of 4 March arrives late
        UUID challenge = ledger.activeChallenge(trader, Instant.parse("2026-03-01T09:00:00Z"));
        ledger.trade(challenge, Instant.parse("2026-03-04T10:00:00Z"), "400.00", "0.00", "0.00");
        assertThat(cli.run("run", "daily-pnl", "--date=2026-03-04").status()).isZero();
        ledger.trade(challenge, Instant.parse("2026-03-04T20:00:00Z"), "-150.00", "0.00", "0.00");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-reset", "--date=2026-03-05");

        // then: the late trade counts although the closing of 4 March does not have it yet
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(new BigDecimal(ledger.queryString("SELECT daily_start_equity FROM challenges WHERE id = ?", challenge)))
                .isEqualByComparingTo("100250.00");
    }
}
