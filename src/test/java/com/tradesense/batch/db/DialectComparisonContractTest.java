package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The comparisons a reconciliation leaves to the database decide as {@link BigDecimal} would, on every engine:
 * at the tolerance itself, one unit over it, with other trailing zeros, and beyond what a double can tell apart.
 */
abstract class DialectComparisonContractTest {

    private TestDatabase database;
    private Dialect dialect;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() {
        database = TestDatabases.empty(engine());
        dialect = database.dialect();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    record Case(String a, String b, String tolerance) {
        boolean differs() {
            return new BigDecimal(a).subtract(new BigDecimal(b)).abs().compareTo(new BigDecimal(tolerance)) > 0;
        }
    }

    /** The cases the database says differ, decided in one query as a reconciliation does. */
    private Set<Integer> differing(List<Case> cases) throws SQLException {
        String decimal = dialect.decimalColumnType();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE cases (n INTEGER, a " + decimal + ", b " + decimal + ", tolerance "
                    + decimal + ")");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < cases.size(); i++) {
                    ps.setInt(1, i);
                    dialect.setDecimal(ps, 2, new BigDecimal(cases.get(i).a()));
                    dialect.setDecimal(ps, 3, new BigDecimal(cases.get(i).b()));
                    dialect.setDecimal(ps, 4, new BigDecimal(cases.get(i).tolerance()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Set<Integer> found = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT n FROM cases WHERE "
                    + dialect.decimalsDiffer("a", "b", "tolerance"))) {
                while (rs.next()) {
                    found.add(rs.getInt(1));
                }
            }
            s.execute("DROP TABLE cases");
            return found;
        }
    }

    private static Set<Integer> expected(List<Case> cases) {
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).differs()) {
                expected.add(i);
            }
        }
        return expected;
    }

    @Test
    void aDifferenceEqualToTheToleranceAgreesAndOneUnitMoreDiffers() throws SQLException {
        // given
        List<Case> cases = List.of(
                new Case("10.00", "10.01", "0.01"),
                new Case("10.01", "10.00", "0.01"),
                new Case("10.00", "10.02", "0.01"),
                new Case("-5.00", "-5.01", "0.01"),
                new Case("-5.00", "-5.02", "0.01"),
                new Case("0.005", "-0.005", "0.01"),
                new Case("0.005", "-0.006", "0.01"),
                new Case("1.08450", "1.08451", "0.00001"),
                new Case("1.08450000", "1.08451001", "0.00001"),
                new Case("1.00", "1.00000000", "0"),
                new Case("1.00", "1.00000001", "0"),
                new Case("0", "-0.00", "0"),
                new Case("100", "100.000", "0"),
                new Case("100", "1", "0"));

        // when
        Set<Integer> differing = differing(cases);

        // then
        assertThat(differing).containsExactlyInAnyOrder(2, 4, 6, 8, 10, 13);
    }

    @Test
    void decimalsADoubleCannotTellApartAreStillToldApart() throws SQLException {
        // given: values past the 15 or so digits a double holds
        List<Case> cases = List.of(
                new Case("123456789012.00000001", "123456789012.00000002", "0"),
                new Case("123456789012.00000001", "123456789012.00000002", "0.00000001"),
                new Case("9999999999999999.99", "9999999999999999.98", "0.01"),
                new Case("9999999999999999.99", "9999999999999999.97", "0.01"),
                new Case("9999999999999999.99", "9999999999999999.98", "0"));

        // when
        Set<Integer> differing = differing(cases);

        // then
        assertThat(differing).containsExactlyInAnyOrder(0, 3, 4);
    }

    @Test
    void agreesWithBigDecimalOnThousandsOfPairsCloseToTheTolerance() throws SQLException {
        // given: pairs whose difference lies within a few units of the tolerance, at every scale the ledger uses
        Random random = new Random(17);
        List<Case> cases = new ArrayList<>();
        String[] tolerances = {"0.01", "0.00001", "0", "0.5"};
        for (int i = 0; i < 4_000; i++) {
            int scale = random.nextInt(9);
            BigDecimal tolerance = new BigDecimal(tolerances[i % tolerances.length]);
            BigDecimal a = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, scale);
            BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(scale, tolerance.scale()));
            BigDecimal difference = tolerance.add(unit.multiply(BigDecimal.valueOf(random.nextInt(5) - 2)));
            BigDecimal b = random.nextBoolean() ? a.add(difference) : a.subtract(difference);
            String bText = random.nextBoolean() ? b.toPlainString() : b.setScale(b.scale() + 3).toPlainString();
            cases.add(new Case(a.toPlainString(), bText, tolerance.toPlainString()));
        }

        // when
        Set<Integer> differing = differing(cases);

        // then
        assertThat(differing).isEqualTo(expected(cases));
    }

    @Test
    void secondsBetweenInstantsAreRightToAFewMilliseconds() throws SQLException {
        // given
        Random random = new Random(3);
        List<Instant[]> pairs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Instant from = Instant.parse("2026-03-03T00:00:00Z").plusMillis(random.nextInt(86_400_000));
            Instant to = from.plusNanos(random.nextLong(-5_000_000_000L, 5_000_000_000L));
            pairs.add(new Instant[] {from, to});
        }
        pairs.add(new Instant[] {Instant.parse("2026-03-02T23:59:59.600Z"), Instant.parse("2026-03-03T00:00:01Z")});

        // when
        List<Double> seconds = new ArrayList<>();
        List<TypedBulkLoader.Column> columns = List.of(new TypedBulkLoader.Column("n", TypedBulkLoader.Type.BIGINT),
                new TypedBulkLoader.Column("a", TypedBulkLoader.Type.INSTANT),
                new TypedBulkLoader.Column("b", TypedBulkLoader.Type.INSTANT));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE times (" + TypedBulkLoader.definition(dialect, columns) + ")");
            try (TypedBulkLoader loader = TypedBulkLoader.open(dialect, c, "times", columns)) {
                for (int i = 0; i < pairs.size(); i++) {
                    loader.add((long) i, pairs.get(i)[0], pairs.get(i)[1]);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT " + dialect.secondsBetween("a", "b")
                    + " AS seconds FROM times ORDER BY n")) {
                while (rs.next()) {
                    seconds.add(rs.getDouble("seconds"));
                }
            }
        }

        // then
        assertThat(seconds).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            double exact = Duration.between(pairs.get(i)[0], pairs.get(i)[1]).toNanos() / 1e9;
            assertThat(seconds.get(i)).as("pair %d", i).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.002));
        }
    }
}
