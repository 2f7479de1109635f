package com.tradesense.batch.nightly;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.pnl.DailyPnlProcessor;
import com.tradesense.batch.pnl.NeedsAttentionListener;
import com.tradesense.batch.pnl.PnlLedger;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code nightly} for business date D, one Spring Batch job: re-check the previous days for late trades, then
 * daily-pnl(D) → challenge-expiry(D) → daily-reset(D+1). A failure stops the chain; a restart resumes at the stage
 * that failed. Each stage runs its own job with its own identity, so a stage already completed by a separate
 * {@code run} is not redone.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    public static final String JOB_NAME = "nightly";

    /** Stages launch whole jobs, which manage their own transactions: the stage step must not hold one open. */
    private static DefaultTransactionAttribute noTransaction() {
        return new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @Bean
    public Job nightlyJob(JobRepository jobRepository, Step nightlyRecheckStep, Step nightlyDailyPnlStep,
                          Step nightlyExpiryStep, Step nightlyResetStep, NeedsAttentionListener needsAttentionListener) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(nightlyRecheckStep)
                .next(nightlyDailyPnlStep)
                .next(nightlyExpiryStep)
                .next(nightlyResetStep)
                .listener(needsAttentionListener)
                .build();
    }

    @Bean
    public Step nightlyRecheckStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   LateTradeRecheckTasklet lateTradeRecheckTasklet) {
        return new StepBuilder("nightly.recheck-late-trades", jobRepository)
                .tasklet(lateTradeRecheckTasklet, transactionManager)
                .transactionAttribute(noTransaction())
                .build();
    }

    @Bean
    @StepScope
    public LateTradeRecheckTasklet lateTradeRecheckTasklet(
            DataSource dataSource, PlatformTransactionManager transactionManager, PnlLedger pnlLedger,
            DailyPnlProcessor dailyPnlProcessor,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("${tradesense.eod.recheck-days:3}") int recheckDays,
            @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new LateTradeRecheckTasklet(dataSource, new TransactionTemplate(transactionManager), pnlLedger,
                dailyPnlProcessor, BusinessDate.of(date), recheckDays, jobExecutionId);
    }

    @Bean
    public Step nightlyDailyPnlStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    @Lazy JobLauncherService launcher) {
        return stage(jobRepository, transactionManager, "nightly.daily-pnl", launcher, JobNames.DAILY_PNL, 0);
    }

    @Bean
    public Step nightlyExpiryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  @Lazy JobLauncherService launcher) {
        return stage(jobRepository, transactionManager, "nightly.challenge-expiry", launcher, JobNames.CHALLENGE_EXPIRY, 0);
    }

    @Bean
    public Step nightlyResetStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 @Lazy JobLauncherService launcher) {
        return stage(jobRepository, transactionManager, "nightly.daily-reset", launcher, JobNames.DAILY_RESET, 1);
    }

    private static Step stage(JobRepository jobRepository, PlatformTransactionManager transactionManager, String name,
                              JobLauncherService launcher, JobNames job, int dayOffset) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    LocalDate date = chunkContext.getStepContext().getStepExecution().getJobParameters()
                            .getLocalDate(JobLauncherService.BUSINESS_DATE).plusDays(dayOffset);
                    return new RunJobTasklet(launcher, job, date).execute(contribution, chunkContext);
                }, transactionManager)
                .transactionAttribute(noTransaction())
                .build();
    }
}
