package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes Spring Batch and Quartz bookkeeping older than a cut-off; never a financial table. A job instance goes
 * only as a whole and only when all its executions ended before the cut-off and its last one completed (or was
 * abandoned): a failed run awaiting restart stays, and so does the newest completed business date of each job, which
 * catch-up starts from.
 */
@Component
public class MetadataPurge {

    public record Result(int instances, int executions, int schedulerInstances) {
    }

    private record Candidate(long instanceId, String job, String businessDate, String lastStatus,
                             LocalDateTime lastEnd, int executions, boolean anyOpen) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Dialect dialect;

    public MetadataPurge(DataSource dataSource, PlatformTransactionManager transactionManager, Dialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.dialect = dialect;
    }

    public Result purge(Instant cutoff, PrintWriter out) {
        // Spring Batch writes its times as local date-times of the JVM's zone, so the cut-off is compared in that zone.
        LocalDateTime localCutoff = LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault());
        List<Candidate> candidates = jdbc.query("""
                SELECT i.JOB_INSTANCE_ID, i.JOB_NAME,
                       (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                        JOIN BATCH_JOB_EXECUTION pe ON pe.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
                        WHERE pe.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND p.PARAMETER_NAME = ?) AS BUSINESS_DATE,
                       e.STATUS, e.END_TIME,
                       (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION c WHERE c.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID) AS N,
                       (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION o
                        WHERE o.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND o.END_TIME IS NULL) AS OPEN_COUNT
                FROM BATCH_JOB_INSTANCE i
                JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                WHERE e.JOB_EXECUTION_ID = (SELECT MAX(m.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION m
                                            WHERE m.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)""",
                (rs, n) -> {
                    Timestamp end = rs.getTimestamp(5);
                    return new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            end == null ? null : end.toLocalDateTime(), rs.getInt(6), rs.getInt(7) > 0);
                }, JobLauncherService.BUSINESS_DATE);
        Map<String, String> newestCompletedDate = new HashMap<>();
        for (Candidate c : candidates) {
            if ("COMPLETED".equals(c.lastStatus()) && c.businessDate() != null) {
                newestCompletedDate.merge(c.job(), c.businessDate(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<Candidate> doomed = new ArrayList<>();
        for (Candidate c : candidates) {
            boolean finished = "COMPLETED".equals(c.lastStatus()) || "ABANDONED".equals(c.lastStatus());
            boolean anchor = c.businessDate() != null && c.businessDate().equals(newestCompletedDate.get(c.job()));
            if (finished && !anchor && !c.anyOpen() && c.lastEnd() != null && c.lastEnd().isBefore(localCutoff)) {
                doomed.add(c);
            }
        }
        int executions = 0;
        for (Candidate c : doomed) {
            executions += c.executions();
            transactions.executeWithoutResult(status -> deleteInstance(c.instanceId()));
        }
        int schedulerInstances = 0;
        if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
            // Rows of scheduler instances that stopped checking in long ago; live ones check in every few seconds.
            schedulerInstances = jdbc.update("DELETE FROM QRTZ_SCHEDULER_STATE WHERE LAST_CHECKIN_TIME < ?",
                    cutoff.toEpochMilli());
        }
        out.println("purge: removed " + doomed.size() + " job instance(s) with " + executions + " execution(s) that"
                + " ended before " + cutoff + (dialect.engine() == Dialect.Engine.POSTGRESQL
                ? " and " + schedulerInstances + " stale scheduler instance(s)" : ""));
        return new Result(doomed.size(), executions, schedulerInstances);
    }

    private void deleteInstance(long instanceId) {
        String executions = "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?";
        jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (SELECT STEP_EXECUTION_ID"
                + " FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + "))", instanceId);
        jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")", instanceId);
        jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + executions + ")", instanceId);
        jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + executions + ")", instanceId);
        jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", instanceId);
        jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?", instanceId);
    }
}
