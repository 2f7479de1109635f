package com.tradesense.batch.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.domain.EventIds;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The append protocol of challenge_events, on every engine. */
abstract class EventAppenderContractTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-05T00:00:00.123Z");

    private TestDatabase database;
    private EventAppender appender;
    private UUID challenge;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        appender = new EventAppender(database.dialect());
        LedgerFixtures fixtures = new LedgerFixtures(database);
        challenge = fixtures.activeChallenge(fixtures.user("trader@example.com"), STARTED);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void allocatesConsecutiveSequenceNumbersPerChallenge() throws SQLException {
        // given
        LedgerFixtures fixtures = new LedgerFixtures(database);
        UUID other = fixtures.activeChallenge(fixtures.user("other@example.com"), STARTED);

        // when
        long first = appendInOwnTransaction(event(challenge, null)).sequenceNumber();
        long second = appendInOwnTransaction(event(challenge, null)).sequenceNumber();
        long otherFirst = appendInOwnTransaction(event(other, null)).sequenceNumber();

        // then
        assertThat(List.of(first, second, otherFirst)).containsExactly(1L, 2L, 1L);
    }

    @Test
    void secondAppendOfTheSameIdempotencyKeyWritesNothingAndReturnsTheFirstRow() throws SQLException {
        // given
        String key = "DAILY_PNL:" + challenge + ":2026-03-04";

        // when
        AppendedEvent first = appendInOwnTransaction(event(challenge, key));
        AppendedEvent again = appendInOwnTransaction(event(challenge, key));

        // then
        assertThat(first.appended()).isTrue();
        assertThat(first.id()).isEqualTo(EventIds.fromIdempotencyKey(key));
        assertThat(again).isEqualTo(new AppendedEvent(first.id(), first.sequenceNumber(), false));
        assertThat(sequenceNumbers(challenge)).containsExactly(1L);
    }

    @Test
    void eventRollsBackWithTheTransactionOfItsChange() throws SQLException {
        // when
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            appender.append(connection, event(challenge, "STATUS:" + challenge + ":FAILED"), NOW);
            connection.rollback();
        }

        // then
        assertThat(sequenceNumbers(challenge)).isEmpty();
    }

    @Test
    void refusesToAppendOutsideATransaction() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> appender.append(connection, event(challenge, null), NOW))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside the transaction");
        }
    }

    @Test
    void appendToAnUnknownChallengeFailsNamingIt() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> appendInOwnTransaction(event(unknown, null)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void concurrentWritersLeaveNoGapAndNoDuplicate() throws Exception {
        // given: several writers racing on one challenge, each append in its own transaction
        int writers = 4;
        int appendsEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();

        // when
        for (int w = 0; w < writers; w++) {
            results.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < appendsEach; i++) {
                    appendInOwnTransaction(event(challenge, null));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> result : results) {
            result.get();
        }
        pool.shutdown();

        // then
        assertThat(sequenceNumbers(challenge))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) writers * appendsEach).boxed().toList());
    }

    @Test
    void concurrentAppendsOfOneKeyWriteOneRow() throws Exception {
        // given
        String key = "DAILY_RESET:" + challenge + ":2026-03-05";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AppendedEvent>> results = new ArrayList<>();

        // when
        for (int w = 0; w < 4; w++) {
            results.add(pool.submit(() -> {
                start.await();
                return appendInOwnTransaction(event(challenge, key));
            }));
        }
        start.countDown();
        List<AppendedEvent> appended = new ArrayList<>();
        for (Future<AppendedEvent> result : results) {
            appended.add(result.get());
        }
        pool.shutdown();

        // then
        assertThat(appended).filteredOn(AppendedEvent::appended).hasSize(1);
        assertThat(appended).extracting(AppendedEvent::id).containsOnly(EventIds.fromIdempotencyKey(key));
        assertThat(sequenceNumbers(challenge)).containsExactly(1L);
    }

    private NewEvent event(UUID challengeId, String key) {
        return new NewEvent(challengeId, "RISK_VIOLATION_DETECTED", "{\"job\":\"test\"}",
                "A test event an auditor can read", Instant.parse("2026-03-05T00:00:00Z"), "test:2026-03-04", null, key);
    }

    private AppendedEvent appendInOwnTransaction(NewEvent event) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                AppendedEvent appended = appender.append(connection, event, NOW);
                connection.commit();
                return appended;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<Long> sequenceNumbers(UUID challengeId) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT sequence_number FROM challenge_events WHERE challenge_id = ? ORDER BY sequence_number")) {
            database.dialect().setUuid(ps, 1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        return numbers;
    }
}
