package com.tradesense.batch.reset;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
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
 * {@code daily-reset} for day D: every ACTIVE challenge's {@code daily_start_equity} becomes its equity as of
 * D 00:00Z computed from the ledger — trades executed after midnight but before the job runs never leak in — and
 * {@code last_daily_reset_date} becomes D, with one DAILY_RESET_PERFORMED event per challenge and day.
 *
 * <p>Restart policy: each chunk commits its challenges with their events; a restart reads again the challenges not
 * yet reset for D (the event's idempotency key and the date guard make a repeated item a no-op).
 */
@Configuration(proxyBeanMethods = false)
public class DailyResetJobConfiguration {

    public static final String JOB_NAME = "daily-reset";
    public static final String STEP_NAME = "daily-reset.apply";
    public static final String RANGE_STEP_NAME = "daily-reset.range";

    @Bean
    public Job dailyResetJob(JobRepository jobRepository, Step dailyResetStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(dailyResetStep).build();
    }

    /** The challenges are split into the same id ranges as daily-pnl's, run on the partition executor. */
    @Bean
    public Step dailyResetStep(JobRepository jobRepository, Step dailyResetRangeStep,
                               org.springframework.core.task.TaskExecutor partitionTaskExecutor,
                               com.tradesense.batch.pnl.EodConfiguration.EodGrid eodGrid) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .partitioner(RANGE_STEP_NAME, new com.tradesense.batch.pnl.ChallengeRangePartitioner())
                .step(dailyResetRangeStep)
                .gridSize(eodGrid.size())
                .taskExecutor(partitionTaskExecutor)
                .build();
    }

    @Bean
    public Step dailyResetRangeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    JdbcPagingItemReader<ResetCandidate> dailyResetReader,
                                    DailyResetWriter dailyResetWriter,
                                    @Value("${tradesense.eod.chunk-size:500}") int chunkSize) {
        return new StepBuilder(RANGE_STEP_NAME, jobRepository)
                .<ResetCandidate, ResetCandidate>chunk(chunkSize, transactionManager)
                .reader(dailyResetReader)
                .writer(dailyResetWriter)
                .build();
    }

    @Bean
    @StepScope
    public JdbcPagingItemReader<ResetCandidate> dailyResetReader(
            DataSource dataSource, Dialect dialect,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("#{stepExecutionContext['" + com.tradesense.batch.pnl.ChallengeRangePartitioner.FROM + "']}") String fromId,
            @Value("#{stepExecutionContext['" + com.tradesense.batch.pnl.ChallengeRangePartitioner.TO + "']}") String toId)
            throws Exception {
        BusinessDate day = BusinessDate.of(date);
        // Equity as of D 00:00Z: the previous day's closing when daily-pnl closed it and no trade arrived late since;
        // otherwise the initial balance plus the effect of every trade executed before midnight. CASE evaluates the
        // history sums only for challenges without a usable closing, so a night's cost follows the day, not the ledger.
        String usable = "cl.challenge_id IS NOT NULL";
        String select = """
                c.id AS id, c.version, c.currency, c.daily_start_equity, c.last_daily_reset_date, c.initial_balance,
                CASE WHEN %4$s THEN cl.closing_equity END AS closing_equity,
                CASE WHEN %4$s THEN NULL ELSE
                  (SELECT %1$s FROM trades t WHERE t.challenge_id = c.id AND t.executed_at < :midnight) END AS pnl,
                CASE WHEN %4$s THEN NULL ELSE
                  (SELECT %2$s FROM trades t WHERE t.challenge_id = c.id AND t.executed_at < :midnight) END AS swap,
                CASE WHEN %4$s THEN NULL ELSE
                  (SELECT %3$s FROM trades t WHERE t.challenge_id = c.id AND t.executed_at < :midnight) END AS commission"""
                .formatted(dialect.decimalSum("t.realized_pnl"), dialect.decimalSum("t.swap"),
                        dialect.decimalSum("t.commission"), usable);
        String from = """
                challenges c LEFT JOIN challenge_daily_closings cl
                  ON cl.challenge_id = c.id AND cl.business_date = :previousDay AND cl.ledger_ended_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM trades lt WHERE lt.challenge_id = c.id
                                  AND lt.sequence_number > cl.ledger_watermark AND lt.executed_at < :midnight)""";
        java.util.Map<String, Object> parameters = new java.util.HashMap<>(Map.of("midnight", dialect.parameter(day.start()),
                "date", dialect.parameter(date), "previousDay", dialect.parameter(day.previous().date())));
        String range = "";
        if (fromId != null) {
            range += "c.id >= :fromId AND ";
            parameters.put("fromId", dialect.parameter(java.util.UUID.fromString(fromId)));
        }
        if (toId != null) {
            range += "c.id < :toId AND ";
            parameters.put("toId", dialect.parameter(java.util.UUID.fromString(toId)));
        }
        return new JdbcPagingItemReaderBuilder<ResetCandidate>()
                .name("dailyResetReader")
                .dataSource(dataSource)
                .selectClause(select)
                .fromClause(from)
                .whereClause(range + "c.status = 'ACTIVE' AND c.deleted_at IS NULL"
                        + " AND (c.last_daily_reset_date IS NULL OR c.last_daily_reset_date <= :date)")
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(parameters)
                .pageSize(500)
                .rowMapper((rs, row) -> new ResetCandidate(
                        dialect.getUuid(rs, "id"),
                        rs.getLong("version"),
                        rs.getString("currency"),
                        dialect.getDecimal(rs, "daily_start_equity"),
                        dialect.getDate(rs, "last_daily_reset_date"),
                        equityAtMidnight(dialect, rs)))
                .build();
    }

    @Bean
    @StepScope
    public DailyResetWriter dailyResetWriter(DataSource dataSource, Dialect dialect,
                                             @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
                                             @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new DailyResetWriter(dataSource, dialect, BusinessDate.of(date), jobExecutionId, Clock.systemUTC());
    }

    private static BigDecimal equityAtMidnight(Dialect dialect, java.sql.ResultSet rs) throws java.sql.SQLException {
        BigDecimal closing = dialect.getDecimal(rs, "closing_equity");
        if (closing != null) {
            return Money.of(closing);
        }
        return Money.of(dialect.getDecimal(rs, "initial_balance")
                .add(orZero(dialect.getDecimal(rs, "pnl")))
                .add(orZero(dialect.getDecimal(rs, "swap")))
                .subtract(orZero(dialect.getDecimal(rs, "commission"))));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
