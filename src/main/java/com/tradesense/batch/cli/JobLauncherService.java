package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.db.RunLock;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.pnl.LedgerChanges;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Turns a validated {@link JobRequest} into a Spring Batch execution.
 *
 * <ul>
 *   <li>Identity: the business date (and the job's key=value parameters) identify the job instance, so a completed
 *       date is recognised by Spring Batch itself. daily-pnl on a completed date runs again as a numbered
 *       restatement instance only when the ledger changed; {@code --rerun} forces a numbered new instance.</li>
 *   <li>Liveness: a lock held by this process (advisory lock or lock file) decides whether a run is in progress. When
 *       we hold it and the repository still shows an execution running, its process died: the execution is
 *       recovered (marked FAILED) and restarted from where it stopped.</li>
 * </ul>
 */
@Service
public class JobLauncherService {

    /** The exit code a job sets when it completed with findings that need a person. */
    public static final String NEEDS_ATTENTION = "COMPLETED_WITH_FINDINGS";

    public static final String BUSINESS_DATE = "business.date";
    public static final String RESTATEMENT = "restatement";
    public static final String RERUN = "rerun";

    private final ListableBeanFactory beans;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final LedgerChanges ledgerChanges;
    private final String sqliteFile;

    public JobLauncherService(ListableBeanFactory beans, JobOperator jobOperator, JobRepository jobRepository,
                              DataSource dataSource, Dialect dialect, LedgerChanges ledgerChanges,
                              @Value("${tradesense.database.sqlite-file:./tradesense.db}") String sqliteFile,
                              @Value("${spring.datasource.url:}") String url) {
        this.beans = beans;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ledgerChanges = ledgerChanges;
        this.sqliteFile = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")
                : sqliteFile;
    }

    public int run(JobRequest request, PrintWriter out, PrintWriter err) {
        String name = request.job().jobName();
        Optional<Job> job = findJob(name);
        if (job.isEmpty()) {
            err.println("run: job '" + name + "' is not implemented yet");
            return ExitCodes.FAILED;
        }
        request = withContributedParameters(request);
        // One run at a time per job, date and subject (e.g. a provider); a file path is not a subject.
        String lockName = name + ":" + request.businessDate() + new java.util.TreeMap<>(request.parameters()).entrySet()
                .stream().filter(e -> !e.getKey().equals("file")).map(e -> ":" + e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining());
        Optional<RunLock> lock = RunLock.tryAcquire(dataSource, dialect, sqliteFile, lockName);
        if (lock.isEmpty()) {
            err.println(name + " for " + request.businessDate() + " is already running in another process");
            return ExitCodes.ALREADY_RUNNING;
        }
        try (RunLock held = lock.get()) {
            return launch(job.get(), request, out, err);
        }
    }

    private int launch(Job job, JobRequest request, PrintWriter out, PrintWriter err) {
        String name = job.getName();
        JobParameters base = parameters(request, null, 0);
        JobExecution last = jobRepository.getLastJobExecution(name, base);
        recoverIfOrphaned(last, out);
        JobParameters parameters = base;
        if (request.rerun()) {
            parameters = nextNumbered(name, request, RERUN);
        } else if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            JobExecution latest = latestOfNumbered(name, request, RESTATEMENT).orElse(last);
            recoverIfOrphaned(latest, out);
            boolean restates = request.job() == JobNames.DAILY_PNL
                    && (latest.getStatus() != BatchStatus.COMPLETED
                        || ledgerChanges.changedSinceClosed(BusinessDate.of(request.businessDate())));
            if (!restates) {
                out.println(name + " for " + request.businessDate() + " is already complete (execution "
                        + latest.getId() + "); nothing to do");
                return ExitCodes.COMPLETED;
            }
            parameters = latest.getStatus() == BatchStatus.COMPLETED
                    ? nextNumbered(name, request, RESTATEMENT) : latest.getJobParameters();
            out.println(name + " for " + request.businessDate() + ": the ledger changed since the date was closed;"
                    + " restating");
        } else if (request.restart() && (last == null || last.getStatus() != BatchStatus.FAILED
                && last.getStatus() != BatchStatus.STOPPED)) {
            err.println("run: there is no failed execution of " + name + " for " + request.businessDate()
                    + " to restart");
            return ExitCodes.BAD_INPUT;
        }
        try {
            JobExecution execution = jobOperator.start(job, parameters);
            return report(name, request, execution, out, err);
        } catch (Exception e) {
            err.println("run: " + name + " for " + request.businessDate() + " could not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** We hold the lock, so an execution still marked running belongs to a process that died: mark it failed. */
    private void recoverIfOrphaned(JobExecution execution, PrintWriter out) {
        if (execution != null && execution.getStatus().isRunning()) {
            out.println("Recovering execution " + execution.getId() + " of " + execution.getJobInstance().getJobName()
                    + ", left running by a process that stopped; it restarts from where it stopped");
            jobOperator.recover(execution);
        }
    }

    private JobParameters parameters(JobRequest request, String counter, long number) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, request.businessDate(), true);
        for (Map.Entry<String, String> entry : request.parameters().entrySet()) {
            builder.addString(entry.getKey(), entry.getValue(), true);
        }
        if (counter != null) {
            builder.addLong(counter, number, true);
        }
        return builder.toJobParameters();
    }

    private Optional<JobExecution> latestOfNumbered(String name, JobRequest request, String counter) {
        JobExecution latest = null;
        for (long n = 1; ; n++) {
            JobExecution execution = jobRepository.getLastJobExecution(name, parameters(request, counter, n));
            if (execution == null) {
                return Optional.ofNullable(latest);
            }
            latest = execution;
        }
    }

    /** The first numbered instance that has not completed (a failed one is restarted rather than skipped). */
    private JobParameters nextNumbered(String name, JobRequest request, String counter) {
        for (long n = 1; ; n++) {
            JobParameters candidate = parameters(request, counter, n);
            JobExecution execution = jobRepository.getLastJobExecution(name, candidate);
            if (execution == null || execution.getStatus() != BatchStatus.COMPLETED) {
                return candidate;
            }
        }
    }

    /** The request with the identifying parameters the job's contributors compute before launch (once). */
    private JobRequest withContributedParameters(JobRequest request) {
        Map<String, String> all = new java.util.LinkedHashMap<>(request.parameters());
        for (JobParametersContributor contributor : beans.getBeanProvider(JobParametersContributor.class)) {
            if (contributor.supports(request.job().jobName())) {
                all.putAll(contributor.identifyingParameters(request));
            }
        }
        return new JobRequest(request.job(), request.businessDate(), all, request.rerun(), request.restart());
    }

    private Optional<Job> findJob(String name) {
        return beans.getBeansOfType(Job.class).values().stream().filter(job -> job.getName().equals(name)).findFirst();
    }

    private static int report(String name, JobRequest request, JobExecution execution, PrintWriter out, PrintWriter err) {
        ExitStatus exit = execution.getExitStatus();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            if (NEEDS_ATTENTION.equals(exit.getExitCode())) {
                out.println(name + " for " + request.businessDate() + " completed with findings (execution "
                        + execution.getId() + "): " + exit.getExitDescription());
                return ExitCodes.NEEDS_ATTENTION;
            }
            out.println(name + " for " + request.businessDate() + " completed (execution " + execution.getId() + ")");
            return ExitCodes.COMPLETED;
        }
        err.println(name + " for " + request.businessDate() + " ended " + execution.getStatus()
                + " (execution " + execution.getId() + "): " + firstLine(exit.getExitDescription()));
        return ExitCodes.FAILED;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
