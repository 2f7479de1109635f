package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static final String NUMBERS = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n""";

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private PreparedStatement numbers(long count) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(NUMBERS);
        ps.setLong(1, count);
        return ps;
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("workbook-read-ahead") && t.isAlive());
    }

    @Test
    void everyRowArrivesInOrderOnTheCallingThreadAcrossBatches() throws Exception {
        // given
        List<Long> written = new ArrayList<>();
        List<String> mappingThreads = new ArrayList<>();
        List<String> writingThreads = new ArrayList<>();

        // when
        try (PreparedStatement ps = numbers(2 * ReadAhead.BATCH + 500)) {
            ReadAhead.forEach(ps, rs -> {
                if (mappingThreads.isEmpty()) {
                    mappingThreads.add(Thread.currentThread().getName());
                }
                return rs.getLong(1);
            }, row -> {
                written.add(row);
                if (writingThreads.isEmpty()) {
                    writingThreads.add(Thread.currentThread().getName());
                }
            });
        }

        // then
        assertThat(written).containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * ReadAhead.BATCH + 500)
                .boxed().toList());
        assertThat(mappingThreads).containsExactly("workbook-read-ahead");
        assertThat(writingThreads).containsExactly(Thread.currentThread().getName());
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void aQueryWithoutRowsWritesNothing() throws Exception {
        // given
        List<Long> written = new ArrayList<>();

        // when
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 WHERE 1 = 0")) {
            ReadAhead.forEach(ps, rs -> rs.getLong(1), written::add);
        }

        // then
        assertThat(written).isEmpty();
    }

    @Test
    void aFailingWriterStopsTheReaderSoonAndHandsTheConnectionBack() throws Exception {
        // given
        AtomicInteger mapped = new AtomicInteger();

        // when
        try (PreparedStatement ps = numbers(1_000_000)) {
            assertThatThrownBy(() -> ReadAhead.forEach(ps, rs -> {
                mapped.incrementAndGet();
                return rs.getLong(1);
            }, row -> {
                if (row == 1_500) {
                    throw new IOException("disk full");
                }
            })).isInstanceOf(IOException.class).hasMessage("disk full");
        }

        // then: the reader is gone, read at most the batches it may hold ahead, and the connection works
        assertThat(readerAlive()).isFalse();
        assertThat(mapped.get()).isLessThan(20 * ReadAhead.BATCH);
        try (PreparedStatement ps = connection.prepareStatement("SELECT 41 + 1"); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aFailureWhileReadingReachesTheCallerWithItsType() throws Exception {
        // given
        List<Long> written = new ArrayList<>();

        // when / then: a mapping error keeps its own type, an SQL error stays an SQLException
        try (PreparedStatement ps = numbers(5_000)) {
            assertThatThrownBy(() -> ReadAhead.forEach(ps, rs -> {
                if (rs.getLong(1) == 2_500) {
                    throw new IllegalArgumentException("row 2500 is not a number");
                }
                return rs.getLong(1);
            }, written::add)).isInstanceOf(IllegalArgumentException.class).hasMessage("row 2500 is not a number");
        }
        assertThat(written).hasSizeLessThan(2_500);
        try (PreparedStatement ps = connection.prepareStatement("SELECT json_extract('{not json', '$')")) {
            assertThatThrownBy(() -> ReadAhead.forEach(ps, rs -> rs.getString(1), row -> { }))
                    .isInstanceOf(SQLException.class).hasMessageContaining("JSON");
        }
        assertThat(readerAlive()).isFalse();
    }
}
