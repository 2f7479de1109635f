package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.JobLauncherService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What ran, what is running and what failed, from Spring Batch's metadata. Plain auto-commit reads: on SQLite they
 * never wait for, nor block, a job that is writing.
 */
@Component
public class RunStatus {

    /** One execution with its step totals. */
    public record Run(long executionId, String job, String businessDate, String status, String exitCode,
                      String exitMessage, Instant start, Instant end, long read, long written, long skipped) {

        public Duration duration() {
            return start == null ? null : Duration.between(start, end == null ? Instant.now() : end);
        }
    }

    private static final String SELECT = """
            SELECT e.JOB_EXECUTION_ID, i.JOB_NAME,
                   (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
                    WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ?) AS BUSINESS_DATE,
                   e.STATUS, e.EXIT_CODE, e.EXIT_MESSAGE, e.START_TIME, e.END_TIME,
                   (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND %1$s) AS READ_COUNT,
                   (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND %1$s) AS WRITE_COUNT,
                   (SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0)
                    FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND %1$s) AS SKIP_COUNT
            FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
            """;

    private final JdbcTemplate jdbc;
    private final PartitionManagers managers;

    public RunStatus(DataSource dataSource, PartitionManagers managers) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.managers = managers;
    }

    /** The select with item totals that leave partition managers out (they repeat their workers' counts). */
    private String select() {
        return SELECT.formatted(managers.notManager("s"));
    }

    /** The newest {@code perJob} executions of each job, by job name then newest first. */
    public List<Run> lastRuns(int perJob) {
        return jdbc.query(select() + """
                WHERE (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION n JOIN BATCH_JOB_INSTANCE ni
                       ON ni.JOB_INSTANCE_ID = n.JOB_INSTANCE_ID
                       WHERE ni.JOB_NAME = i.JOB_NAME AND n.JOB_EXECUTION_ID > e.JOB_EXECUTION_ID) < ?
                ORDER BY i.JOB_NAME, e.JOB_EXECUTION_ID DESC""", (rs, n) -> run(rs), JobLauncherService.BUSINESS_DATE,
                perJob);
    }

    /** Executions marked running (by a live process, or by one that died: the next run of that date recovers it). */
    public List<Run> running() {
        return jdbc.query(select() + " WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') ORDER BY e.JOB_EXECUTION_ID",
                (rs, n) -> run(rs), JobLauncherService.BUSINESS_DATE);
    }

    /** The last execution of each job instance that ended FAILED, STOPPED or UNKNOWN: work waiting for a restart. */
    public List<Run> awaitingRestart() {
        return jdbc.query(select() + """
                WHERE e.STATUS IN ('FAILED', 'STOPPED', 'UNKNOWN')
                  AND e.JOB_EXECUTION_ID = (SELECT MAX(m.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION m
                                            WHERE m.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)
                ORDER BY e.JOB_EXECUTION_ID""", (rs, n) -> run(rs), JobLauncherService.BUSINESS_DATE);
    }

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getLong(9), rs.getLong(10),
                rs.getLong(11));
    }

    /** Spring Batch stores local date-times of the JVM zone; shown as UTC instants. */
    private static Instant instant(Timestamp timestamp) {
        if (timestamp == null) {
            return null;
        }
        LocalDateTime local = timestamp.toLocalDateTime();
        return local.atZone(ZoneId.systemDefault()).toInstant();
    }
}
