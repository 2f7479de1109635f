package com.tradesense.batch.reports.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.domain.TradeSide;
import com.tradesense.batch.reports.seal.LedgerSealer;
import com.tradesense.batch.reports.workbook.FinanceRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the rows the reports show. Every query is keyed by a challenge or a business date range, never by the clock. */
public final class ReportData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Dialect dialect;

    public ReportData(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Optional<ChallengeAuditData> challengeAudit(UUID challengeId, LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<ChallengeAuditData.Challenge> challenge = challenge(c, challengeId);
            if (challenge.isEmpty()) {
                return Optional.empty();
            }
            List<ChallengeAuditData.Event> events = events(c, "WHERE challenge_id = ? ORDER BY sequence_number",
                    ps -> dialect.setUuid(ps, 1, challengeId));
            List<LedgerTrade> trades = trades(c, challengeId);
            LedgerSealer sealer = new LedgerSealer(dataSource, dialect);
            Optional<com.tradesense.batch.reports.seal.LedgerSeal> seal = sealer.find(businessDate);
            return Optional.of(new ChallengeAuditData(challenge.get(), events, trades,
                    seal.isPresent() ? seal : sealer.latest()));
        }
    }

    /** Challenges that ended (ended_at) inside the business date, in id order. */
    public List<UUID> challengesEndedOn(LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id FROM challenges WHERE ended_at >= ? AND ended_at < ? ORDER BY id")) {
            dialect.setInstant(ps, 1, businessDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            dialect.setInstant(ps, 2, businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(dialect.getUuid(rs, "id"));
                }
            }
            return ids;
        }
    }

    /** Events that occurred during the business date, by type, then time, challenge and sequence. */
    public List<ChallengeEvent> eventsOfDay(LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT challenge_id, id, sequence_number, event_type, occurred_at, description, event_data
                     FROM challenge_events WHERE occurred_at >= ? AND occurred_at < ?
                     ORDER BY event_type, occurred_at, challenge_id, sequence_number""")) {
            dialect.setInstant(ps, 1, businessDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            dialect.setInstant(ps, 2, businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            List<ChallengeEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new ChallengeEvent(dialect.getUuid(rs, "challenge_id"), event(rs)));
                }
            }
            return events;
        }
    }

    /** Count, net effect and volume of the trades executed during the business date. */
    public record TradeTotals(long count, java.math.BigDecimal netPnl, java.math.BigDecimal volume) {
    }

    public TradeTotals tradesOfDay(LocalDate businessDate) throws SQLException {
        String sql = "SELECT COUNT(*) AS n, %s AS pnl, %s AS swap, %s AS commission, %s AS volume FROM trades"
                .formatted(dialect.decimalSum("realized_pnl"), dialect.decimalSum("swap"),
                        dialect.decimalSum("commission"), dialect.decimalSum("quantity"))
                + " WHERE executed_at >= ? AND executed_at < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            dialect.setInstant(ps, 1, businessDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            dialect.setInstant(ps, 2, businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.math.BigDecimal net = orZero(dialect.getDecimal(rs, "pnl")).add(orZero(dialect.getDecimal(rs, "swap")))
                        .subtract(orZero(dialect.getDecimal(rs, "commission")));
                return new TradeTotals(rs.getLong("n"), com.tradesense.batch.domain.Money.of(net),
                        orZero(dialect.getDecimal(rs, "volume")));
            }
        }
    }

    /** One reconciliation run of the date, when the reconciliation tables exist. */
    public record ReconciliationRun(String provider, String file, long rowsRead, long rowsMatched, long breaks,
                                    String status) {
    }

    /** The reconciliation runs of the date; empty when this database has no reconciliation tables. */
    public Optional<List<ReconciliationRun>> reconciliationRuns(LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, "reconciliation_runs")) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT provider, source_file_name, rows_read, rows_matched, breaks_count, status
                    FROM reconciliation_runs WHERE business_date = ? ORDER BY provider, started_at, id""")) {
                dialect.setDate(ps, 1, businessDate);
                List<ReconciliationRun> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new ReconciliationRun(rs.getString("provider"), rs.getString("source_file_name"),
                                rs.getLong("rows_read"), rs.getLong("rows_matched"), rs.getLong("breaks_count"),
                                rs.getString("status")));
                    }
                }
                return Optional.of(runs);
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    static java.math.BigDecimal orZero(java.math.BigDecimal value) {
        return value == null ? java.math.BigDecimal.ZERO : value;
    }

    /**
     * The latest daily P&L revision of every challenge for the date, in challenge order. Calculations occur at
     * D+1 00:00Z; restatements may be written later, so they are read from then on and matched on their
     * business_date.
     */
    public void dailyPnl(LocalDate businessDate, FinanceRows.RowConsumer<FinanceRows.Pnl> consumer) throws Exception {
        java.time.Instant endOfDay = businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        String sql = """
                SELECT e.challenge_id, e.sequence_number, e.event_type, e.event_data, c.currency, c.status
                FROM challenge_events e JOIN challenges c ON c.id = e.challenge_id
                WHERE (e.event_type = 'DAILY_PNL_CALCULATED' AND e.occurred_at = ?)
                   OR (e.event_type = 'DAILY_PNL_RESTATED' AND e.occurred_at >= ?)
                ORDER BY e.challenge_id, e.sequence_number""";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1_000);
                dialect.setInstant(ps, 1, endOfDay);
                dialect.setInstant(ps, 2, endOfDay);
                FinanceRows.Pnl pending = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> data = payload(dialect.getJson(rs, "event_data"));
                        if (!businessDate.toString().equals(String.valueOf(data.get("business_date")))) {
                            continue;
                        }
                        FinanceRows.Pnl row = pnl(businessDate, dialect.getUuid(rs, "challenge_id"),
                                rs.getString("currency"), rs.getString("status"), data);
                        if (pending != null && !pending.challengeId().equals(row.challengeId())) {
                            consumer.accept(pending);
                        }
                        pending = row; // a later event of the same challenge is a later revision
                    }
                }
                if (pending != null) {
                    consumer.accept(pending);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static FinanceRows.Pnl pnl(LocalDate date, UUID challenge, String currency, String status,
                                       Map<String, Object> data) {
        Object revision = data.get("revision");
        return new FinanceRows.Pnl(date, challenge, currency, status, decimal(data, "opening_equity"),
                decimal(data, "closing_equity"), decimal(data, "lowest_equity"), decimal(data, "net_pnl"),
                decimal(data, "realized_pnl"), decimal(data, "commission"), decimal(data, "swap"),
                decimal(data, "trade_count") == null ? 0 : decimal(data, "trade_count").longValue(),
                decimal(data, "volume"), decimal(data, "max_daily_drawdown_pct_used"),
                revision == null ? 1 : Integer.parseInt(String.valueOf(revision)));
    }

    private static java.math.BigDecimal decimal(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(String.valueOf(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Payments created or refunded during the date, refunds and failures included. */
    public List<FinanceRows.Payment> paymentsOfDay(LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, provider, provider_payment_id, status, currency, amount, refunded_amount, refunded_at,
                       challenge_id, created_at
                FROM payments
                WHERE (created_at >= ? AND created_at < ?) OR (refunded_at >= ? AND refunded_at < ?)
                ORDER BY created_at, id""")) {
            java.time.Instant start = businessDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            java.time.Instant end = businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            dialect.setInstant(ps, 1, start);
            dialect.setInstant(ps, 2, end);
            dialect.setInstant(ps, 3, start);
            dialect.setInstant(ps, 4, end);
            List<FinanceRows.Payment> payments = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    payments.add(new FinanceRows.Payment(dialect.getInstant(rs, "created_at"), dialect.getUuid(rs, "id"),
                            rs.getString("provider"), rs.getString("provider_payment_id"), rs.getString("status"),
                            rs.getString("currency"), dialect.getDecimal(rs, "amount"),
                            dialect.getDecimal(rs, "refunded_amount"), dialect.getInstant(rs, "refunded_at"),
                            dialect.getUuid(rs, "challenge_id")));
                }
            }
            return payments;
        }
    }

    /**
     * The challenges that existed when the date ended (created before, not yet soft-deleted), counted by the status
     * each had then, so that the figures of a date stay the same whenever its report is rendered. The status follows
     * the state machine PENDING → ACTIVE → FUNDED | FAILED: a final status counts from its {@code ended_at}, ACTIVE
     * from {@code started_at}, PENDING before that.
     */
    public Map<String, Long> challengesByStatus(LocalDate businessDate) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN status IN ('FUNDED', 'FAILED') AND (ended_at IS NULL OR ended_at < ?) THEN status
                            WHEN status <> 'PENDING' AND (started_at IS NULL OR started_at < ?) THEN 'ACTIVE'
                            ELSE 'PENDING' END AS status_then, COUNT(*) AS n
                FROM challenges
                WHERE created_at < ? AND (deleted_at IS NULL OR deleted_at >= ?)
                GROUP BY status_then ORDER BY status_then""")) {
            Instant end = businessDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            for (int i = 1; i <= 4; i++) {
                dialect.setInstant(ps, i, end);
            }
            Map<String, Long> counts = new java.util.TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString("status_then"), rs.getLong("n"));
                }
            }
            return counts;
        }
    }

    /** An event with the challenge it belongs to. */
    public record ChallengeEvent(UUID challengeId, ChallengeAuditData.Event event) {
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<ChallengeAuditData.Challenge> challenge(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.id, c.user_id, u.email, c.status, c.failure_reason, c.initial_balance, c.max_daily_drawdown_pct,
                       c.max_total_drawdown_pct, c.profit_target_pct, c.min_trading_days, c.expires_at,
                       c.current_equity, c.max_equity_ever, c.daily_start_equity, c.currency, c.provider,
                       c.provider_account_id, c.created_at, c.started_at, c.ended_at
                FROM challenges c JOIN users u ON u.id = c.user_id WHERE c.id = ?""")) {
            dialect.setUuid(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ChallengeRules rules = new ChallengeRules(dialect.getDecimal(rs, "initial_balance"),
                        dialect.getDecimal(rs, "max_daily_drawdown_pct"), dialect.getDecimal(rs, "max_total_drawdown_pct"),
                        dialect.getDecimal(rs, "profit_target_pct"), rs.getInt("min_trading_days"),
                        dialect.getInstant(rs, "expires_at"));
                return Optional.of(new ChallengeAuditData.Challenge(dialect.getUuid(rs, "id"),
                        dialect.getUuid(rs, "user_id"), rs.getString("email"), rs.getString("status"),
                        rs.getString("failure_reason"), rules, dialect.getDecimal(rs, "current_equity"),
                        dialect.getDecimal(rs, "max_equity_ever"), dialect.getDecimal(rs, "daily_start_equity"),
                        rs.getString("currency"), rs.getString("provider"), rs.getString("provider_account_id"),
                        dialect.getInstant(rs, "created_at"), dialect.getInstant(rs, "started_at"),
                        dialect.getInstant(rs, "ended_at")));
            }
        }
    }

    private List<ChallengeAuditData.Event> events(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, sequence_number, event_type, occurred_at,"
                + " description, event_data FROM challenge_events " + where)) {
            binder.bind(ps);
            List<ChallengeAuditData.Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            return events;
        }
    }

    private ChallengeAuditData.Event event(ResultSet rs) throws SQLException {
        return new ChallengeAuditData.Event(dialect.getUuid(rs, "id"), rs.getLong("sequence_number"),
                rs.getString("event_type"), dialect.getInstant(rs, "occurred_at"), rs.getString("description"),
                payload(dialect.getJson(rs, "event_data")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", json);
        }
    }

    private List<LedgerTrade> trades(Connection c, UUID challengeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, sequence_number, executed_at, symbol, side, quantity, price, commission, swap, realized_pnl
                FROM trades WHERE challenge_id = ? ORDER BY executed_at, sequence_number""")) {
            dialect.setUuid(ps, 1, challengeId);
            List<LedgerTrade> trades = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trades.add(new LedgerTrade(dialect.getUuid(rs, "id"), rs.getLong("sequence_number"),
                            dialect.getInstant(rs, "executed_at"), rs.getString("symbol"),
                            TradeSide.valueOf(rs.getString("side")), dialect.getDecimal(rs, "quantity"),
                            dialect.getDecimal(rs, "price"), dialect.getDecimal(rs, "commission"),
                            dialect.getDecimal(rs, "swap"), dialect.getDecimal(rs, "realized_pnl")));
                }
            }
            return trades;
        }
    }
}
