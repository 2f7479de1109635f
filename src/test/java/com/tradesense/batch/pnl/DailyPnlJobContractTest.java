package com.tradesense.batch.pnl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code run daily-pnl} through the real command line, on every engine. */
abstract class DailyPnlJobContractTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);
    private static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

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
        trader = ledger.user("pnl@example.com");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void writesOneDailyPnlEventWithTheContractKeysFromTheOpeningEquity() throws Exception {
        // given: a loss on 3 March, then on 4 March a dip and a recovery
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-03T10:00:00Z"), "-1000.00", "0.00", "0.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "-2000.00", "-1.50", "3.50");
        ledger.trade(challenge, Instant.parse("2026-03-04T15:00:00Z"), "2500.00", "0.00", "3.50");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(ExitCodes.COMPLETED);
        List<JsonNode> events = eventData(challenge, "DAILY_PNL_CALCULATED");
        assertThat(events).hasSize(1);
        JsonNode data = events.get(0);
        assertThat(data.get("business_date").asText()).isEqualTo("2026-03-04");
        assertThat(data.get("trade_count").asInt()).isEqualTo(2);
        assertThat(data.get("winning_trades").asInt()).isEqualTo(1);
        assertThat(data.get("losing_trades").asInt()).isEqualTo(1);
        assertThat(data.get("opening_equity").asText()).isEqualTo("99000.00");
        assertThat(data.get("lowest_equity").asText()).isEqualTo("96995.00");
        assertThat(data.get("closing_equity").asText()).isEqualTo("99491.50");
        assertThat(data.get("net_pnl").asText()).isEqualTo("491.50");
        assertThat(data.get("commission").asText()).isEqualTo("7.00");
        assertThat(data.get("max_daily_drawdown_pct_used").asText()).isEqualTo("2.0253");
        assertThat(data.get("trading_days_to_date").asInt()).isEqualTo(2);
        assertThat(data.get("job").asText()).isEqualTo("daily-pnl");
        assertThat(data.has("job_execution_id")).isTrue();
        assertThat(data.has("software_version")).isTrue();
        assertThat(ledger.queryInstant("SELECT occurred_at FROM challenge_events WHERE challenge_id = ?", challenge))
                .isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
        assertThat(new BigDecimal(ledger.queryString("SELECT max_equity_ever FROM challenges WHERE id = ?", challenge)))
                .isEqualByComparingTo("100000.00");
    }

    @Test
    void failsAChallengeWhoseIntradayLowBreachesTheDailyLimitWithItsThreeEvents() throws Exception {
        // given: 5% of 100000 is 5000; the second trade takes equity to 94999.99
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "-3000.00", "0.00", "0.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T11:30:00Z"), "-2000.01", "0.00", "0.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T16:00:00Z"), "9000.00", "0.00", "0.00");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(ledger.queryString("SELECT status FROM challenges WHERE id = ?", challenge)).isEqualTo("FAILED");
        assertThat(ledger.queryString("SELECT failure_reason FROM challenges WHERE id = ?", challenge))
                .isEqualTo("DAILY_DRAWDOWN_EXCEEDED");
        assertThat(ledger.queryInstant("SELECT ended_at FROM challenges WHERE id = ?", challenge))
                .isEqualTo(Instant.parse("2026-03-04T11:30:00Z"));
        assertThat(eventTypes(challenge)).contains("RISK_VIOLATION_DETECTED", "CHALLENGE_STATUS_CHANGED",
                "CHALLENGE_FAILED", "DAILY_PNL_CALCULATED");
        // figures stop at the end: the recovery trade after it changes nothing
        assertThat(eventData(challenge, "DAILY_PNL_CALCULATED").get(0).get("closing_equity").asText())
                .isEqualTo("94999.99");
        assertThat(new BigDecimal(ledger.queryString("SELECT current_equity FROM challenges WHERE id = ?", challenge)))
                .isEqualByComparingTo("94999.99");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM risk_alerts WHERE challenge_id = ? AND alert_type = 'UNUSUAL_ACTIVITY'",
                challenge)).isEqualTo("1");
        assertThat(sequenceNumbers(challenge)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void fundsAChallengeThatReachesItsTarget() throws Exception {
        // given: target 8% of 100000
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "8000.00", "0.00", "0.00");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(ledger.queryString("SELECT status FROM challenges WHERE id = ?", challenge)).isEqualTo("FUNDED");
        assertThat(eventTypes(challenge)).contains("CHALLENGE_STATUS_CHANGED", "CHALLENGE_FUNDED");
        assertThat(ledger.queryString("SELECT alert_type FROM risk_alerts WHERE challenge_id = ?", challenge))
                .isEqualTo("PROFIT_TARGET_REACHED");
    }

    @Test
    void reRunWithNothingNewSaysAlreadyCompleteAndWritesNothing() throws Exception {
        // given
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "150.00", "0.00", "0.00");
        assertThat(cli.run("run", "daily-pnl", "--date=2026-03-04").status()).isZero();
        String events = ledger.queryString("SELECT COUNT(*) FROM challenge_events");
        String version = ledger.queryString("SELECT version FROM challenges WHERE id = ?", challenge);

        // when
        CliRunner.Outcome again = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("already complete");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events")).isEqualTo(events);
        assertThat(ledger.queryString("SELECT version FROM challenges WHERE id = ?", challenge)).isEqualTo(version);
    }

    @Test
    void lateTradeRestatesTheDayAndTheLaterDaysInOrder() throws Exception {
        // given: 3 and 4 March closed
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-03T09:00:00Z"), "100.00", "0.00", "0.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "200.00", "0.00", "0.00");
        assertThat(cli.run("run", "daily-pnl", "--date=2026-03-03").status()).isZero();
        assertThat(cli.run("run", "daily-pnl", "--date=2026-03-04").status()).isZero();

        // when: a trade of 3 March arrives late, and 3 March runs again
        ledger.trade(challenge, Instant.parse("2026-03-03T20:00:00Z"), "-50.00", "0.00", "0.00");
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-03");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("restating");
        List<JsonNode> restated = eventData(challenge, "DAILY_PNL_RESTATED");
        assertThat(restated).hasSize(2);
        assertThat(restated).extracting(n -> n.get("business_date").asText()).containsExactly("2026-03-03", "2026-03-04");
        assertThat(restated).extracting(n -> n.get("revision").asInt()).containsOnly(2);
        assertThat(restated.get(0).get("closing_equity").asText()).isEqualTo("100050.00");
        assertThat(restated.get(1).get("opening_equity").asText()).isEqualTo("100050.00");
        assertThat(restated.get(1).get("closing_equity").asText()).isEqualTo("100250.00");
        String superseded = ledger.queryString("SELECT id FROM challenge_events WHERE event_type = 'DAILY_PNL_CALCULATED'"
                + " AND idempotency_key = ?", "DAILY_PNL:" + challenge + ":2026-03-03");
        assertThat(restated.get(0).get("supersedes").asText()).isEqualTo(superseded);

        // and a further re-run with nothing new writes nothing
        String count = ledger.queryString("SELECT COUNT(*) FROM challenge_events");
        CliRunner.Outcome again = cli.run("run", "daily-pnl", "--date=2026-03-03");
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("already complete");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events")).isEqualTo(count);
    }

    @Test
    void platformFundingTheLedgerShowsBreachedIsADisagreementNeverOverwritten() throws Exception {
        // given: the platform funded it, but the ledger shows a total breach on 4 March
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-04T09:00:00Z"), "-6000.00", "0.00", "0.00");
        ledger.execute("UPDATE challenges SET status = 'FUNDED', ended_at = ? WHERE id = ?",
                Instant.parse("2026-03-04T12:00:00Z"), challenge);

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(ledger.queryString("SELECT status FROM challenges WHERE id = ?", challenge)).isEqualTo("FUNDED");
        assertThat(ledger.queryString("SELECT description FROM challenge_events WHERE event_type = 'RISK_VIOLATION_DETECTED'"
                + " AND challenge_id = ?", challenge)).contains("disagree").contains("FUNDED").contains("FAILED");
    }

    @Test
    void challengesNotActiveDuringTheDateGetNoEvent() throws Exception {
        // given: one pending, one ended before the date, one soft-deleted
        ledger.execute("INSERT INTO challenges (id, user_id, initial_balance, max_daily_drawdown_pct, max_total_drawdown_pct,"
                + " profit_target_pct, current_equity, max_equity_ever, daily_start_equity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), trader, new BigDecimal("1000.00"), new BigDecimal("5.00"), new BigDecimal("10.00"),
                new BigDecimal("8.00"), new BigDecimal("1000.00"), new BigDecimal("1000.00"), new BigDecimal("1000.00"));
        UUID ended = ledger.activeChallenge(trader, STARTED);
        ledger.execute("UPDATE challenges SET status = 'FAILED', failure_reason = 'EXPIRED', ended_at = ? WHERE id = ?",
                Instant.parse("2026-03-03T23:59:59.999Z"), ended);
        UUID deleted = ledger.activeChallenge(trader, STARTED);
        ledger.execute("UPDATE challenges SET deleted_at = ? WHERE id = ?", Instant.parse("2026-03-02T00:00:00Z"), deleted);

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events")).isEqualTo("0");
    }

    @Test
    void breachOnANightThatWasNeverClosedEndsTheChallengeThereAndTheDateGetsNoEvent() throws Exception {
        // given: a total breach on 2 March; nothing ran for 2 and 3 March
        UUID challenge = ledger.activeChallenge(trader, STARTED);
        ledger.trade(challenge, Instant.parse("2026-03-02T10:00:00Z"), "-10000.00", "0.00", "0.00");
        ledger.trade(challenge, Instant.parse("2026-03-04T10:00:00Z"), "500.00", "0.00", "0.00");

        // when
        CliRunner.Outcome outcome = cli.run("run", "daily-pnl", "--date=2026-03-04");

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(ledger.queryString("SELECT status FROM challenges WHERE id = ?", challenge)).isEqualTo("FAILED");
        assertThat(ledger.queryString("SELECT failure_reason FROM challenges WHERE id = ?", challenge))
                .isEqualTo("DAILY_DRAWDOWN_EXCEEDED");
        assertThat(ledger.queryInstant("SELECT ended_at FROM challenges WHERE id = ?", challenge))
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(eventTypes(challenge)).doesNotContain("DAILY_PNL_CALCULATED").contains("CHALLENGE_FAILED");
    }

    private List<String> eventTypes(UUID challenge) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT event_type FROM challenge_events WHERE challenge_id = ? ORDER BY sequence_number")) {
            database.dialect().setUuid(ps, 1, challenge);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private List<Long> sequenceNumbers(UUID challenge) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sequence_number FROM challenge_events WHERE challenge_id = ? ORDER BY sequence_number")) {
            database.dialect().setUuid(ps, 1, challenge);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        return numbers;
    }

    private List<JsonNode> eventData(UUID challenge, String type) throws Exception {
        List<JsonNode> data = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT event_data FROM challenge_events WHERE challenge_id = ?"
                     + " AND event_type = ? ORDER BY sequence_number")) {
            database.dialect().setUuid(ps, 1, challenge);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    data.add(JSON.readTree(rs.getString(1)));
                }
            }
        }
        return data;
    }
}
