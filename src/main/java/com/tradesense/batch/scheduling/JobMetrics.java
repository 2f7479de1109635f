package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Job metrics read from Spring Batch's own records after each scheduled fire, so every execution (including the
 * stages a nightly chain starts) is counted once whichever code path ran it: durations of jobs and steps, items
 * read/written/skipped, failures, and, read at scrape time, the last business date each job completed.
 * Reads use plain auto-commit statements, which never take SQLite's write lock.
 */
@Component
public class JobMetrics {

    /** The break types of CONTRACT §5. */
    private static final List<String> BREAK_TYPES = List.of("MISSING_IN_LEDGER", "MISSING_IN_PROVIDER",
            "QUANTITY_MISMATCH", "PRICE_MISMATCH", "PNL_MISMATCH", "COMMISSION_MISMATCH", "SWAP_MISMATCH",
            "SYMBOL_MISMATCH", "SIDE_MISMATCH", "TIME_MISMATCH", "ACCOUNT_MISMATCH", "DUPLICATE_IN_EXPORT", "INVALID_ROW");
    private static final long BREAKS_TTL_NANOS = 15_000_000_000L;

    private final JdbcTemplate jdbc;
    private volatile Map<String, Long> openBreaks = Map.of();
    private volatile long openBreaksReadAt;
    private volatile Map<String, Long> deliveries = Map.of();
    private volatile long deliveriesReadAt;
    private final MeterRegistry meters;
    private long seen;

    private final PartitionManagers managers;

    public JobMetrics(DataSource dataSource, MeterRegistry meters, PartitionManagers managers) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.managers = managers;
        this.meters = meters;
        for (JobNames job : JobNames.values()) {
            Gauge.builder("tradesense.job.last.success.business.date", () -> lastCompletedEpochDay(job.jobName()))
                    .description("Epoch day of the newest business date this job completed")
                    .tag("job", job.jobName()).register(meters);
        }
        for (String type : BREAK_TYPES) {
            Gauge.builder("tradesense.reconciliation.breaks.open", () -> openBreaks().getOrDefault(type, 0L))
                    .description("Reconciliation breaks still OPEN, by type").tag("type", type).register(meters);
        }
        // Read from the database, like the breaks, so every member of a cluster reports the same figures.
        for (String status : List.of("SENT", "FAILED", "PENDING")) {
            Gauge.builder("tradesense.reports.deliveries", () -> deliveries().getOrDefault(status, 0L))
                    .description("Report e-mails to auditors by delivery status (one per report and recipient)")
                    .tag("status", status).register(meters);
        }
    }

    /** At most one query every 15 s however often scraped; zero while the delivery table does not exist. */
    private Map<String, Long> deliveries() {
        if (System.nanoTime() - deliveriesReadAt > BREAKS_TTL_NANOS) {
            Map<String, Long> counts = new HashMap<>();
            try {
                jdbc.query("SELECT status, COUNT(*) FROM report_deliveries GROUP BY status",
                        rs -> {
                            counts.put(rs.getString(1), rs.getLong(2));
                        });
                deliveries = counts;
            } catch (DataAccessException e) {
                deliveries = Map.of();
            }
            deliveriesReadAt = System.nanoTime();
        }
        return deliveries;
    }

    /** At most one query every 15 s however often scraped; zero while the reconciliation tables do not exist. */
    private Map<String, Long> openBreaks() {
        if (System.nanoTime() - openBreaksReadAt > BREAKS_TTL_NANOS) {
            Map<String, Long> counts = new HashMap<>();
            try {
                jdbc.query("SELECT break_type, COUNT(*) FROM reconciliation_breaks WHERE status = 'OPEN'"
                        + " GROUP BY break_type", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
                openBreaks = counts;
            } catch (DataAccessException e) {
                openBreaks = Map.of();
            }
            openBreaksReadAt = System.nanoTime();
        }
        return openBreaks;
    }

    private double lastCompletedEpochDay(String job) {
        String date = jdbc.queryForObject("""
                SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = ?""", String.class, job,
                JobLauncherService.BUSINESS_DATE);
        return date == null ? Double.NaN : LocalDate.parse(date).toEpochDay();
    }

    /** Counts only executions that end from now on (the scheduler calls this once it starts). */
    public synchronized void startFromNow() {
        Long max = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        seen = max == null ? 0 : max;
    }

    private record Ended(long id, String job, String status, LocalDateTime start, LocalDateTime end) {
    }

    /** Records every execution that ended since the last call. */
    public synchronized void recordNewExecutions() {
        List<Ended> ended = jdbc.query("""
                SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                WHERE e.JOB_EXECUTION_ID > ? AND e.END_TIME IS NOT NULL ORDER BY e.JOB_EXECUTION_ID""",
                (rs, n) -> new Ended(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs.getTimestamp(4)),
                        time(rs.getTimestamp(5))), seen);
        for (Ended execution : ended) {
            if (execution.start() != null) {
                meters.timer("tradesense.job.duration", "job", execution.job(), "status", execution.status())
                        .record(Duration.between(execution.start(), execution.end()));
            }
            if ("FAILED".equals(execution.status())) {
                meters.counter("tradesense.job.failures", "job", execution.job()).increment();
            }
            jdbc.query("""
                    SELECT s.STEP_NAME, s.STATUS, s.START_TIME, s.END_TIME, s.READ_COUNT, s.WRITE_COUNT,
                           s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT
                    FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = ?""", rs -> {
                // partition workers (name:range-1-of-4, ...) are one step for the metrics
                String step = rs.getString(1).replaceFirst(":.*$", "");
                LocalDateTime start = time(rs.getTimestamp(3));
                LocalDateTime end = time(rs.getTimestamp(4));
                if (start != null && end != null) {
                    meters.timer("tradesense.step.duration", "job", execution.job(), "step", step,
                            "status", rs.getString(2)).record(Duration.between(start, end));
                }
                if (managers.names().contains(rs.getString(1))) {
                    return; // a partition manager: its counts are its workers' again
                }
                meters.counter("tradesense.job.items", "job", execution.job(), "kind", "read").increment(rs.getLong(5));
                meters.counter("tradesense.job.items", "job", execution.job(), "kind", "written").increment(rs.getLong(6));
                meters.counter("tradesense.job.items", "job", execution.job(), "kind", "skipped").increment(rs.getLong(7));
            }, execution.id());
            seen = Math.max(seen, execution.id());
        }
    }

    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
