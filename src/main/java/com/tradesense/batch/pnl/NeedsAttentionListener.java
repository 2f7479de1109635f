package com.tradesense.batch.pnl;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Marks a completed end-of-day run "completed with findings" (exit status 4) when the business date has a
 * disagreement between the ledger and the platform: a person must look at it. Decided from the events in the
 * database, so a restarted run reports the same.
 */
public class NeedsAttentionListener implements JobExecutionListener {

    private final DataSource dataSource;
    private final Dialect dialect;

    public NeedsAttentionListener(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        LocalDate date = execution.getJobParameters().getLocalDate(JobLauncherService.BUSINESS_DATE);
        if (date == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM challenge_events"
                     + " WHERE occurred_at = ? AND event_type = 'RISK_VIOLATION_DETECTED'"
                     + " AND idempotency_key LIKE 'DISAGREEMENT:%' AND correlation_id LIKE ?")) {
            // a disagreement is dated at the end of its business day: the occurred_at index finds the day's events
            dialect.setInstant(ps, 1, com.tradesense.batch.domain.BusinessDate.of(date).end());
            ps.setString(2, "%:" + date);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long disagreements = rs.getLong(1);
                if (disagreements > 0) {
                    execution.setExitStatus(new ExitStatus(JobLauncherService.NEEDS_ATTENTION,
                            disagreements + " disagreement(s) between the ledger and the platform on " + date
                                    + " need a person (RISK_VIOLATION_DETECTED events)"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the disagreements of " + date + ": " + e.getMessage(), e);
        }
    }
}
