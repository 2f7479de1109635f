package com.tradesense.batch.reconciliation;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobParametersContributor;
import com.tradesense.batch.cli.JobRequest;
import com.tradesense.batch.cli.UsageException;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.templates.ReportTemplates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * {@code trade-reconciliation} for a provider and business date: one tasklet that runs
 * {@link ReconciliationService#reconcile}. Parameters: {@code business.date}, {@code provider}, optional {@code file};
 * the file's SHA-256 ({@code source.sha256}, computed before launch) is identifying too, so the same file is
 * "already complete" and a corrected file is a new run. Exit code {@link JobLauncherService#NEEDS_ATTENTION} (exit
 * status 4) when the run found breaks or no file came.
 *
 * <p>The service manages its own connections and transaction (the staging table lives in one session), so the step
 * runs without a surrounding database transaction.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationJobConfiguration {

    public static final String JOB_NAME = "trade-reconciliation";
    public static final String STEP_NAME = "trade-reconciliation.reconcile";
    public static final String PROVIDER = "provider";
    public static final String FILE = "file";
    public static final String SHA256 = "source.sha256";

    private static final Logger log = LoggerFactory.getLogger(ReconciliationJobConfiguration.class);

    @Bean
    public ReconciliationProviders reconciliationProviders(Environment environment) {
        return ReconciliationProviders.from(environment);
    }

    @Bean
    public ReconciliationService reconciliationService(DataSource dataSource, Dialect dialect,
                                                       ReconciliationProviders reconciliationProviders,
                                                       @Value("${tradesense.reports-folder:./reports}") String reports,
                                                       @Value("${tradesense.reconciliation.join-memory:128MB}")
                                                       DataSize joinMemory,
                                                       @Value("${tradesense.reports-templates-folder:"
                                                               + "./reports-templates}") String templatesFolder) {
        return new ReconciliationService(dataSource, dialect, reconciliationProviders,
                new ReportArchive(dataSource, dialect, Path.of(reports)), Clock.systemUTC())
                .joinMemory(joinMemory).templates(new ReportTemplates(Path.of(templatesFolder)));
    }

    @Bean
    public Job tradeReconciliationJob(JobRepository jobRepository, Step tradeReconciliationStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(tradeReconciliationStep).build();
    }

    @Bean
    public Step tradeReconciliationStep(JobRepository jobRepository, Tasklet tradeReconciliationTasklet) {
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(tradeReconciliationTasklet, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    public Tasklet tradeReconciliationTasklet(
            ReconciliationService reconciliationService,
            @Value("#{jobParameters['" + JobLauncherService.BUSINESS_DATE + "']}") LocalDate date,
            @Value("#{jobParameters['" + PROVIDER + "']}") String provider,
            @Value("#{jobParameters['" + FILE + "']}") String file,
            @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return (contribution, chunkContext) -> {
            ReconciliationResult result = reconciliationService.reconcile(provider, date,
                    file == null || file.isBlank() ? null : Path.of(file), jobExecutionId);
            log.info("trade-reconciliation {}", result.describe());
            if (result.workbook() != null) {
                log.info("workbook {}, summary {}", result.workbook(), result.summaryPdf());
            }
            if (result.status().needsAttention()) {
                contribution.setExitStatus(new ExitStatus(JobLauncherService.NEEDS_ATTENTION, result.describe()));
            } else {
                contribution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(), result.describe()));
            }
            return RepeatStatus.FINISHED;
        };
    }

    /** Checks the parameters before launch and adds the file's SHA-256 to the job's identity. */
    @Bean
    public JobParametersContributor reconciliationParametersContributor(ReconciliationService service) {
        return new JobParametersContributor() {
            @Override
            public boolean supports(String jobName) {
                return JOB_NAME.equals(jobName);
            }

            @Override
            public Map<String, String> identifyingParameters(JobRequest request) {
                String code = request.parameters().get(PROVIDER);
                if (code == null || code.isBlank()) {
                    throw new UsageException(JOB_NAME + " needs provider=<CODE> (configured: "
                            + String.join(", ", service.providers().all().stream()
                            .map(ReconciliationProvider::code).toList()) + ")");
                }
                ReconciliationProvider provider;
                try {
                    provider = service.providers().get(code);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                String file = request.parameters().get(FILE);
                Path path = file == null || file.isBlank()
                        ? service.newestInboxFile(provider, request.businessDate()).orElse(null) : Path.of(file);
                Map<String, String> extra = new LinkedHashMap<>();
                if (path == null) {
                    extra.put(SHA256, "none");
                } else {
                    try {
                        extra.put(SHA256, ReconciliationService.sha256(path));
                    } catch (ExportFileException e) {
                        // The run itself records the failure with this message.
                        extra.put(SHA256, "unreadable");
                    }
                }
                return extra;
            }
        };
    }
}
