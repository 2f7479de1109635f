package com.tradesense.batch.reset;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.pnl.ChallengeRangePartitioner;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
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
 * {@code daily-reset} for day D: every ACTIVE challenge's {@code daily_start_equity} becomes its equity as of
 * D 00:00Z computed from the ledger — trades executed after midnight but before the job runs never leak in — and
 * {@code last_daily_reset_date} becomes D, with one DAILY_RESET_PERFORMED event per challenge and day.
 *
 * <p>Each chunk is a handful of set-based statements over its challenges (see {@link DailyResetWriter}), so the job
 * costs about what one UPDATE and one INSERT … SELECT over all of them would, while keeping chunk commits, restart
 * and graceful stop. Restart policy: each chunk commits its challenges with their events; a restart reads again the
 * challenges not yet reset for D (the event's idempotency key and the date guard make a repeated item a no-op).
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
                .partitioner(RANGE_STEP_NAME, new ChallengeRangePartitioner())
                .step(dailyResetRangeStep)
                .gridSize(eodGrid.size())
                .taskExecutor(partitionTaskExecutor)
                .build();
    }

    @Bean
    public Step dailyResetRangeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    JdbcPagingItemReader<UUID> dailyResetReader,
                                    DailyResetWriter dailyResetWriter,
                                    @Value("${tradesense.eod.chunk-size:500}") int chunkSize) {
        return new StepBuilder(RANGE_STEP_NAME, jobRepository)
                .<UUID, UUID>chunk(chunkSize, transactionManager)
                .reader(dailyResetReader)
                .writer(dailyResetWriter)
                .build();
    }

    /** The ids of the challenges still due for D's reset within the partition's id range; the writer does the rest. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<UUID> dailyResetReader(
            DataSource dataSource, Dialect dialect,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("#{stepExecutionContext['" + ChallengeRangePartitioner.FROM + "']}") String fromId,
            @Value("#{stepExecutionContext['" + ChallengeRangePartitioner.TO + "']}") String toId,
            @Value("${tradesense.eod.chunk-size:500}") int chunkSize) throws Exception {
        Map<String, Object> parameters = new HashMap<>(Map.of("date", dialect.parameter(date)));
        String range = "";
        if (fromId != null) {
            range += "id >= :fromId AND ";
            parameters.put("fromId", dialect.parameter(UUID.fromString(fromId)));
        }
        if (toId != null) {
            range += "id < :toId AND ";
            parameters.put("toId", dialect.parameter(UUID.fromString(toId)));
        }
        return new JdbcPagingItemReaderBuilder<UUID>()
                .name("dailyResetReader")
                .dataSource(dataSource)
                .selectClause("id")
                .fromClause("challenges")
                .whereClause(range + DailyResetWriter.DUE)
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(parameters)
                .pageSize(chunkSize)
                .rowMapper((rs, row) -> dialect.getUuid(rs, "id"))
                .build();
    }

    @Bean
    @StepScope
    public DailyResetWriter dailyResetWriter(DataSource dataSource, Dialect dialect,
                                             @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
                                             @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new DailyResetWriter(dataSource, dialect, BusinessDate.of(date), jobExecutionId, Clock.systemUTC());
    }
}
