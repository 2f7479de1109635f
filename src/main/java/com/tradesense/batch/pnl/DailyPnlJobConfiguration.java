package com.tradesense.batch.pnl;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
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
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code daily-pnl} for business date D: every challenge active during D gets its DAILY_PNL event (or a
 * restatement), its rule outcome and its alerts. The challenges are partitioned by id range; each partition is a
 * chunk step whose chunk commits its challenges with their events.
 *
 * <p>Restart policy: a restarted partition reads its range again; challenges already closed for D compare equal and
 * write nothing, so the result equals an uninterrupted run.
 */
@Configuration(proxyBeanMethods = false)
public class DailyPnlJobConfiguration {

    public static final String JOB_NAME = "daily-pnl";
    public static final String STEP_NAME = "daily-pnl";
    public static final String WORKER_STEP_NAME = "daily-pnl.range";

    @Bean
    public Job dailyPnlJob(JobRepository jobRepository, Step dailyPnlStep, NeedsAttentionListener needsAttentionListener) {
        return new JobBuilder(JOB_NAME, jobRepository).start(dailyPnlStep).listener(needsAttentionListener).build();
    }

    @Bean
    public NeedsAttentionListener needsAttentionListener(DataSource dataSource, Dialect dialect) {
        return new NeedsAttentionListener(dataSource, dialect);
    }

    @Bean
    public Step dailyPnlStep(JobRepository jobRepository, Step dailyPnlWorkerStep, TaskExecutor partitionTaskExecutor,
                             EodConfiguration.EodGrid eodGrid) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .partitioner(WORKER_STEP_NAME, new ChallengeRangePartitioner())
                .step(dailyPnlWorkerStep)
                .gridSize(eodGrid.size())
                .taskExecutor(partitionTaskExecutor)
                .build();
    }

    @Bean
    public Step dailyPnlWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   JdbcPagingItemReader<UUID> activeChallengeReader, DailyPnlWriter dailyPnlWriter,
                                   @Value("${tradesense.eod.chunk-size:500}") int chunkSize) {
        return new StepBuilder(WORKER_STEP_NAME, jobRepository)
                .<UUID, UUID>chunk(chunkSize, transactionManager)
                .reader(activeChallengeReader)
                .writer(dailyPnlWriter)
                .faultTolerant()
                .retry(DailyPnlProcessor.OptimisticLockConflict.class)
                .retry(org.springframework.dao.PessimisticLockingFailureException.class)
                .retryLimit(5)
                .build();
    }

    /** The ids of the challenges that may have been active during D, within the partition's id range. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<UUID> activeChallengeReader(
            DataSource dataSource, Dialect dialect,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("#{stepExecutionContext['" + ChallengeRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + ChallengeRangePartitioner.TO + "']}") String to) throws Exception {
        BusinessDate day = BusinessDate.of(date);
        StringBuilder where = new StringBuilder("""
                status <> 'PENDING' AND deleted_at IS NULL AND COALESCE(started_at, created_at) < :dayEnd
                AND (ended_at IS NULL OR ended_at >= :dayStart)""");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("dayStart", dialect.parameter(day.start()));
        parameters.put("dayEnd", dialect.parameter(day.end()));
        if (from != null) {
            where.append(" AND id >= :fromId");
            parameters.put("fromId", dialect.parameter(UUID.fromString(from)));
        }
        if (to != null) {
            where.append(" AND id < :toId");
            parameters.put("toId", dialect.parameter(UUID.fromString(to)));
        }
        return new JdbcPagingItemReaderBuilder<UUID>()
                .name("activeChallengeReader")
                .dataSource(dataSource)
                .selectClause("id")
                .fromClause("challenges")
                .whereClause(where.toString())
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(parameters)
                .pageSize(500)
                .rowMapper((rs, row) -> dialect.getUuid(rs, "id"))
                .build();
    }

    @Bean
    @StepScope
    public DailyPnlWriter dailyPnlWriter(DataSource dataSource, DailyPnlProcessor dailyPnlProcessor,
                                         @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
                                         @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
                                         @Value("${tradesense.eod.batched:true}") boolean batched) {
        return new DailyPnlWriter(dataSource, dailyPnlProcessor, BusinessDate.of(date),
                new DailyPnlProcessor.RunContext(JOB_NAME, jobExecutionId, Clock.systemUTC()), batched);
    }
}
