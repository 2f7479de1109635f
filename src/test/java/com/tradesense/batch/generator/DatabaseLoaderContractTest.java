package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The loader against the real migrated schema of each engine: every constraint must accept what the generator emits,
 * and what is read back must be the generated values exactly. The data set is loaded once per engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseLoaderContractTest {

    static final GeneratorSettings SETTINGS = GeneratorSettings.builder().seed(41).challenges(30).days(3).build();

    private final CollectingSink generated = new CollectingSink();
    private TestDatabase database;
    private Map<String, Long> reportedCounts;

    protected abstract TestEngine engine();

    @BeforeAll
    void loadOnce() {
        Generator.generate(SETTINGS, generated);
        database = TestDatabases.migrated(engine());
        reportedCounts = DatabaseLoader.load(database.dataSource(), SETTINGS);
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void loadsEveryGeneratedRowAndReportsHowMany() throws SQLException {
        // given
        Map<String, Long> expected = Map.of("users", (long) generated.users.size(),
                "challenges", (long) generated.challenges.size(), "payments", (long) generated.payments.size(),
                "trades", (long) generated.trades.size());

        // when
        Map<String, Long> inDatabase = Map.of("users", count("SELECT count(*) FROM users"),
                "challenges", count("SELECT count(*) FROM challenges"),
                "payments", count("SELECT count(*) FROM payments"),
                "trades", count("SELECT count(*) FROM trades"));

        // then
        assertThat(generated.challenges).hasSize(30);
        assertThat(generated.trades).isNotEmpty();
        assertThat(inDatabase).isEqualTo(expected);
        assertThat(reportedCounts).isEqualTo(expected);
    }

    @Test
    void everyChildRowFindsItsParent() throws SQLException {
        // when
        long orphanChallenges = count("SELECT count(*) FROM challenges c LEFT JOIN users u ON u.id = c.user_id"
                + " WHERE u.id IS NULL");
        long orphanTrades = count("SELECT count(*) FROM trades t LEFT JOIN challenges c ON c.id = t.challenge_id"
                + " WHERE c.id IS NULL");
        long orphanPayments = count("SELECT count(*) FROM payments p LEFT JOIN challenges c ON c.id = p.challenge_id"
                + " LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL"
                + " OR (p.challenge_id IS NOT NULL AND c.id IS NULL)");

        // then
        assertThat(List.of(orphanChallenges, orphanTrades, orphanPayments)).containsOnly(0L);
    }

    @Test
    void readsBackExactlyTheGeneratedValues() throws SQLException {
        // when
        Map<String, List<List<Object>>> loaded = TableDump.of(database.dataSource(), database.dialect());

        // then
        Map<String, List<List<Object>>> expected = TableDump.of(generated);
        assertThat(loaded).as(TableDump.firstDifference(expected, loaded)).isEqualTo(expected);
    }

    @Test
    void realizedProfitIsExactToTheCentRowByRow() throws SQLException {
        // given
        BigDecimal expectedPnl = generated.trades.stream().map(GeneratedTrade::realizedPnl)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal expectedEffect = generated.trades.stream().map(GeneratedTrade::equityEffect)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        // when
        List<BigDecimal> pnl = new ArrayList<>();
        BigDecimal effect = BigDecimal.ZERO;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT realized_pnl, swap, commission FROM trades")) {
            while (rs.next()) {
                BigDecimal rowPnl = database.dialect().getDecimal(rs, "realized_pnl");
                pnl.add(rowPnl);
                effect = effect.add(rowPnl).add(database.dialect().getDecimal(rs, "swap"))
                        .subtract(database.dialect().getDecimal(rs, "commission"));
            }
        }

        // then
        assertThat(pnl).hasSameSizeAs(generated.trades).allMatch(value -> value.scale() == 2);
        assertThat(pnl.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(expectedPnl);
        assertThat(effect).isEqualTo(expectedEffect);
    }

    @Test
    void rowBreakingAConstraintFailsTheLoadInsteadOfBeingSkipped() {
        // given: a trade with zero quantity, which trades_quantity_positive forbids
        GeneratedUser user = generated.users.get(0);
        GeneratedChallenge challenge = generated.challenges.stream().filter(c -> c.userId().equals(user.id()))
                .findFirst().orElseThrow();
        GeneratedTrade trade = generated.trades.stream().filter(t -> t.challengeId().equals(challenge.id()))
                .findFirst().orElseThrow();
        GeneratedTrade broken = new GeneratedTrade(trade.id(), trade.challengeId(), trade.sequenceNumber(),
                trade.provider(), trade.providerTradeId(), trade.symbol(), trade.side(), BigDecimal.ZERO,
                trade.price(), trade.commission(), trade.swap(), trade.realizedPnl(), trade.executedAt(),
                trade.createdAt());

        try (TestDatabase empty = TestDatabases.migrated(engine())) {
            // when / then
            assertThatThrownBy(() -> {
                try (Connection connection = empty.dataSource().getConnection();
                     DatabaseLoader loader = new DatabaseLoader(connection)) {
                    loader.user(user);
                    loader.challenge(challenge);
                    loader.trade(broken);
                    loader.finish();
                }
            }).isInstanceOf(IllegalStateException.class)
                    .rootCause().hasMessageContaining("trades_quantity_positive");
            assertThat(countIn(empty, "SELECT count(*) FROM users")).isZero();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws SQLException {
        return countIn(database, sql);
    }

    private static long countIn(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
