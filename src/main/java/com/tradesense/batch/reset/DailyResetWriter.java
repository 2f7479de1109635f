package com.tradesense.batch.reset;

import com.tradesense.batch.config.SoftwareVersion;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.domain.EventType;
import com.tradesense.batch.domain.IdempotencyKeys;
import com.tradesense.batch.domain.Money;
import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.pnl.LateTrades;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Resets a chunk of challenges with a few set-based statements in the chunk's transaction: one locking read of the
 * rows with their equity at midnight (from the previous day's closing, unless a trade before midnight arrived after
 * it), one aggregate over the ledger for the rare challenge without such a closing, one look-up of the resets already
 * written, one UPDATE for the whole chunk and one batch of events. A row the UPDATE did not change (the live platform
 * moved its version on, which the lock makes all but impossible) is done alone with the optimistic-locking retry.
 */
public class DailyResetWriter implements ItemWriter<UUID> {

    private static final int MAX_ATTEMPTS = 10;
    /** Rows per UPDATE statement, well inside both engines' bind-variable limits. */
    private static final int ROWS_PER_STATEMENT = 1000;

    private static final String UPDATE = """
            UPDATE challenges
               SET daily_start_equity = ?, last_daily_reset_date = ?, version = version + 1, updated_at = ?
             WHERE id = ? AND version = ? AND status = 'ACTIVE'
               AND (last_daily_reset_date IS NULL OR last_daily_reset_date <= ?)""";

    /** The challenges due for D's reset, with D as the named parameter {@code :date}; the reader pages over these. */
    static final String DUE = "status = 'ACTIVE' AND deleted_at IS NULL"
            + " AND (last_daily_reset_date IS NULL OR last_daily_reset_date <= :date)";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final BusinessDate day;
    private final long jobExecutionId;
    private final Clock clock;
    private final EventAppender appender;

    public DailyResetWriter(DataSource dataSource, Dialect dialect, BusinessDate day, long jobExecutionId, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.day = day;
        this.jobExecutionId = jobExecutionId;
        this.clock = clock;
        this.appender = new EventAppender(dialect);
    }

    /** A locked row as read before its reset. */
    private record Locked(UUID id, long version, String currency, BigDecimal dailyStartEquity, LocalDate lastResetDate,
                          BigDecimal initialBalance, BigDecimal closingEquity, long lastSequence) {
    }

    @Override
    public void write(Chunk<? extends UUID> chunk) throws Exception {
        if (chunk.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        List<Locked> rows = lockDue(connection, chunk.getItems());
        Map<UUID, BigDecimal> replayed = equityFromLedger(connection, rows.stream()
                .filter(row -> row.closingEquity() == null).toList());
        Set<String> done = alreadyWritten(connection, rows);
        List<ResetCandidate> due = new ArrayList<>();
        Map<UUID, Long> lastSequence = new HashMap<>();
        for (Locked row : rows) {
            if (done.contains(IdempotencyKeys.dailyReset(row.id(), day))) {
                continue;
            }
            BigDecimal equity = row.closingEquity() != null ? Money.of(row.closingEquity()) : replayed.get(row.id());
            due.add(new ResetCandidate(row.id(), row.version(), row.currency(), row.dailyStartEquity(),
                    row.lastResetDate(), equity));
            lastSequence.put(row.id(), row.lastSequence());
        }
        Set<UUID> updated = updateAll(connection, due);
        List<NewEvent> events = new ArrayList<>();
        List<ResetCandidate> oneByOne = new ArrayList<>();
        for (ResetCandidate candidate : due) {
            if (updated.contains(candidate.challengeId())) {
                events.add(event(candidate, IdempotencyKeys.dailyReset(candidate.challengeId(), day)));
            } else {
                oneByOne.add(candidate);
            }
        }
        appender.appendLocked(connection, events, lastSequence, clock.instant());
        for (ResetCandidate candidate : oneByOne) {
            String key = IdempotencyKeys.dailyReset(candidate.challengeId(), day);
            if (alreadyReset(connection, key)) {
                continue;
            }
            if (!update(connection, candidate)) {
                continue; // ended or reset for a later day meanwhile: nothing to do for this day
            }
            appender.append(connection, event(candidate, key), clock.instant());
        }
    }

    /**
     * Locks the chunk's challenges that are still due and reads what the reset needs. The previous day's closing is
     * usable unless the ledger has a trade before midnight numbered after the closing's watermark (a late arrival).
     */
    private List<Locked> lockDue(Connection connection, List<? extends UUID> ids) throws SQLException {
        String sql = """
                SELECT c.id, c.version, c.currency, c.daily_start_equity, c.last_daily_reset_date, c.initial_balance,
                       (SELECT cl.closing_equity FROM challenge_daily_closings cl
                         WHERE cl.challenge_id = c.id AND cl.business_date = ? AND cl.ledger_ended_at IS NULL
                           AND NOT (%s)) AS closing_equity,
                       (SELECT MAX(e.sequence_number) FROM challenge_events e WHERE e.challenge_id = c.id) AS last_sequence
                  FROM challenges c
                 WHERE c.id IN (%s) AND %s
                 ORDER BY c.id""".formatted(LateTrades.condition("c.id", "cl.ledger_watermark"),
                placeholders(ids.size()), DUE.replace(":date", "?"))
                + dialect.forUpdate();
        List<Locked> rows = new ArrayList<>(ids.size());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            dialect.setDate(ps, i++, day.previous().date());
            dialect.setInstant(ps, i++, day.start());
            for (UUID id : ids) {
                dialect.setUuid(ps, i++, id);
            }
            dialect.setDate(ps, i, day.date());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Locked(dialect.getUuid(rs, "id"), rs.getLong("version"), rs.getString("currency"),
                            dialect.getDecimal(rs, "daily_start_equity"), dialect.getDate(rs, "last_daily_reset_date"),
                            dialect.getDecimal(rs, "initial_balance"), dialect.getDecimal(rs, "closing_equity"),
                            rs.getLong("last_sequence")));
                }
            }
        }
        return rows;
    }

    /** Equity at midnight from the whole ledger, for challenges without a usable closing (first reset, late trades). */
    private Map<UUID, BigDecimal> equityFromLedger(Connection connection, List<Locked> rows) throws SQLException {
        Map<UUID, BigDecimal> equity = new HashMap<>();
        if (rows.isEmpty()) {
            return equity;
        }
        for (Locked row : rows) {
            equity.put(row.id(), Money.of(row.initialBalance()));
        }
        String sql = """
                SELECT t.challenge_id, %s AS pnl, %s AS swap, %s AS commission
                  FROM trades t WHERE t.challenge_id IN (%s) AND t.executed_at < ?
                 GROUP BY t.challenge_id""".formatted(dialect.decimalSum("t.realized_pnl"),
                dialect.decimalSum("t.swap"), dialect.decimalSum("t.commission"), placeholders(rows.size()));
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (Locked row : rows) {
                dialect.setUuid(ps, i++, row.id());
            }
            dialect.setInstant(ps, i, day.start());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = dialect.getUuid(rs, "challenge_id");
                    equity.put(id, Money.of(equity.get(id).add(dialect.getDecimal(rs, "pnl"))
                            .add(dialect.getDecimal(rs, "swap")).subtract(dialect.getDecimal(rs, "commission"))));
                }
            }
        }
        return equity;
    }

    private Set<String> alreadyWritten(Connection connection, List<Locked> rows) throws SQLException {
        Set<String> done = new HashSet<>();
        if (rows.isEmpty()) {
            return done;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT idempotency_key FROM challenge_events WHERE idempotency_key IN (" + placeholders(rows.size()) + ")")) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(i + 1, IdempotencyKeys.dailyReset(rows.get(i).id(), day));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
        }
        return done;
    }

    /** One UPDATE per slice of rows, each row guarded by the version it was read with; the ids it changed. */
    private Set<UUID> updateAll(Connection connection, List<ResetCandidate> due) throws SQLException {
        Set<UUID> updated = new HashSet<>();
        for (int from = 0; from < due.size(); from += ROWS_PER_STATEMENT) {
            List<ResetCandidate> slice = due.subList(from, Math.min(due.size(), from + ROWS_PER_STATEMENT));
            String sql = """
                    UPDATE challenges
                       SET daily_start_equity = v.column2, last_daily_reset_date = ?, version = version + 1, updated_at = ?
                      FROM (VALUES %s) AS v
                     WHERE challenges.id = v.column1 AND challenges.version = v.column3 AND challenges.status = 'ACTIVE'
                       AND (challenges.last_daily_reset_date IS NULL OR challenges.last_daily_reset_date <= ?)
                    RETURNING id""".formatted(String.join(", ", Collections.nCopies(slice.size(), "(?, ?, ?)")));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int i = 1;
                dialect.setDate(ps, i++, day.date());
                dialect.setInstant(ps, i++, clock.instant());
                for (ResetCandidate candidate : slice) {
                    dialect.setUuid(ps, i++, candidate.challengeId());
                    dialect.setDecimal(ps, i++, candidate.equityAtMidnight());
                    ps.setLong(i++, candidate.version());
                }
                dialect.setDate(ps, i, day.date());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        updated.add(dialect.getUuid(rs, "id"));
                    }
                }
            }
        }
        return updated;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private boolean alreadyReset(Connection connection, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM challenge_events WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean update(Connection connection, ResetCandidate candidate) throws SQLException {
        Long version = currentVersionIfStillDue(connection, candidate);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && version != null; attempt++) {
            try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
                bindUpdate(ps, candidate, version);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            version = currentVersionIfStillDue(connection, candidate);
        }
        if (version == null) {
            return false;
        }
        throw new SQLException("challenge " + candidate.challengeId() + " kept changing while its daily reset for "
                + day + " was written (" + MAX_ATTEMPTS + " attempts)");
    }

    private void bindUpdate(PreparedStatement ps, ResetCandidate candidate, long version) throws SQLException {
        dialect.setDecimal(ps, 1, candidate.equityAtMidnight());
        dialect.setDate(ps, 2, day.date());
        dialect.setInstant(ps, 3, clock.instant());
        dialect.setUuid(ps, 4, candidate.challengeId());
        ps.setLong(5, version);
        dialect.setDate(ps, 6, day.date());
    }

    private Long currentVersionIfStillDue(Connection connection, ResetCandidate candidate) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT version FROM challenges WHERE id = ? AND status = 'ACTIVE'
                   AND (last_daily_reset_date IS NULL OR last_daily_reset_date <= ?)""")) {
            dialect.setUuid(ps, 1, candidate.challengeId());
            dialect.setDate(ps, 2, day.date());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private NewEvent event(ResetCandidate candidate, String key) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", DailyResetJobConfiguration.JOB_NAME);
        data.put("job_execution_id", jobExecutionId);
        data.put("software_version", SoftwareVersion.current());
        data.put("business_date", day.date());
        data.put("daily_start_equity", candidate.equityAtMidnight());
        data.put("previous_daily_start_equity", candidate.previousDailyStartEquity());
        data.put("previous_reset_date", candidate.previousResetDate());
        data.put("as_of", day.start());
        String previous = candidate.previousResetDate() == null
                ? "no earlier reset"
                : "was " + Money.format(candidate.previousDailyStartEquity()) + " from " + candidate.previousResetDate();
        String description = "Daily reset for " + day + ": daily start equity set to "
                + Money.format(candidate.equityAtMidnight()) + " " + candidate.currency()
                + ", the ledger equity as of " + day.start() + " (" + previous + ")";
        return new NewEvent(candidate.challengeId(), EventType.DAILY_RESET_PERFORMED.name(), CanonicalJson.write(data),
                description, day.start(), DailyResetJobConfiguration.JOB_NAME + ":" + day, null, key);
    }
}
