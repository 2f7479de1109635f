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
import java.util.LinkedHashMap;
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

    @Override
    public void write(Chunk<? extends ResetCandidate> chunk) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        for (ResetCandidate candidate : chunk) {
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
        long version = candidate.version();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
                dialect.setDecimal(ps, 1, candidate.equityAtMidnight());
                dialect.setDate(ps, 2, day.date());
                dialect.setInstant(ps, 3, clock.instant());
                dialect.setUuid(ps, 4, candidate.challengeId());
                ps.setLong(5, version);
                dialect.setDate(ps, 6, day.date());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            Long current = currentVersionIfStillDue(connection, candidate);
            if (current == null) {
                return false;
            }
            version = current;
        }
        throw new SQLException("challenge " + candidate.challengeId() + " kept changing while its daily reset for "
                + day + " was written (" + MAX_ATTEMPTS + " attempts)");
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
