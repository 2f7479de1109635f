package com.tradesense.batch.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a validated {@link JobRequest} into a Spring Batch execution. The business date is the identifying
 * parameter, so a second run of a completed date is recognised by Spring Batch itself.
 */
@Service
public class JobLauncherService {

    /** The exit code a job sets when it completed with findings that need a person. */
    public static final String NEEDS_ATTENTION = "COMPLETED_WITH_FINDINGS";

    public static final String BUSINESS_DATE = "business.date";

    private final ListableBeanFactory beans;
    private final JobOperator jobOperator;

    public JobLauncherService(ListableBeanFactory beans, JobOperator jobOperator) {
        this.beans = beans;
        this.jobOperator = jobOperator;
    }

    public int run(JobRequest request, PrintWriter out, PrintWriter err) {
        String name = request.job().jobName();
        Optional<Job> job = findJob(name);
        if (job.isEmpty()) {
            err.println("run: job '" + name + "' is not implemented yet");
            return ExitCodes.FAILED;
        }
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, request.businessDate(), true);
        request.parameters().forEach((key, value) -> parameters.addString(key, value, true));
        for (JobParametersContributor contributor : beans.getBeanProvider(JobParametersContributor.class)) {
            if (contributor.supports(name)) {
                contributor.identifyingParameters(request).forEach((key, value) -> parameters.addString(key, value, true));
            }
        }
        JobParameters jobParameters = parameters.toJobParameters();
        try {
            JobExecution execution = jobOperator.start(job.get(), jobParameters);
            return report(name, request, execution, out, err);
        } catch (JobInstanceAlreadyCompleteException e) {
            out.println(name + " for " + request.businessDate() + " is already complete; nothing to do");
            return ExitCodes.COMPLETED;
        } catch (Exception e) {
            err.println("run: " + name + " for " + request.businessDate() + " could not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private Optional<Job> findJob(String name) {
        Map<String, Job> jobs = beans.getBeansOfType(Job.class);
        return jobs.values().stream().filter(job -> job.getName().equals(name)).findFirst();
    }

    private static int report(String name, JobRequest request, JobExecution execution, PrintWriter out, PrintWriter err) {
        ExitStatus exit = execution.getExitStatus();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            out.println(name + " for " + request.businessDate() + " completed (execution " + execution.getId() + ")");
            return NEEDS_ATTENTION.equals(exit.getExitCode()) ? ExitCodes.NEEDS_ATTENTION : ExitCodes.COMPLETED;
        }
        err.println(name + " for " + request.businessDate() + " ended " + execution.getStatus()
                + " (execution " + execution.getId() + "): " + exit.getExitDescription());
        return ExitCodes.FAILED;
    }
}
