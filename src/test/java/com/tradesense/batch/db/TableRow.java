package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A row to insert, starting from only the columns the contract requires; tests override or drop single columns.
 * Values are bound through the {@link Dialect}, as application code binds them.
 */
final class TableRow {

    static final String BCRYPT_HASH = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    private static final AtomicLong COUNTER = new AtomicLong();

    /** JSON text, bound with {@link Dialect#setJson}. */
    record Json(String text) {
    }

    /** A value bound as plain text, bypassing the dialect: how a careless writer would store it. */
    record Raw(String text) {
    }

    private final String table;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private TableRow(String table) {
        this.table = table;
    }

    static long unique() {
        return COUNTER.incrementAndGet();
    }

    static TableRow aUser() {
        return new TableRow("users")
                .with("email", "trader" + unique() + "@example.com")
                .with("password_hash", BCRYPT_HASH);
    }

    static TableRow aChallenge(UUID userId) {
        return new TableRow("challenges")
                .with("user_id", userId)
                .with("initial_balance", new BigDecimal("100000.00"))
                .with("max_daily_drawdown_pct", new BigDecimal("5.00"))
                .with("max_total_drawdown_pct", new BigDecimal("10.00"))
                .with("profit_target_pct", new BigDecimal("8.00"))
                .with("current_equity", new BigDecimal("100000.00"))
                .with("max_equity_ever", new BigDecimal("100000.00"))
                .with("daily_start_equity", new BigDecimal("100000.00"));
    }

    static TableRow aTrade(UUID challengeId, long sequenceNumber) {
        return new TableRow("trades")
                .with("challenge_id", challengeId)
                .with("sequence_number", sequenceNumber)
                .with("provider", "MT5-LIVE-1")
                .with("provider_trade_id", "T" + unique())
                .with("symbol", "EURUSD")
                .with("side", "BUY")
                .with("quantity", new BigDecimal("1.00000000"))
                .with("price", new BigDecimal("1.08450000"))
                .with("realized_pnl", new BigDecimal("12.50"))
                .with("executed_at", Instant.parse("2026-01-05T10:00:00.000Z"));
    }

    static TableRow anEvent(UUID challengeId, long sequenceNumber) {
        return new TableRow("challenge_events")
                .with("challenge_id", challengeId)
                .with("sequence_number", sequenceNumber)
                .with("event_type", "DAILY_PNL_CALCULATED")
                .with("event_data", new Json("{\"business_date\":\"2026-01-05\"}"))
                .with("description", "Daily P&L for 2026-01-05")
                .with("occurred_at", Instant.parse("2026-01-06T00:00:00.000Z"))
                .with("correlation_id", "daily-pnl:2026-01-05");
    }

    static TableRow aPayment(UUID userId) {
        return new TableRow("payments")
                .with("user_id", userId)
                .with("provider", "STRIPE")
                .with("provider_payment_id", "pi_" + unique())
                .with("amount", new BigDecimal("99.00"));
    }

    static TableRow anAlert(UUID challengeId) {
        return new TableRow("risk_alerts")
                .with("challenge_id", challengeId)
                .with("alert_type", "HIGH_DRAWDOWN")
                .with("severity", "HIGH")
                .with("message", "Daily drawdown at 80% of the limit");
    }

    TableRow with(String column, Object value) {
        values.put(column, value);
        return this;
    }

    TableRow without(String column) {
        values.remove(column);
        return this;
    }

    /** Inserts the row and returns its generated id. */
    UUID insert(Connection connection, Dialect dialect) throws SQLException {
        String columns = String.join(", ", values.keySet());
        String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ") RETURNING id";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object value : values.values()) {
                bind(insert, index++, value, dialect);
            }
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return dialect.getUuid(rs, "id");
            }
        }
    }

    static void bind(PreparedStatement ps, int index, Object value, Dialect dialect) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof UUID uuid) {
            dialect.setUuid(ps, index, uuid);
        } else if (value instanceof BigDecimal decimal) {
            dialect.setDecimal(ps, index, decimal);
        } else if (value instanceof Instant instant) {
            dialect.setInstant(ps, index, instant);
        } else if (value instanceof LocalDate date) {
            dialect.setDate(ps, index, date);
        } else if (value instanceof Json json) {
            dialect.setJson(ps, index, json.text());
        } else if (value instanceof Raw raw) {
            ps.setString(index, raw.text());
        } else if (value instanceof Integer number) {
            ps.setInt(index, number);
        } else if (value instanceof Long number) {
            ps.setLong(index, number);
        } else if (value instanceof Double number) {
            ps.setDouble(index, number);
        } else if (value instanceof String text) {
            ps.setString(index, text);
        } else {
            throw new IllegalArgumentException("Cannot bind " + value.getClass());
        }
    }
}
