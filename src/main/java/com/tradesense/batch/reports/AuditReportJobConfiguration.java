package com.tradesense.batch.reports;

import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.data.ReportData;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.LedgerSealer;
import com.tradesense.batch.reports.templates.ReportTemplates;
import com.tradesense.batch.reports.delivery.DeliverySettings;
import com.tradesense.batch.reports.delivery.ReportDeliveryService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit-report} for business date D: first the ledger seal of D (step {@value #SEAL_STEP}), then the reports
 * (step {@value #RENDER_STEP}): the audit PDF of every challenge that ended on D (or only of {@code challenge=<id>}),
 * the daily audit PDF, the finance workbook and the manifest, all archived in {@code generated_reports}.
 *
 * <p>Parameters: {@code generated-at=<ISO instant>} is the generation time printed in the reports and their file
 * dates; without it the end of the business date (D+1 00:00Z) is used, so that re-running with the same parameters
 * gives byte-identical files. The steps run without a database transaction around them: the seal and the archive
 * commit their own short transactions (on SQLite a long write transaction would hold the only write lock).
 *
 * <p>Exit status 4 (needs attention) when the seal chain does not verify or a challenge's integrity check fails.
 */
@Configuration(proxyBeanMethods = false)
public class AuditReportJobConfiguration {

    public static final String JOB_NAME = "audit-report";
    public static final String SEAL_STEP = "audit-report.seal";
    public static final String RENDER_STEP = "audit-report.render";
    public static final String DELIVER_STEP = "audit-report.deliver";
    public static final String CHALLENGE = "challenge";
    public static final String GENERATED_AT = "generated-at";

    private static final Logger log = LoggerFactory.getLogger(AuditReportJobConfiguration.class);

    @Bean
    public Job auditReportJob(JobRepository jobRepository, Step auditReportSealStep, Step auditReportRenderStep,
                              Step auditReportDeliverStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(auditReportSealStep).next(auditReportRenderStep)
                .next(auditReportDeliverStep).listener(new KeepNeedsAttention()).build();
    }

    /**
     * E-mails the new audit PDFs to the auditors and retries earlier failed sends that are due. It never fails the
     * job: the reports are archived whatever the mail server does, and every failure is recorded per recipient in
     * {@code report_deliveries} (or, when even that is impossible, logged) for a later run.
     */
    @Bean
    public Step auditReportDeliverStep(JobRepository jobRepository, DataSource dataSource, Dialect dialect,
                                       Environment environment, ObjectProvider<JavaMailSender> mailSender,
                                       ObjectProvider<Clock> clock,
                                       @Value("${tradesense.reports-folder:./reports}") String reportsFolder) {
        return new StepBuilder(DELIVER_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    try {
                        ReportDeliveryService delivery = new ReportDeliveryService(dataSource, dialect,
                                new ReportArchive(dataSource, dialect, Path.of(reportsFolder)),
                                DeliverySettings.from(environment), Optional.ofNullable(mailSender.getIfAvailable()),
                                clock.getIfAvailable(Clock::systemUTC));
                        ReportDeliveryService.Outcome outcome = delivery.run(jobExecutionId(contribution));
                        log.info("Report delivery: {} new, {} sent, {} failed, {} left for a later run",
                                outcome.enqueued(), outcome.sent(), outcome.failed(), outcome.postponed());
                    } catch (Exception e) {
                        log.warn("Report delivery did not run; due deliveries stay due: {}", e.toString());
                    }
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    /**
     * The job's exit status is its last step's; the render step's "needs attention" must survive the delivery step.
     */
    static final class KeepNeedsAttention implements JobExecutionListener {
        @Override
        public void afterJob(JobExecution execution) {
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                return;
            }
            execution.getStepExecutions().stream()
                    .map(StepExecution::getExitStatus)
                    .filter(exit -> JobLauncherService.NEEDS_ATTENTION.equals(exit.getExitCode()))
                    .findFirst()
                    .ifPresent(execution::setExitStatus);
        }
    }

    @Bean
    public Step auditReportSealStep(JobRepository jobRepository, DataSource dataSource, Dialect dialect) {
        return new StepBuilder(SEAL_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    Parameters parameters = Parameters.of(chunk);
                    LedgerSeal seal = new LedgerSealer(dataSource, dialect).seal(parameters.businessDate(),
                            jobExecutionId(contribution), parameters.generatedAt());
                    log.info("Ledger seal #{} of {}: {} (append log up to #{})", seal.sealNumber(),
                            seal.businessDate(), seal.sealHash(), seal.toAppendSeq());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    public Step auditReportRenderStep(JobRepository jobRepository, DataSource dataSource, Dialect dialect,
                                      @Value("${tradesense.reports-folder:./reports}") String reportsFolder,
                                      @Value("${tradesense.reports-templates-folder:./reports-templates}")
                                      String templatesFolder) {
        return new StepBuilder(RENDER_STEP, jobRepository)
                .tasklet((contribution, chunk) -> {
                    Parameters parameters = Parameters.of(chunk);
                    AuditReports reports = new AuditReports(new ReportData(dataSource, dialect),
                            new ReportArchive(dataSource, dialect, Path.of(reportsFolder)),
                            new ReportTemplates(Path.of(templatesFolder)));
                    AuditReports.Result result = reports.render(parameters.businessDate(), parameters.challenge(),
                            parameters.generatedAt(), jobExecutionId(contribution));
                    for (ArchivedReport report : result.reports()) {
                        log.info("{} {} v{}: {} ({} bytes, sha256 {})", report.reportType(), report.subject(),
                                report.version(), report.path(), report.sizeBytes(), report.sha256());
                    }
                    log.info("Manifest: {}", result.manifest().path());
                    if (!result.sealCheck().verified()) {
                        log.warn("The ledger seals do not verify: {}", result.sealCheck().firstMismatch().get());
                    }
                    if (result.needsAttention()) {
                        contribution.setExitStatus(new ExitStatus(JobLauncherService.NEEDS_ATTENTION,
                                result.sealCheck().firstMismatch().orElse("a challenge's integrity check failed")));
                    }
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    private static Long jobExecutionId(StepContribution contribution) {
        return contribution.getStepExecution().getJobExecutionId();
    }

    /** The job parameters, checked. */
    record Parameters(LocalDate businessDate, Optional<UUID> challenge, Instant generatedAt) {

        static Parameters of(ChunkContext chunk) {
            Map<String, Object> values = chunk.getStepContext().getJobParameters();
            LocalDate date = (LocalDate) values.get(JobLauncherService.BUSINESS_DATE);
            Optional<UUID> challenge = Optional.empty();
            Object challengeValue = values.get(CHALLENGE);
            if (challengeValue != null) {
                try {
                    challenge = Optional.of(UUID.fromString(String.valueOf(challengeValue)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("challenge=" + challengeValue + " is not a challenge id (UUID)");
                }
            }
            Instant generatedAt = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Object generatedValue = values.get(GENERATED_AT);
            if (generatedValue != null) {
                try {
                    generatedAt = Instant.parse(String.valueOf(generatedValue));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(GENERATED_AT + "=" + generatedValue
                            + " is not an ISO-8601 instant such as 2026-03-06T07:30:00Z");
                }
            }
            return new Parameters(date, challenge, generatedAt);
        }
    }
}
