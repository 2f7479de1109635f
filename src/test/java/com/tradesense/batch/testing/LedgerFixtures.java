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

    /** Appends a trade to the ledger with the next sequence number of its challenge. */
    public UUID trade(UUID challengeId, Instant executedAt, String realizedPnl, String swap, String commission)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            long sequence;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM trades WHERE challenge_id = ?")) {
                dialect.setUuid(ps, 1, challengeId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sequence = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO trades (id, challenge_id, sequence_number, provider, provider_trade_id, symbol, side,
                                        quantity, price, commission, swap, realized_pnl, executed_at)
                    VALUES (?, ?, ?, 'MT5-LIVE-1', ?, 'EURUSD', 'BUY', ?, ?, ?, ?, ?, ?)""")) {
                dialect.setUuid(ps, 1, id);
                dialect.setUuid(ps, 2, challengeId);
                ps.setLong(3, sequence);
                ps.setString(4, id.toString());
                dialect.setDecimal(ps, 5, new BigDecimal("1.00000000"));
                dialect.setDecimal(ps, 6, new BigDecimal("1.08450000"));
                dialect.setDecimal(ps, 7, new BigDecimal(commission));
                dialect.setDecimal(ps, 8, new BigDecimal(swap));
                dialect.setDecimal(ps, 9, new BigDecimal(realizedPnl));
                dialect.setInstant(ps, 10, executedAt);
                ps.executeUpdate();
            }
        }
        return id;
    }

    /** Runs an UPDATE or INSERT with bound values (UUIDs, decimals, instants, dates through the dialect). */
    public int execute(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    /** The first column of the first row, as text (decimals normalised through the dialect where asked). */
    public String queryString(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The first column of the first row, an instant read through the dialect (independent of the session zone). */
    public Instant queryInstant(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? dialect.getInstant(rs, rs.getMetaData().getColumnLabel(1)) : null;
            }
        }
    }

    private void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof UUID uuid) {
                dialect.setUuid(ps, i + 1, uuid);
            } else if (value instanceof BigDecimal decimal) {
                dialect.setDecimal(ps, i + 1, decimal);
            } else if (value instanceof Instant instant) {
                dialect.setInstant(ps, i + 1, instant);
            } else if (value instanceof java.time.LocalDate date) {
                dialect.setDate(ps, i + 1, date);
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }
}
