package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.cli.JobRequest;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.nightly.CatchUpService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What one fire of a schedule does: derive the business date from the scheduled fire time (never from the clock at
 * execution), wait for the inbox file the schedule needs, run the job with retries and a doubling backoff, and tell
 * the operators when it ends FAILED or without data. Every fire ends with one log line "Fired schedule ..." and the
 * counter {@code tradesense.scheduler.fires{schedule,outcome}}.
 */
@Component
public class ScheduledJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobRunner.class);

    public enum Outcome { COMPLETED, NEEDS_ATTENTION, FAILED, ALREADY_RUNNING, NO_DATA, BAD_INPUT, STOPPED }

    private final JobLauncherService launcher;
    private final CatchUpService catchUp;
    private final MetadataPurge purge;
    private final OperatorAlerts alerts;
    private final JobMetrics jobMetrics;
    private final MeterRegistry meters;
    private final GracefulStop gracefulStop;
    private final Sleeper sleeper;
    private final Path inbox;
    private final Duration purgeAge;
    private final boolean serialize;
    /** SQLite allows one writer: jobs of different schedules take turns instead of failing on the file lock. */
    private final ReentrantLock engineLock = new ReentrantLock(true);
    private volatile Clock clock = Clock.systemUTC();

    public ScheduledJobRunner(JobLauncherService launcher, CatchUpService catchUp, MetadataPurge purge,
                              OperatorAlerts alerts, JobMetrics jobMetrics, MeterRegistry meters,
                              GracefulStop gracefulStop, ObjectProvider<Sleeper> sleeper, Dialect dialect,
                              @Value("${tradesense.reconciliation.inbox:./inbox}") Path inbox,
                              @Value("${tradesense.purge.older-than:P90D}") Duration purgeAge) {
        this.launcher = launcher;
        this.catchUp = catchUp;
        this.purge = purge;
        this.alerts = alerts;
        this.jobMetrics = jobMetrics;
        this.meters = meters;
        this.gracefulStop = gracefulStop;
        this.sleeper = sleeper.getIfAvailable(() -> Sleeper.REAL);
        this.inbox = inbox;
        this.purgeAge = purgeAge;
        this.serialize = dialect.engine() == Dialect.Engine.SQLITE;
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    public Outcome fire(JobSchedule schedule, Instant scheduledFireTime) {
        LocalDate date = schedule.businessDateOf(scheduledFireTime);
        MDC.put("job", schedule.job());
        MDC.put("businessDate", date.toString());
        Outcome outcome = Outcome.FAILED;
        try {
            outcome = execute(schedule, scheduledFireTime, date);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.STOPPED;
            return outcome;
        } catch (RuntimeException e) {
            alerts.raise("JOB_FAILED", schedule.job() + " for " + date + " could not run",
                    "Schedule " + schedule.id() + " fired at " + scheduledFireTime + ": " + e);
            return outcome;
        } finally {
            log.info("Fired schedule {} at {} for business date {}: {}", schedule.id(), scheduledFireTime, date, outcome);
            meters.counter("tradesense.scheduler.fires", "schedule", schedule.id(), "outcome", outcome.name()).increment();
            MDC.remove("job");
            MDC.remove("businessDate");
        }
    }

    private Outcome execute(JobSchedule schedule, Instant fireTime, LocalDate date) throws InterruptedException {
        if (JobSchedules.PURGE.equals(schedule.job())) {
            purge.purge(clock.instant().minus(purgeAge), LogWriter.info(log));
            return Outcome.COMPLETED;
        }
        JobNames job = JobNames.find(schedule.job());
        if (schedule.waitsFor() != null && !awaitFile(schedule, fireTime, date)) {
            return Outcome.NO_DATA;
        }
        for (int attempt = 1; ; attempt++) {
            int status = runOnce(schedule, job, date);
            jobMetrics.recordNewExecutions();
            switch (status) {
                case ExitCodes.COMPLETED:
                    return Outcome.COMPLETED;
                case ExitCodes.NEEDS_ATTENTION:
                    return Outcome.NEEDS_ATTENTION;
                case ExitCodes.ALREADY_RUNNING:
                    log.warn("{} for {} is already running elsewhere; this fire does not run it again", job.jobName(), date);
                    meters.counter("tradesense.scheduler.duplicate.fires", "job", job.jobName()).increment();
                    return Outcome.ALREADY_RUNNING;
                case ExitCodes.BAD_INPUT:
                    alerts.raise("JOB_FAILED", job.jobName() + " for " + date + " was refused",
                            "Schedule " + schedule.id() + " (" + schedule.source() + ") asked for a run the job refuses;"
                                    + " see the log of this fire.");
                    return Outcome.BAD_INPUT;
                default:
                    break;
            }
            if (gracefulStop.stopping()) {
                log.warn("{} for {} stopped for shutdown; it is restartable and is not retried now", job.jobName(), date);
                return Outcome.STOPPED;
            }
            if (attempt > schedule.retries()) {
                alerts.raise("JOB_FAILED", job.jobName() + " for " + date + " FAILED",
                        job.jobName() + " for " + date + " failed " + attempt + " time(s) (schedule " + schedule.id()
                                + "). Later stages did not run. After fixing the cause: run " + job.jobName() + " --date="
                                + date + " --restart");
                return Outcome.FAILED;
            }
            Duration backoff = schedule.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
            log.warn("{} for {} failed (attempt {} of {}); retrying in {}", job.jobName(), date, attempt,
                    schedule.retries() + 1, backoff);
            meters.counter("tradesense.scheduler.retries", "job", job.jobName()).increment();
            pause(backoff);
        }
    }

    private int runOnce(JobSchedule schedule, JobNames job, LocalDate date) {
        PrintWriter out = LogWriter.info(log);
        PrintWriter err = LogWriter.warn(log);
        if (serialize) {
            engineLock.lock();
        }
        try {
            if (job == JobNames.NIGHTLY && catchUp.lastCompleted().isPresent()) {
                // Runs any earlier date that was missed first, in order, so D never closes before D-1.
                return catchUp.catchUp(date, out, err);
            }
            return launcher.run(new JobRequest(job, date, schedule.parameters(), false, false), out, err);
        } finally {
            if (serialize) {
                engineLock.unlock();
            }
            out.close();
            err.close();
        }
    }

    /** Polls the inbox until the schedule's file is there or the deadline after the fire time has passed. */
    private boolean awaitFile(JobSchedule schedule, Instant fireTime, LocalDate date) throws InterruptedException {
        JobSchedule.WaitsFor waits = schedule.waitsFor();
        String pattern = waits.resolve(date, schedule.parameters());
        Instant deadline = fireTime.plus(waits.deadline());
        while (true) {
            if (present(pattern)) {
                return true;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                meters.counter("tradesense.scheduler.no.data", "schedule", schedule.id()).increment();
                alerts.raise("NO_DATA", schedule.job() + " for " + date + ": no input by the deadline",
                        "Schedule " + schedule.id() + " waited until " + deadline + " for " + inbox.resolve(pattern)
                                + "; the job did not run (NO_DATA).");
                return false;
            }
            Duration wait = waits.poll();
            Duration left = Duration.between(now, deadline);
            pause(left.compareTo(wait) < 0 ? left : wait);
        }
    }

    /**
     * Waits between polls and retries, but gives way to shutdown at once: Quartz waits for its running jobs before the
     * process ends, and a backoff of minutes must not hold that up.
     */
    private void pause(Duration duration) throws InterruptedException {
        if (sleeper != Sleeper.REAL) {
            sleeper.sleep(duration);
        } else {
            long end = System.nanoTime() + duration.toNanos();
            long left;
            while (!gracefulStop.stopping() && (left = end - System.nanoTime()) > 0) {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
            }
        }
        if (gracefulStop.stopping()) {
            throw new InterruptedException("shutting down");
        }
    }

    private boolean present(String pattern) {
        Path candidate = inbox.resolve(pattern);
        Path folder = candidate.getParent() == null ? inbox : candidate.getParent();
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, candidate.getFileName().toString())) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            log.warn("Cannot read the inbox folder {}: {}", folder, e.getMessage());
            return false;
        }
    }

}
