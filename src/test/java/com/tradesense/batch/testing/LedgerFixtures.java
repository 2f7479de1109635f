package com.tradesense.batch.testing;

import com.tradesense.batch.db.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Inserts the rows a test needs with the contract's columns only, as the live platform would. */
public final class LedgerFixtures {

    private final DataSource dataSource;
    private final Dialect dialect;

    public LedgerFixtures(TestDatabase database) {
        this.dataSource = database.dataSource();
        this.dialect = database.dialect();
    }

    public UUID user(String email) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO users (id, email, password_hash, role, status) VALUES (?, ?, ?, 'USER', 'ACTIVE')")) {
            dialect.setUuid(ps, 1, id);
            ps.setString(2, email);
            ps.setString(3, "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1Y2Z0bKv7wQ1l6Jrjz7G2aS");
            ps.executeUpdate();
        }
        return id;
    }

    /** An ACTIVE challenge with a 100,000.00 balance, 5% daily, 10% total, 8% target, started at {@code startedAt}. */
    public UUID activeChallenge(UUID userId, Instant startedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        BigDecimal balance = new BigDecimal("100000.00");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO challenges (id, user_id, status, initial_balance, max_daily_drawdown_pct,
                                             max_total_drawdown_pct, profit_target_pct, current_equity,
                                             max_equity_ever, daily_start_equity, started_at)
                     VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            dialect.setUuid(ps, 1, id);
            dialect.setUuid(ps, 2, userId);
            dialect.setDecimal(ps, 3, balance);
            dialect.setDecimal(ps, 4, new BigDecimal("5.00"));
            dialect.setDecimal(ps, 5, new BigDecimal("10.00"));
            dialect.setDecimal(ps, 6, new BigDecimal("8.00"));
            dialect.setDecimal(ps, 7, balance);
            dialect.setDecimal(ps, 8, balance);
            dialect.setDecimal(ps, 9, balance);
            dialect.setInstant(ps, 10, startedAt);
            ps.executeUpdate();
        }
        return id;
    }
}
