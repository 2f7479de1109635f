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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
 * Writes one challenge's reset and its event in the chunk's transaction. The row is updated with optimistic
 * locking, re-reading the version when the live platform changed the row in between.
 */
public class DailyResetWriter implements ItemWriter<ResetCandidate> {

    private static final int MAX_ATTEMPTS = 10;

    private static final String UPDATE = """
            UPDATE challenges
               SET daily_start_equity = ?, last_daily_reset_date = ?, version = version + 1, updated_at = ?
             WHERE id = ? AND version = ? AND status = 'ACTIVE'
               AND (last_daily_reset_date IS NULL OR last_daily_reset_date <= ?)""";

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

    /**
     * One statement to lock the chunk's rows and read their versions and last event numbers, one to find the resets
     * already written, one batch of updates and one of events; a row whose version moved on since it was read is
     * done one by one with the optimistic-locking retry.
     */
    @Override
    public void write(Chunk<? extends ResetCandidate> chunk) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        List<ResetCandidate> items = new ArrayList<>(chunk.getItems());
        if (items.isEmpty()) {
            return;
        }
        String in = String.join(", ", Collections.nCopies(items.size(), "?"));
        Map<UUID, Long> versions = new HashMap<>();
        Map<UUID, Long> lastSequence = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.id, c.version,"
                + " (SELECT MAX(e.sequence_number) FROM challenge_events e WHERE e.challenge_id = c.id) AS last_sequence"
                + " FROM challenges c WHERE c.id IN (" + in + ") ORDER BY c.id" + dialect.forUpdate())) {
            for (int i = 0; i < items.size(); i++) {
                dialect.setUuid(ps, i + 1, items.get(i).challengeId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = dialect.getUuid(rs, "id");
                    versions.put(id, rs.getLong("version"));
                    lastSequence.put(id, rs.getLong("last_sequence"));
                }
            }
        }
        Set<String> done = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT idempotency_key FROM challenge_events WHERE idempotency_key IN (" + in + ")")) {
            for (int i = 0; i < items.size(); i++) {
                ps.setString(i + 1, IdempotencyKeys.dailyReset(items.get(i).challengeId(), day));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
        }
        List<ResetCandidate> due = new ArrayList<>();
        for (ResetCandidate candidate : items) {
            if (!done.contains(IdempotencyKeys.dailyReset(candidate.challengeId(), day))
                    && versions.containsKey(candidate.challengeId())) {
                due.add(candidate);
            }
        }
        List<ResetCandidate> updated = new ArrayList<>();
        List<ResetCandidate> oneByOne = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
            for (ResetCandidate candidate : due) {
                bindUpdate(ps, candidate, versions.get(candidate.challengeId()));
                ps.addBatch();
            }
            int[] counts = due.isEmpty() ? new int[0] : ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                (counts[i] == 0 ? oneByOne : updated).add(due.get(i));
            }
        }
        List<NewEvent> events = new ArrayList<>();
        for (ResetCandidate candidate : updated) {
            events.add(event(candidate, IdempotencyKeys.dailyReset(candidate.challengeId(), day)));
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
