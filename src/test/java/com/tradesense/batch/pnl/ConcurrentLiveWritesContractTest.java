package com.tradesense.batch.pnl;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.DatabaseSnapshot;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * While daily-pnl closes D, the live platform keeps writing today's trades, their TRADE_EXECUTED events and the
 * equity (optimistic locking, as the platform does): nothing is lost, no conflict is left unresolved, and D's
 * figures are those of a run without the live writer.
 */
abstract class ConcurrentLiveWritesContractTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-03-02");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    protected abstract TestEngine engine();

    private static GeneratorSettings data() {
        return GeneratorSettings.builder().seed(91).challenges(150).days(2).firstDate(FIRST)
                .tradesPerChallengePerDay(4).build();
    }

    @Test
    void liveWriterLosesNothingAndTheDayMatchesAQuietRun() throws Exception {
        try (TestDatabase quiet = TestDatabases.migrated(engine()); TestDatabase busy = TestDatabases.migrated(engine())) {
            // given
            DatabaseLoader.load(quiet.dataSource(), data());
            DatabaseLoader.load(busy.dataSource(), data());
            List<UUID> challenges = activeChallenges(busy);
            LiveWriter writer = new LiveWriter(busy, challenges);
            Thread live = new Thread(writer, "live-platform");

            // when
            live.start();
            CliRunner.Outcome busyRun = new CliRunner(busy, LATER).run("run", "daily-pnl", "--date=" + FIRST,
                    "--tradesense.eod.chunk-size=5");
            writer.stop.set(true);
            live.join();
            CliRunner.Outcome quietRun = new CliRunner(quiet, LATER).run("run", "daily-pnl", "--date=" + FIRST);

            // then
            assertThat(busyRun.status()).as(busyRun.err()).isZero();
            assertThat(quietRun.status()).as(quietRun.err()).isZero();
            assertThat(writer.failures).as("live writer failures: " + writer.firstFailure).hasValue(0);
            assertThat(writer.trades.get()).as("the live writer wrote while the job ran").isPositive();
            assertThat(count(busy, "SELECT COUNT(*) FROM trades WHERE provider = 'LIVE-TEST'")).isEqualTo(writer.trades.get());
            assertThat(count(busy, "SELECT COUNT(*) FROM challenge_events WHERE event_type = 'TRADE_EXECUTED'"))
                    .isEqualTo(writer.trades.get());
            assertThat(count(busy, "SELECT COUNT(*) FROM (SELECT challenge_id FROM challenge_events GROUP BY challenge_id"
                    + " HAVING MAX(sequence_number) <> COUNT(*)) gaps")).isZero();
            assertThat(dailyEvents(busy)).containsExactlyElementsOf(dailyEvents(quiet));
        }
    }

    private List<String> dailyEvents(TestDatabase database) throws SQLException {
        return DatabaseSnapshot.of(database).stream().filter(row -> row.contains(" DAILY_PNL_CALCULATED "))
                .map(row -> row.replaceFirst(" #\\d+ ", " ")).toList();
    }

    private static int count(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<UUID> activeChallenges(TestDatabase database) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM challenges WHERE status = 'ACTIVE' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(database.dialect().getUuid(rs, "id"));
            }
        }
        return ids;
    }

    /** Writes a trade of "today", its event and the new equity, the way the live platform does. */
    private static final class LiveWriter implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger trades = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile String firstFailure = "";
        private final TestDatabase database;
        private final Dialect dialect;
        private final List<UUID> challenges;
        private final EventAppender appender;
        private final Random random = new Random(5);

        LiveWriter(TestDatabase database, List<UUID> challenges) {
            this.database = database;
            this.dialect = database.dialect();
            this.challenges = challenges;
            this.appender = new EventAppender(dialect);
        }

        @Override
        public void run() {
            Instant today = FIRST.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant();
            int n = 0;
            while (!stop.get() || n < 5) {
                UUID challenge = challenges.get(random.nextInt(challenges.size()));
                try {
                    writeTrade(challenge, today.plusSeconds(n), n);
                    trades.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    if (failures.getAndIncrement() == 0) {
                        firstFailure = e.toString();
                    }
                }
                n++;
            }
        }

        private void writeTrade(UUID challenge, Instant executedAt, int n) throws SQLException {
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    long version;
                    BigDecimal equity;
                    try (PreparedStatement ps = c.prepareStatement("SELECT version, current_equity FROM challenges WHERE id = ?"
                            + dialect.forUpdate())) {
                        dialect.setUuid(ps, 1, challenge);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            version = rs.getLong(1);
                            equity = dialect.getDecimal(rs, "current_equity");
                        }
                    }
                    long sequence;
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM trades WHERE challenge_id = ?")) {
                        dialect.setUuid(ps, 1, challenge);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            sequence = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO trades (id, challenge_id, sequence_number, provider, provider_trade_id, symbol, side,
                                                quantity, price, commission, swap, realized_pnl, executed_at)
                            VALUES (?, ?, ?, 'LIVE-TEST', ?, 'EURUSD', 'BUY', ?, ?, ?, ?, ?, ?)""")) {
                        dialect.setUuid(ps, 1, UUID.randomUUID());
                        dialect.setUuid(ps, 2, challenge);
                        ps.setLong(3, sequence);
                        ps.setString(4, "live-" + n);
                        dialect.setDecimal(ps, 5, new BigDecimal("0.10000000"));
                        dialect.setDecimal(ps, 6, new BigDecimal("1.08000000"));
                        dialect.setDecimal(ps, 7, new BigDecimal("0.70"));
                        dialect.setDecimal(ps, 8, new BigDecimal("0.00"));
                        dialect.setDecimal(ps, 9, new BigDecimal("1.25"));
                        dialect.setInstant(ps, 10, executedAt);
                        ps.executeUpdate();
                    }
                    appender.append(c, new NewEvent(challenge, "TRADE_EXECUTED", "{\"provider\":\"LIVE-TEST\"}",
                            "Live trade " + n, executedAt, "live:" + n, null, "TRADE:LIVE-TEST:live-" + n), Instant.now());
                    try (PreparedStatement ps = c.prepareStatement("UPDATE challenges SET current_equity = ?,"
                            + " version = version + 1 WHERE id = ? AND version = ?")) {
                        dialect.setDecimal(ps, 1, equity.add(new BigDecimal("0.55")));
                        dialect.setUuid(ps, 2, challenge);
                        ps.setLong(3, version);
                        if (ps.executeUpdate() != 1) {
                            throw new SQLException("optimistic lock conflict left unresolved for " + challenge);
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
    }
}
