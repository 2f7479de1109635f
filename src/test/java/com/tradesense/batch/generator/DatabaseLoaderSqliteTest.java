package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.db.SqliteDataSources;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads into tables declared here with the contract's column names and the SQLite storage conventions the real
 * migrations use (exact-decimal text, millisecond UTC text instants, foreign keys); the contract suite should also
 * run the loader against the migrated schema on both engines once it exists.
 */
class DatabaseLoaderSqliteTest {

    private static final String DDL = """
            CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL, password_hash TEXT NOT NULL,
              role TEXT NOT NULL, status TEXT NOT NULL, metadata TEXT CHECK (json_valid(metadata)),
              created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
              updated_at TEXT NOT NULL, deleted_at TEXT, version INTEGER NOT NULL);
            CREATE TABLE challenges (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
              status TEXT NOT NULL, initial_balance TEXT NOT NULL, max_daily_drawdown_pct TEXT NOT NULL,
              max_total_drawdown_pct TEXT NOT NULL, profit_target_pct TEXT NOT NULL, min_trading_days INTEGER NOT NULL,
              expires_at TEXT, current_equity TEXT NOT NULL, max_equity_ever TEXT NOT NULL,
              daily_start_equity TEXT NOT NULL, last_daily_reset_date TEXT, currency TEXT NOT NULL, provider TEXT,
              provider_account_id TEXT, started_at TEXT, ended_at TEXT, failure_reason TEXT, created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL, deleted_at TEXT, version INTEGER NOT NULL,
              UNIQUE (provider, provider_account_id));
            CREATE TABLE payments (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
              challenge_id TEXT REFERENCES challenges(id), provider TEXT NOT NULL, provider_payment_id TEXT NOT NULL,
              amount TEXT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, refunded_amount TEXT,
              refunded_at TEXT, webhook_data TEXT CHECK (json_valid(webhook_data)), created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL, UNIQUE (provider, provider_payment_id));
            CREATE TABLE trades (id TEXT PRIMARY KEY, challenge_id TEXT NOT NULL REFERENCES challenges(id),
              sequence_number INTEGER NOT NULL, provider TEXT NOT NULL, provider_trade_id TEXT NOT NULL,
              symbol TEXT NOT NULL, side TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT NOT NULL,
              commission TEXT NOT NULL, swap TEXT NOT NULL, realized_pnl TEXT NOT NULL, executed_at TEXT NOT NULL,
              created_at TEXT NOT NULL, UNIQUE (challenge_id, sequence_number), UNIQUE (provider, provider_trade_id));
            """;

    @TempDir
    Path temp;

    @Test
    void loadsEveryGeneratedRowWithExactDecimalsAndForeignKeysIntact() throws SQLException {
        // given
        GeneratorSettings settings = GeneratorSettings.builder().seed(5).challenges(300).days(3).build();
        CollectingSink expected = new CollectingSink();
        Generator.generate(settings, expected);
        try (HikariDataSource dataSource = SqliteDataSources.pooled(temp.resolve("load.db"))) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String ddl : DDL.split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }

            // when
            Map<String, Long> counts = DatabaseLoader.load(dataSource, settings);

            // then
            assertThat(counts).containsEntry("users", (long) expected.users.size())
                    .containsEntry("challenges", 300L)
                    .containsEntry("payments", (long) expected.payments.size())
                    .containsEntry("trades", (long) expected.trades.size());
            BigDecimal expectedPnl = expected.trades.stream().map(GeneratedTrade::realizedPnl)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(count(statement, "SELECT count(*) FROM trades")).isEqualTo(expected.trades.size());
                assertThat(count(statement, "SELECT count(*) FROM pragma_foreign_key_check")).isZero();
                BigDecimal loadedPnl = BigDecimal.ZERO;
                try (ResultSet rs = statement.executeQuery("SELECT realized_pnl FROM trades")) {
                    while (rs.next()) {
                        loadedPnl = loadedPnl.add(new BigDecimal(rs.getString(1)));
                    }
                }
                assertThat(loadedPnl).isEqualByComparingTo(expectedPnl);
                try (ResultSet rs = statement.executeQuery(
                        "SELECT price, executed_at FROM trades WHERE id = '" + expected.trades.get(0).id() + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(expected.trades.get(0).price().toPlainString());
                    assertThat(rs.getString(2)).isEqualTo(Table.text(expected.trades.get(0).executedAt()));
                }
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
