package com.tradesense.batch.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The four contract tables the generator fills, with their column names (CONTRACT §1) in the order the CSV files
 * and the loader use. Values are rendered as text PostgreSQL's COPY and SQLite's CHECKs both accept: exact
 * decimals, instants as {@code 2026-11-25T13:45:10.123Z}, {@code null} as nothing.
 */
enum Table {
    USERS("users", "id", "email", "password_hash", "role", "status", "metadata", "created_at", "updated_at",
            "deleted_at", "version"),
    CHALLENGES("challenges", "id", "user_id", "status", "initial_balance", "max_daily_drawdown_pct",
            "max_total_drawdown_pct", "profit_target_pct", "min_trading_days", "expires_at", "current_equity",
            "max_equity_ever", "daily_start_equity", "last_daily_reset_date", "currency", "provider",
            "provider_account_id", "started_at", "ended_at", "failure_reason", "created_at", "updated_at",
            "deleted_at", "version"),
    PAYMENTS("payments", "id", "user_id", "challenge_id", "provider", "provider_payment_id", "amount", "currency",
            "status", "refunded_amount", "refunded_at", "webhook_data", "created_at", "updated_at"),
    TRADES("trades", "id", "challenge_id", "sequence_number", "provider", "provider_trade_id", "symbol", "side",
            "quantity", "price", "commission", "swap", "realized_pnl", "executed_at", "created_at");

    static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String tableName;
    private final List<String> columns;

    Table(String tableName, String... columns) {
        this.tableName = tableName;
        this.columns = List.of(columns);
    }

    String tableName() {
        return tableName;
    }

    List<String> columns() {
        return columns;
    }

    String fileName() {
        return tableName + ".csv";
    }

    static Object[] values(GeneratedUser u) {
        return new Object[] {u.id(), u.email(), u.passwordHash(), u.role(), u.status(), u.metadata(),
            u.createdAt(), u.updatedAt(), u.deletedAt(), u.version()};
    }

    static Object[] values(GeneratedChallenge c) {
        return new Object[] {c.id(), c.userId(), c.status(), c.initialBalance(), c.maxDailyDrawdownPct(),
            c.maxTotalDrawdownPct(), c.profitTargetPct(), c.minTradingDays(), c.expiresAt(), c.currentEquity(),
            c.maxEquityEver(), c.dailyStartEquity(), c.lastDailyResetDate(), c.currency(), c.provider(),
            c.providerAccountId(), c.startedAt(), c.endedAt(), c.failureReason(), c.createdAt(), c.updatedAt(),
            c.deletedAt(), c.version()};
    }

    static Object[] values(GeneratedPayment p) {
        return new Object[] {p.id(), p.userId(), p.challengeId(), p.provider(), p.providerPaymentId(), p.amount(),
            p.currency(), p.status(), p.refundedAmount(), p.refundedAt(), p.webhookData(), p.createdAt(),
            p.updatedAt()};
    }

    static Object[] values(GeneratedTrade t) {
        return new Object[] {t.id(), t.challengeId(), t.sequenceNumber(), t.provider(), t.providerTradeId(),
            t.symbol(), t.side(), t.quantity(), t.price(), t.commission(), t.swap(), t.realizedPnl(),
            t.executedAt(), t.createdAt()};
    }

    /** The text of each value, {@code null} kept as {@code null}. */
    static String[] text(Object[] values) {
        return Arrays.stream(values).map(Table::text).toArray(String[]::new);
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return INSTANT_FORMAT.format(instant);
        }
        return value.toString();
    }
}
