package com.tradesense.batch.nightly;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.cli.JobRequest;
import com.tradesense.batch.cli.UsageException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs {@code nightly} for every business date after the last completed one (or the configured first date), in
 * order, through the given date, stopping at the first date that does not complete — Fineract's close-of-business
 * catch-up.
 */
@Service
public class CatchUpService {

    private final JobRepository jobRepository;
    private final JobLauncherService launcher;
    private final String firstDate;

    public CatchUpService(JobRepository jobRepository, JobLauncherService launcher,
                          @Value("${tradesense.eod.first-date:}") String firstDate) {
        this.jobRepository = jobRepository;
        this.launcher = launcher;
        this.firstDate = firstDate;
    }

    /** The newest business date whose nightly chain completed. */
    public Optional<LocalDate> lastCompleted() {
        LocalDate last = null;
        int page = 0;
        while (true) {
            var instances = jobRepository.getJobInstances(NightlyJobConfiguration.JOB_NAME, page * 100, 100);
            for (JobInstance instance : instances) {
                JobExecution execution = jobRepository.getLastJobExecution(instance);
                if (execution != null && execution.getStatus() == BatchStatus.COMPLETED) {
                    LocalDate date = execution.getJobParameters().getLocalDate(JobLauncherService.BUSINESS_DATE);
                    if (date != null && (last == null || date.isAfter(last))) {
                        last = date;
                    }
                }
            }
            if (instances.size() < 100) {
                return Optional.ofNullable(last);
            }
            page++;
        }
    }

    public int catchUp(LocalDate through, PrintWriter out, PrintWriter err) {
        LocalDate from = lastCompleted().map(d -> d.plusDays(1)).orElseGet(() -> {
            if (firstDate == null || firstDate.isBlank()) {
                throw new UsageException("no nightly run has completed yet and no first date is configured"
                        + " (set tradesense.eod.first-date=YYYY-MM-DD)");
            }
            return LocalDate.parse(firstDate);
        });
        if (from.isAfter(through)) {
            out.println("Nothing to catch up: the nightly chain is complete through " + from.minusDays(1));
            return ExitCodes.COMPLETED;
        }
        int worst = ExitCodes.COMPLETED;
        for (LocalDate date = from; !date.isAfter(through); date = date.plusDays(1)) {
            out.println("catch-up: nightly for " + date);
            int status = launcher.run(new JobRequest(JobNames.NIGHTLY, date, Map.of(), false, false), out, err);
            if (status == ExitCodes.NEEDS_ATTENTION) {
                worst = ExitCodes.NEEDS_ATTENTION;
            } else if (status != ExitCodes.COMPLETED) {
                err.println("catch-up: stopped at " + date + " (exit status " + status + "); later dates were not run");
                return status;
            }
        }
        out.println("catch-up: complete through " + through);
        return worst;
    }
}
