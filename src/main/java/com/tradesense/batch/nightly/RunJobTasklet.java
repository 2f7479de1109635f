package com.tradesense.batch.nightly;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.cli.JobRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One stage of the nightly chain: runs a job for a date exactly as {@code run <job> --date} would (same identity,
 * same lock), so a stage already completed by a separate run is not redone, and a failed stage fails the chain,
 * whose restart resumes the stage's own job where it stopped.
 */
public class RunJobTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RunJobTasklet.class);

    private final JobLauncherService launcher;
    private final JobNames job;
    private final LocalDate date;

    public RunJobTasklet(JobLauncherService launcher, JobNames job, LocalDate date) {
        this.launcher = launcher;
        this.job = job;
        this.date = date;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = launcher.run(new JobRequest(job, date, Map.of(), false, false), new PrintWriter(out, true),
                new PrintWriter(err, true));
        String said = (out + " " + err).strip();
        log.debug("{} for {}: {}", job.jobName(), date, said);
        switch (status) {
            case ExitCodes.COMPLETED -> contribution.setExitStatus(new ExitStatus(
                    said.contains("already complete") ? "SKIPPED_ALREADY_COMPLETE" : ExitStatus.COMPLETED.getExitCode(), said));
            case ExitCodes.NEEDS_ATTENTION -> contribution.setExitStatus(
                    new ExitStatus(JobLauncherService.NEEDS_ATTENTION, said));
            default -> throw new IllegalStateException(job.jobName() + " for " + date + " did not complete: " + said);
        }
        return RepeatStatus.FINISHED;
    }
}
