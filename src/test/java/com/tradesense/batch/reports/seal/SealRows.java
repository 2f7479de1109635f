package com.tradesense.batch.reports.seal;

import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Writes ledger rows with every value fixed (ids and system times included), so two databases can hold the same. */
final class SealRows {

    private final TestDatabase database;
    private final LedgerFixtures ledger;

    SealRows(TestDatabase database) {
        this.database = database;
        this.ledger = new LedgerFixtures(database);
    }

    UUID challenge(String id) throws SQLException {
        UUID user = UUID.nameUUIDFromBytes(("user-" + id).getBytes());
        UUID challenge = UUID.fromString(id);
        ledger.execute("INSERT INTO users (id, email, password_hash, role, status) VALUES (?, ?, ?, 'USER', 'ACTIVE')",
                user, "seal-" + id + "@example.com", "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1Y2Z0bKv7wQ1l6Jrjz7G2aS");
        BigDecimal balance = new BigDecimal("100000.00");
        ledger.execute("""
                INSERT INTO challenges (id, user_id, status, initial_balance, max_daily_drawdown_pct,
                                        max_total_drawdown_pct, profit_target_pct, current_equity, max_equity_ever,
                                        daily_start_equity, started_at)
                VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?)""", challenge, user, balance, new BigDecimal("5.00"),
                new BigDecimal("10.00"), new BigDecimal("8.00"), balance, balance, balance,
                Instant.parse("2026-03-01T09:00:00Z"));
        return challenge;
    }

    UUID trade(UUID challenge, long sequence, String pnl, String executedAt) throws SQLException {
        UUID id = UUID.nameUUIDFromBytes(("trade-" + challenge + "-" + sequence).getBytes());
        ledger.execute("""
                INSERT INTO trades (id, challenge_id, sequence_number, provider, provider_trade_id, symbol, side,
                                    quantity, price, commission, swap, realized_pnl, executed_at, created_at)
                VALUES (?, ?, ?, 'MT5-LIVE-1', ?, 'EURUSD', 'BUY', ?, ?, ?, ?, ?, ?, ?)""",
                id, challenge, sequence, "T-" + challenge + "-" + sequence,
                new BigDecimal("1.5"), new BigDecimal("1.0845"), new BigDecimal("3.5"), new BigDecimal("-0.25"),
                new BigDecimal(pnl), Instant.parse(executedAt), Instant.parse(executedAt).plusMillis(250));
        return id;
    }

    UUID event(UUID challenge, String key, String occurredAt) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            // Keys in a non-canonical order and an amount with a trailing zero: JSONB would reorder them.
            String json = "{\"z_last\": \"1\", \"amount\": \"1234.50\", \"nested\": {\"b\": [1, 2.50], \"a\": true}}";
            UUID id = new EventAppender(database.dialect()).append(c, new NewEvent(challenge, "DAILY_RESET_PERFORMED",
                    json, "Daily start equity set for " + key, Instant.parse(occurredAt), "test:" + key, null, key),
                    Instant.parse(occurredAt).plusSeconds(1)).id();
            c.commit();
            return id;
        }
    }

}
