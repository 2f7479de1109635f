package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes into a bulk load comes out of the table unchanged, on every engine. */
abstract class BulkLoaderContractTest {

    private TestDatabase database;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() {
        database = TestDatabases.empty(engine());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void textWithEscapesNonAsciiAndNullsRoundTripsAcrossManyBuffers() throws SQLException {
        // given: values that need escaping or multi-byte UTF-8, a literal \N, and enough rows to fill many buffers
        List<String[]> rows = new ArrayList<>();
        String[] awkward = {"plain", null, "", "tab\there", "line\nbreak\r\n", "back\\slash", "\\N", "é ü ß",
            "€ 中文", "emoji 😀 and more 🎉", "x".repeat(70_000)};
        for (int i = 0; i < 5_000; i++) {
            rows.add(new String[] {Integer.toString(i), awkward[i % awkward.length],
                awkward[(i * 7 + 3) % awkward.length]});
        }

        // when
        List<String[]> read = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMPORARY TABLE loaded (n INTEGER, a TEXT, b TEXT)");
            try (BulkLoader loader = BulkLoader.open(database.dialect(), c, "loaded", List.of("n", "a", "b"))) {
                for (String[] row : rows) {
                    loader.add(row);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT n, a, b FROM loaded ORDER BY n")) {
                while (rs.next()) {
                    read.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            c.commit();
        }

        // then
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i)).as("row %d", i).isEqualTo(rows.get(i));
        }
        assertThat(Arrays.asList(read.get(1))).containsNull();
    }

    @Test
    void typedValuesRoundTripWithTheirScaleAndInstantsToTheMillisecond() throws SQLException {
        // given
        List<TypedBulkLoader.Column> columns = List.of(new TypedBulkLoader.Column("n", TypedBulkLoader.Type.BIGINT),
                new TypedBulkLoader.Column("label", TypedBulkLoader.Type.TEXT),
                new TypedBulkLoader.Column("amount", TypedBulkLoader.Type.DECIMAL),
                new TypedBulkLoader.Column("at", TypedBulkLoader.Type.INSTANT));
        String[] amounts = {"0", "0.00", "1.08450000", "-1234.5", "0.00000001", "-0.0001", "10000", "99999999.9999",
            "123456789012345678901234567890.123456789", "1E+3", "-7", "5.000000000000000000001"};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            BigDecimal amount = i % 13 == 12 ? null : new BigDecimal(amounts[i % 13 % amounts.length]);
            Instant at = i % 17 == 16 ? null
                    : Instant.parse("2026-03-03T10:00:00Z").plusMillis(i * 997L - 1_000_000L);
            rows.add(new Object[] {(long) i - 5, i % 11 == 10 ? null : "label é " + i, amount, at});
        }
        rows.add(new Object[] {-1_000L, "x".repeat(100_000), new BigDecimal("1"),
            Instant.parse("1999-12-31T23:59:59.999Z")});

        // when
        List<Object[]> read = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMPORARY TABLE typed (" + TypedBulkLoader.definition(database.dialect(), columns)
                    + ")");
            try (TypedBulkLoader loader = TypedBulkLoader.open(database.dialect(), c, "typed", columns)) {
                for (Object[] row : rows) {
                    loader.add(row);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT n, label, amount, at FROM typed")) {
                while (rs.next()) {
                    read.add(new Object[] {rs.getLong("n"), rs.getString("label"),
                        database.dialect().getDecimal(rs, "amount"), database.dialect().getInstant(rs, "at")});
                }
            }
            c.commit();
        }

        // then
        read.sort(java.util.Comparator.comparingLong(r -> (Long) r[0]));
        rows.sort(java.util.Comparator.comparingLong(r -> (Long) r[0]));
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] expected = rows.get(i).clone();
            if (expected[2] != null) {
                BigDecimal amount = (BigDecimal) expected[2];
                expected[2] = amount.setScale(Math.max(amount.scale(), 0));
            }
            assertThat(read.get(i)).as("row %d", i).isEqualTo(expected);
        }
    }
}
