package com.tradesense.batch.pnl;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.ChallengeStatus;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.domain.Money;
import com.tradesense.batch.domain.TradeSide;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of the end-of-day jobs over challenges, trades and closings; written once, bound through the dialect. */
public final class PnlLedger {

    private static final String CHALLENGE_COLUMNS = """
            id, status, initial_balance, max_daily_drawdown_pct, max_total_drawdown_pct, profit_target_pct,
            min_trading_days, expires_at, current_equity, max_equity_ever, currency, started_at, created_at, ended_at,
            failure_reason, deleted_at, version""";

    private static final String TRADE_COLUMNS = """
            id, sequence_number, executed_at, symbol, side, quantity, price, commission, swap, realized_pnl""";

    private static final String CLOSING_COLUMNS = """
            challenge_id, business_date, revision, opening_equity, closing_equity, peak_equity, lowest_equity,
            trading_days_to_date, trade_count, volume, max_daily_drawdown_pct_used, risk_score, ledger_ended_at,
            ledger_outcome, ledger_watermark, figures_sha256, event_id""";

    private final Dialect dialect;

    public PnlLedger(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Reads the challenge and, on PostgreSQL, locks its row until the transaction ends (the event protocol's lock). */
    public Optional<ChallengeSnapshot> lockChallenge(Connection c, UUID id) throws SQLException {
        return readChallenge(c, id, dialect.forUpdate());
    }

    public Optional<ChallengeSnapshot> readChallenge(Connection c, UUID id) throws SQLException {
        return readChallenge(c, id, "");
    }

    private Optional<ChallengeSnapshot> readChallenge(Connection c, UUID id, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CHALLENGE_COLUMNS + " FROM challenges WHERE id = ?" + lock)) {
            dialect.setUuid(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(challengeOf(rs));
            }
        }
    }

    private ChallengeSnapshot challengeOf(ResultSet rs) throws SQLException {
        return new ChallengeSnapshot(dialect.getUuid(rs, "id"), ChallengeStatus.valueOf(rs.getString("status")),
                dialect.getDecimal(rs, "initial_balance"), dialect.getDecimal(rs, "max_daily_drawdown_pct"),
                dialect.getDecimal(rs, "max_total_drawdown_pct"), dialect.getDecimal(rs, "profit_target_pct"),
                rs.getInt("min_trading_days"), dialect.getInstant(rs, "expires_at"),
                dialect.getDecimal(rs, "current_equity"), dialect.getDecimal(rs, "max_equity_ever"),
                rs.getString("currency"), dialect.getInstant(rs, "started_at"), dialect.getInstant(rs, "created_at"),
                dialect.getInstant(rs, "ended_at"), rs.getString("failure_reason"), dialect.getInstant(rs, "deleted_at"),
                rs.getLong("version"));
    }

    private LedgerTrade tradeOf(ResultSet rs) throws SQLException {
        return new LedgerTrade(dialect.getUuid(rs, "id"), rs.getLong("sequence_number"),
                dialect.getInstant(rs, "executed_at"), rs.getString("symbol"), TradeSide.valueOf(rs.getString("side")),
                dialect.getDecimal(rs, "quantity"), dialect.getDecimal(rs, "price"), dialect.getDecimal(rs, "commission"),
                dialect.getDecimal(rs, "swap"), dialect.getDecimal(rs, "realized_pnl"));
    }

    /** Trades executed in [from, to), in replay order; {@code from} may be null for "since the beginning". */
    public List<LedgerTrade> trades(Connection c, UUID challengeId, Instant from, Instant to) throws SQLException {
        String sql = "SELECT " + TRADE_COLUMNS + " FROM trades WHERE challenge_id = ?"
                + (from == null ? "" : " AND executed_at >= ?") + " AND executed_at < ?"
                + " ORDER BY executed_at, sequence_number";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            dialect.setUuid(ps, i++, challengeId);
            if (from != null) {
                dialect.setInstant(ps, i++, from);
            }
            dialect.setInstant(ps, i, to);
            List<LedgerTrade> trades = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trades.add(tradeOf(rs));
                }
            }
            return trades;
        }
    }

    public Optional<Instant> firstTradeAt(Connection c, UUID challengeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(executed_at) AS first_at FROM trades WHERE challenge_id = ?")) {
            dialect.setUuid(ps, 1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(dialect.getInstant(rs, "first_at"));
            }
        }
    }

    /** The highest sequence number of the challenge's trades, 0 without any. */
    public long watermark(Connection c, UUID challengeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(sequence_number), 0) FROM trades WHERE challenge_id = ?")) {
            dialect.setUuid(ps, 1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether a trade executed before {@code before} was appended after the watermark: it arrived late. */
    public boolean hasLateTrade(Connection c, UUID challengeId, Instant before, long watermark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT CASE WHEN " + LateTrades.condition("?", "?") + " THEN 1 ELSE 0 END")) {
            dialect.setUuid(ps, 1, challengeId);
            ps.setLong(2, watermark);
            dialect.setUuid(ps, 3, challengeId);
            ps.setLong(4, watermark);
            dialect.setInstant(ps, 5, before);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    public Optional<DailyClosing> closing(Connection c, UUID challengeId, BusinessDate date) throws SQLException {
        List<DailyClosing> found = closings(c, "SELECT " + CLOSING_COLUMNS
                + " FROM challenge_daily_closings WHERE challenge_id = ? AND business_date = ?", challengeId, date);
        return found.stream().findFirst();
    }

    /** Closings after {@code date}, oldest first: the days a restatement of {@code date} must restate in turn. */
    public List<DailyClosing> closingsAfter(Connection c, UUID challengeId, BusinessDate date) throws SQLException {
        return closings(c, "SELECT " + CLOSING_COLUMNS + " FROM challenge_daily_closings"
                + " WHERE challenge_id = ? AND business_date > ? ORDER BY business_date", challengeId, date);
    }

    /** Up to {@code limit} closings before {@code date}, newest first: the challenge's own history. */
    public List<DailyClosing> closingsBefore(Connection c, UUID challengeId, BusinessDate date, int limit)
            throws SQLException {
        return closings(c, "SELECT " + CLOSING_COLUMNS + " FROM challenge_daily_closings"
                + " WHERE challenge_id = ? AND business_date < ? ORDER BY business_date DESC LIMIT " + limit,
                challengeId, date);
    }

    private List<DailyClosing> closings(Connection c, String sql, UUID challengeId, BusinessDate date)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            dialect.setUuid(ps, 1, challengeId);
            dialect.setDate(ps, 2, date.date());
            List<DailyClosing> closings = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    closings.add(closingOf(rs));
                }
            }
            return closings;
        }
    }

    public void saveClosing(Connection c, DailyClosing closing, Long jobExecutionId, Instant computedAt)
            throws SQLException {
        saveClosings(c, List.of(closing), jobExecutionId, computedAt);
    }

    /**
     * Inserts closings of challenges that have none for their date yet, in bulk (COPY on PostgreSQL). The batched path
     * knows this: it holds the challenges' row locks and found no closing of the day for them; a closing that
     * appeared anyway violates the primary key and fails the chunk rather than being overwritten.
     */
    public void insertNewClosings(Connection c, List<DailyClosing> closings, Long jobExecutionId, Instant computedAt)
            throws SQLException {
        if (closings.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (String column : (CLOSING_COLUMNS + ", job_execution_id, computed_at").split(",")) {
            columns.add(column.strip());
        }
        String job = jobExecutionId == null ? null : jobExecutionId.toString();
        String computed = dialect.text(computedAt);
        try (com.tradesense.batch.db.BulkLoader loader = com.tradesense.batch.db.BulkLoader.open(dialect, c,
                "challenge_daily_closings", columns)) {
            for (DailyClosing closing : closings) {
                loader.add(closing.challengeId().toString(), closing.date().date().toString(),
                        Integer.toString(closing.revision()), plain(closing.openingEquity()),
                        plain(closing.closingEquity()), plain(closing.peakEquity()), plain(closing.lowestEquity()),
                        Integer.toString(closing.tradingDaysToDate()), Integer.toString(closing.tradeCount()),
                        plain(closing.volume()), plain(closing.maxDailyDrawdownPctUsed()), plain(closing.riskScore()),
                        dialect.text(closing.ledgerEndedAt()), closing.ledgerOutcome(),
                        Long.toString(closing.ledgerWatermark()), closing.figuresSha256(),
                        closing.eventId() == null ? null : closing.eventId().toString(), job, computed);
            }
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    public void saveClosings(Connection c, List<DailyClosing> closings, Long jobExecutionId, Instant computedAt)
            throws SQLException {
        if (closings.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO challenge_daily_closings (" + CLOSING_COLUMNS + ", job_execution_id, computed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (challenge_id, business_date) DO UPDATE SET revision = excluded.revision,"
                + " opening_equity = excluded.opening_equity, closing_equity = excluded.closing_equity,"
                + " peak_equity = excluded.peak_equity, lowest_equity = excluded.lowest_equity,"
                + " trading_days_to_date = excluded.trading_days_to_date, trade_count = excluded.trade_count,"
                + " volume = excluded.volume, max_daily_drawdown_pct_used = excluded.max_daily_drawdown_pct_used,"
                + " risk_score = excluded.risk_score, ledger_ended_at = excluded.ledger_ended_at,"
                + " ledger_outcome = excluded.ledger_outcome, ledger_watermark = excluded.ledger_watermark,"
                + " figures_sha256 = excluded.figures_sha256, event_id = excluded.event_id,"
                + " job_execution_id = excluded.job_execution_id, computed_at = excluded.computed_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (DailyClosing closing : closings) {
            dialect.setUuid(ps, 1, closing.challengeId());
            dialect.setDate(ps, 2, closing.date().date());
            ps.setInt(3, closing.revision());
            dialect.setDecimal(ps, 4, closing.openingEquity());
            dialect.setDecimal(ps, 5, closing.closingEquity());
            dialect.setDecimal(ps, 6, closing.peakEquity());
            dialect.setDecimal(ps, 7, closing.lowestEquity());
            ps.setInt(8, closing.tradingDaysToDate());
            ps.setInt(9, closing.tradeCount());
            dialect.setDecimal(ps, 10, closing.volume());
            dialect.setDecimal(ps, 11, closing.maxDailyDrawdownPctUsed());
            dialect.setDecimal(ps, 12, closing.riskScore());
            dialect.setInstant(ps, 13, closing.ledgerEndedAt());
            ps.setString(14, closing.ledgerOutcome());
            ps.setLong(15, closing.ledgerWatermark());
            ps.setString(16, closing.figuresSha256());
            dialect.setUuid(ps, 17, closing.eventId());
            if (jobExecutionId == null) {
                ps.setNull(18, Types.BIGINT);
            } else {
                ps.setLong(18, jobExecutionId);
            }
            dialect.setInstant(ps, 19, computedAt);
            ps.addBatch();
          }
          ps.executeBatch();
        }
    }

    /**
     * Ends an ACTIVE challenge. The row lock is held on PostgreSQL; the version check still guards against a writer
     * that updates without taking it.
     *
     * @return false when the row is no longer ACTIVE at that version
     */
    public boolean endChallenge(Connection c, ChallengeSnapshot challenge, ChallengeStatus to, String reason,
                                Instant endedAt, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE challenges SET status = ?, failure_reason = ?, ended_at = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ? AND status = 'ACTIVE'""")) {
            ps.setString(1, to.name());
            ps.setString(2, reason);
            dialect.setInstant(ps, 3, endedAt);
            dialect.setInstant(ps, 4, now);
            dialect.setUuid(ps, 5, challenge.id());
            ps.setLong(6, challenge.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** One live-figures update of the fast path. */
    record LiveFigures(ChallengeSnapshot challenge, BigDecimal currentEquity, BigDecimal maxEquityEver) {
    }

    /** Batched {@link #updateLiveFigures}; returns the challenges whose version moved on (to retry one by one). */
    List<LiveFigures> updateLiveFiguresBatch(Connection c, List<LiveFigures> updates, Instant now) throws SQLException {
        List<LiveFigures> conflicts = new ArrayList<>();
        if (updates.isEmpty()) {
            return conflicts;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE challenges SET current_equity = ?, max_equity_ever = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ?""")) {
            for (LiveFigures update : updates) {
                dialect.setDecimal(ps, 1, update.currentEquity());
                dialect.setDecimal(ps, 2, update.maxEquityEver());
                dialect.setInstant(ps, 3, now);
                dialect.setUuid(ps, 4, update.challenge().id());
                ps.setLong(5, update.challenge().version());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    conflicts.add(updates.get(i));
                }
            }
        }
        return conflicts;
    }

    /** An end of the batched path: status, reason and time, with the live figures as of the end. */
    record Ending(ChallengeSnapshot challenge, ChallengeStatus status, String reason, Instant endedAt,
                  BigDecimal currentEquity, BigDecimal maxEquityEver) {
    }

    /** Ends ACTIVE challenges in one batch; returns those whose row moved on since it was read. */
    List<Ending> endChallengesBatch(Connection c, List<Ending> endings, Instant now) throws SQLException {
        List<Ending> conflicts = new ArrayList<>();
        if (endings.isEmpty()) {
            return conflicts;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE challenges SET status = ?, failure_reason = ?, ended_at = ?, current_equity = ?,
                       max_equity_ever = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ? AND status = 'ACTIVE'""")) {
            for (Ending ending : endings) {
                ps.setString(1, ending.status().name());
                ps.setString(2, ending.reason());
                dialect.setInstant(ps, 3, ending.endedAt());
                dialect.setDecimal(ps, 4, ending.currentEquity());
                dialect.setDecimal(ps, 5, ending.maxEquityEver());
                dialect.setInstant(ps, 6, now);
                dialect.setUuid(ps, 7, ending.challenge().id());
                ps.setLong(8, ending.challenge().version());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    conflicts.add(endings.get(i));
                }
            }
        }
        return conflicts;
    }

    /** Sets the live figures with optimistic locking; false when the version moved on meanwhile. */
    public boolean updateLiveFigures(Connection c, ChallengeSnapshot challenge, BigDecimal currentEquity,
                                     BigDecimal maxEquityEver, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE challenges SET current_equity = ?, max_equity_ever = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ?""")) {
            dialect.setDecimal(ps, 1, currentEquity);
            dialect.setDecimal(ps, 2, maxEquityEver);
            dialect.setInstant(ps, 3, now);
            dialect.setUuid(ps, 4, challenge.id());
            ps.setLong(5, challenge.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Challenges closed for {@code day} that have a trade executed before the day's end appended after the closing. */
    public List<UUID> challengesWithLateTrades(Connection c, BusinessDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cl.challenge_id FROM challenge_daily_closings cl
                 WHERE cl.business_date = ? AND %s
                 ORDER BY cl.challenge_id""".formatted(LateTrades.condition("cl.challenge_id", "cl.ledger_watermark")))) {
            dialect.setDate(ps, 1, day.date());
            dialect.setInstant(ps, 2, day.end());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(dialect.getUuid(rs, "challenge_id"));
                }
            }
            return ids;
        }
    }

    // ---- one statement per kind for a whole chunk of challenges (the fast path) ----

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private int bindIds(PreparedStatement ps, int from, List<UUID> ids) throws SQLException {
        int i = from;
        for (UUID id : ids) {
            dialect.setUuid(ps, i++, id);
        }
        return i;
    }

    /** Locks (on PostgreSQL) and reads the chunk's challenges and everything the day needs about them. */
    java.util.Map<UUID, ChunkState> loadChunk(Connection c, List<UUID> ids, BusinessDate day, int historyDays)
            throws SQLException {
        java.util.Map<UUID, ChunkState> states = new java.util.LinkedHashMap<>();
        String in = placeholders(ids.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CHALLENGE_COLUMNS + ", (SELECT MAX(e.sequence_number)"
                + " FROM challenge_events e WHERE e.challenge_id = challenges.id) AS last_sequence"
                + " FROM challenges WHERE id IN (" + in + ") ORDER BY id" + dialect.forUpdate())) {
            bindIds(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChunkState state = new ChunkState();
                    state.challenge = challengeOf(rs);
                    state.lastEventSequence = rs.getLong("last_sequence");
                    states.put(state.challenge.id(), state);
                }
            }
        }
        // closings from the history window through the day itself, and whether later ones exist
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CLOSING_COLUMNS + " FROM challenge_daily_closings"
                + " WHERE challenge_id IN (" + in + ") AND business_date >= ? ORDER BY challenge_id, business_date DESC")) {
            int i = bindIds(ps, 1, ids);
            dialect.setDate(ps, i, day.plusDays(-historyDays).date());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DailyClosing closing = closingOf(rs);
                    ChunkState state = states.get(closing.challengeId());
                    if (state == null) {
                        continue;
                    }
                    if (closing.date().isAfter(day)) {
                        state.laterClosings = true;
                    } else if (closing.date().equals(day)) {
                        state.today = closing;
                    } else {
                        if (closing.date().equals(day.previous())) {
                            state.previous = closing;
                        }
                        state.history.add(closing);
                    }
                }
            }
        }
        // trades of the day, in replay order per challenge
        try (PreparedStatement ps = c.prepareStatement("SELECT challenge_id, " + TRADE_COLUMNS + " FROM trades"
                + " WHERE challenge_id IN (" + in + ") AND executed_at >= ? AND executed_at < ?"
                + " ORDER BY challenge_id, executed_at, sequence_number")) {
            int i = bindIds(ps, 1, ids);
            dialect.setInstant(ps, i++, day.start());
            dialect.setInstant(ps, i, day.end());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChunkState state = states.get(dialect.getUuid(rs, "challenge_id"));
                    state.trades.add(tradeOf(rs));
                }
            }
        }
        // the effect of the trades after the day (for the live equity) and their highest number: one range per
        // challenge, usually empty
        java.util.Map<UUID, Long> laterMax = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.challenge_id, "
                + dialect.decimalSum("t.realized_pnl") + " AS pnl, " + dialect.decimalSum("t.swap") + " AS swap, "
                + dialect.decimalSum("t.commission") + " AS commission, MAX(t.sequence_number) AS last_trade"
                + " FROM trades t WHERE t.challenge_id IN (" + in + ") AND t.executed_at >= ? GROUP BY t.challenge_id")) {
            int i = bindIds(ps, 1, ids);
            dialect.setInstant(ps, i, day.end());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = dialect.getUuid(rs, "challenge_id");
                    ChunkState state = states.get(id);
                    if (state != null) {
                        state.laterEffect = dialect.getDecimal(rs, "pnl").add(dialect.getDecimal(rs, "swap"))
                                .subtract(dialect.getDecimal(rs, "commission"));
                        laterMax.put(id, rs.getLong("last_trade"));
                    }
                }
            }
        }
        // The watermark (the highest trade number) of a challenge closed the day before follows from what is read
        // already: no trade before the day is numbered above the previous watermark (that would be a late arrival,
        // which is found below and goes one by one), so the highest is among that watermark, the day's trades and
        // the later ones. Only a challenge without that closing needs index seeks for its watermark and for whether
        // it traded before the day.
        List<UUID> unclosed = new ArrayList<>();
        for (ChunkState state : states.values()) {
            if (state.previous == null) {
                unclosed.add(state.challenge.id());
                continue;
            }
            long watermark = Math.max(state.previous.ledgerWatermark(), laterMax.getOrDefault(state.challenge.id(), 0L));
            for (LedgerTrade trade : state.trades) {
                watermark = Math.max(watermark, trade.sequenceNumber());
            }
            state.watermark = watermark;
        }
        if (!unclosed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id,"
                    + " (SELECT MAX(t.sequence_number) FROM trades t WHERE t.challenge_id = c.id) AS watermark,"
                    + " CASE WHEN EXISTS (SELECT 1 FROM trades t WHERE t.challenge_id = c.id AND t.executed_at < ?)"
                    + " THEN 1 ELSE 0 END AS traded_before"
                    + " FROM challenges c WHERE c.id IN (" + placeholders(unclosed.size()) + ")")) {
                dialect.setInstant(ps, 1, day.start());
                bindIds(ps, 2, unclosed);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ChunkState state = states.get(dialect.getUuid(rs, "id"));
                        state.watermark = rs.getLong("watermark");
                        state.hasTradesBeforeDay = rs.getInt("traded_before") == 1;
                    }
                }
            }
        }
        // late arrivals: trades executed before the day, appended after the previous day was closed
        try (PreparedStatement ps = c.prepareStatement("SELECT cl.challenge_id FROM challenge_daily_closings cl"
                + " WHERE cl.business_date = ? AND cl.challenge_id IN (" + in + ") AND "
                + LateTrades.condition("cl.challenge_id", "cl.ledger_watermark"))) {
            dialect.setDate(ps, 1, day.previous().date());
            int i = bindIds(ps, 2, ids);
            dialect.setInstant(ps, i, day.start());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.get(dialect.getUuid(rs, "challenge_id")).lateTrade = true;
                }
            }
        }
        return states;
    }

    private DailyClosing closingOf(ResultSet rs) throws SQLException {
        return new DailyClosing(dialect.getUuid(rs, "challenge_id"),
                BusinessDate.of(dialect.getDate(rs, "business_date")), rs.getInt("revision"),
                Money.of(dialect.getDecimal(rs, "opening_equity")), Money.of(dialect.getDecimal(rs, "closing_equity")),
                Money.of(dialect.getDecimal(rs, "peak_equity")), Money.of(dialect.getDecimal(rs, "lowest_equity")),
                rs.getInt("trading_days_to_date"), rs.getInt("trade_count"), dialect.getDecimal(rs, "volume"),
                dialect.getDecimal(rs, "max_daily_drawdown_pct_used"), dialect.getDecimal(rs, "risk_score"),
                dialect.getInstant(rs, "ledger_ended_at"), rs.getString("ledger_outcome"),
                rs.getLong("ledger_watermark"), rs.getString("figures_sha256"), dialect.getUuid(rs, "event_id"));
    }
}
