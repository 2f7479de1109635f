package com.tradesense.batch.expiry;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.ledger.RiskAlerts;
import com.tradesense.batch.pnl.DailyPnlProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code challenge-expiry} for business date D: ACTIVE challenges whose deadline is at or before the end of D
 * become FAILED with reason EXPIRED (ended at the deadline, with the figures as of the deadline and an event that
 * states it); ACTIVE challenges without a trade for {@code tradesense.eod.inactivity-days} (default 30) get one
 * INACTIVE_TRADING alert per spell of inactivity.
 *
 * <p>Restart policy: both steps re-read what is still due; an expired challenge is no longer ACTIVE and an alert's
 * dedup key stops a second one.
 */
@Configuration(proxyBeanMethods = false)
public class ChallengeExpiryJobConfiguration {

    public static final String JOB_NAME = "challenge-expiry";
    public static final String DEADLINES_STEP = "challenge-expiry.deadlines";
    public static final String INACTIVITY_STEP = "challenge-expiry.inactivity";

    @Bean
    public Job challengeExpiryJob(JobRepository jobRepository, Step challengeDeadlineStep, Step challengeInactivityStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(challengeDeadlineStep).next(challengeInactivityStep).build();
    }

    @Bean
    public Step challengeDeadlineStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      JdbcPagingItemReader<UUID> expiredChallengeReader, ExpiryWriter expiryWriter) {
        return new StepBuilder(DEADLINES_STEP, jobRepository)
                .<UUID, UUID>chunk(100, transactionManager)
                .reader(expiredChallengeReader)
                .writer(expiryWriter)
                .build();
    }

    @Bean
    public Step challengeInactivityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                        JdbcPagingItemReader<InactiveChallenge> inactiveChallengeReader,
                                        InactivityAlertWriter inactivityAlertWriter) {
        return new StepBuilder(INACTIVITY_STEP, jobRepository)
                .<InactiveChallenge, InactiveChallenge>chunk(500, transactionManager)
                .reader(inactiveChallengeReader)
                .writer(inactivityAlertWriter)
                .build();
    }

    @Bean
    @StepScope
    public JdbcPagingItemReader<UUID> expiredChallengeReader(
            DataSource dataSource, Dialect dialect,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date) throws Exception {
        BusinessDate day = BusinessDate.of(date);
        return new JdbcPagingItemReaderBuilder<UUID>()
                .name("expiredChallengeReader")
                .dataSource(dataSource)
                .selectClause("id")
                .fromClause("challenges")
                .whereClause("status = 'ACTIVE' AND deleted_at IS NULL AND expires_at IS NOT NULL AND expires_at <= :dayEnd")
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(Map.of("dayEnd", dialect.parameter(day.end())))
                .pageSize(500)
                .rowMapper((rs, row) -> dialect.getUuid(rs, "id"))
                .build();
    }

    @Bean
    @StepScope
    public ExpiryWriter expiryWriter(DataSource dataSource, DailyPnlProcessor dailyPnlProcessor,
                                     @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
                                     @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new ExpiryWriter(dataSource, dailyPnlProcessor, BusinessDate.of(date),
                new DailyPnlProcessor.RunContext(JOB_NAME, jobExecutionId, Clock.systemUTC()));
    }

    /** Active at the end of D, started at least N days before it, and no trade in the last N days before it. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<InactiveChallenge> inactiveChallengeReader(
            DataSource dataSource, Dialect dialect,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("${tradesense.eod.inactivity-days:30}") int inactivityDays) throws Exception {
        BusinessDate day = BusinessDate.of(date);
        var cutoff = day.end().minus(Duration.ofDays(inactivityDays));
        return new JdbcPagingItemReaderBuilder<InactiveChallenge>()
                .name("inactiveChallengeReader")
                .dataSource(dataSource)
                .selectClause("id, COALESCE(started_at, created_at) AS start_at,"
                        + " (SELECT MAX(t.executed_at) FROM trades t WHERE t.challenge_id = c.id AND t.executed_at < :dayEnd)"
                        + " AS last_trade_at")
                .fromClause("challenges c")
                .whereClause("c.status = 'ACTIVE' AND c.deleted_at IS NULL AND COALESCE(c.started_at, c.created_at) <= :cutoff"
                        + " AND NOT EXISTS (SELECT 1 FROM trades t WHERE t.challenge_id = c.id"
                        + " AND t.executed_at >= :cutoff AND t.executed_at < :dayEnd)")
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(Map.of("dayEnd", dialect.parameter(day.end()), "cutoff", dialect.parameter(cutoff)))
                .pageSize(500)
                .rowMapper((rs, row) -> new InactiveChallenge(dialect.getUuid(rs, "id"),
                        dialect.getInstant(rs, "last_trade_at"), dialect.getInstant(rs, "start_at")))
                .build();
    }

    @Bean
    @StepScope
    public InactivityAlertWriter inactivityAlertWriter(DataSource dataSource, Dialect dialect,
                                                       @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
                                                       @Value("${tradesense.eod.inactivity-days:30}") int inactivityDays) {
        return new InactivityAlertWriter(dataSource, new RiskAlerts(dialect), BusinessDate.of(date), inactivityDays,
                Clock.systemUTC());
    }
}
