package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.nightly.CatchUpService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.db.RunLock;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The scheduler's life: read the schedules, run catch-up for every nightly business date missed while no scheduler
 * was up (in order), then every missed fire of the other schedules (oldest first), then register one Quartz cron trigger per enabled schedule and start Quartz.
 *
 * <p>Misfires are ignored by Quartz ({@code MISFIRE_INSTRUCTION_DO_NOTHING}): a fire missed during downtime is made
 * up by catch-up at start and by each nightly fire (which runs missed earlier dates first), so Quartz never races it.
 * A trigger whose definition did not change is left as stored, so a second cluster member starting up never resets
 * its next fire time (which could fire the same time twice).
 */
@Component
public class SchedulerRuntime {

    private static final Logger log = LoggerFactory.getLogger(SchedulerRuntime.class);
    static final String SCHEDULES = "schedules";
    static final String OPERATIONS = "operations";

    private final Scheduler scheduler;
    private final ScheduledJobRunner runner;
    private final CatchUpService catchUp;
    private final JobMetrics jobMetrics;
    private final Path jobsFolder;
    private final String firstDate;
    private final String deadManCron;
    private final ZoneId deadManZone;
    private final Duration catchUpWindow;
    private volatile Map<String, JobSchedule> schedules = Map.of();

    private final DataSource dataSource;
    private final Dialect dialect;

    private final DeadManCheck deadManCheck;

    public SchedulerRuntime(Scheduler scheduler, ScheduledJobRunner runner, CatchUpService catchUp,
                            DeadManCheck deadManCheck, JobMetrics jobMetrics, DataSource dataSource, Dialect dialect,
                            @Value("${tradesense.jobs-folder:./jobs}") Path jobsFolder,
                            @Value("${tradesense.eod.first-date:}") String firstDate,
                            @Value("${tradesense.scheduler.dead-man.cron:0 0 3 * * ?}") String deadManCron,
                            @Value("${tradesense.scheduler.dead-man.zone:UTC}") ZoneId deadManZone,
                            @Value("${tradesense.scheduler.catch-up-window:P7D}") Duration catchUpWindow) {
        this.catchUpWindow = catchUpWindow;
        this.scheduler = scheduler;
        this.deadManCheck = deadManCheck;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.runner = runner;
        this.catchUp = catchUp;
        this.jobMetrics = jobMetrics;
        this.jobsFolder = jobsFolder;
        this.firstDate = firstDate;
        this.deadManCron = deadManCron;
        this.deadManZone = deadManZone;
    }

    /** Catches up, registers the triggers and starts firing. */
    public void start(Clock clock) throws SchedulerException {
        schedules = JobSchedules.load(jobsFolder);
        runner.useClock(clock);
        jobMetrics.startFromNow();
        catchUpMissedNights(clock.instant());
        catchUpMissedFires(clock.instant());
        checkMissedDeadMan(clock.instant());
        if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
            // Members starting together would each find a trigger missing and store it; the second store resets the
            // first fire time and can repeat a fire the first member has just made. One member registers at a time.
            try (RunLock lock = awaitRegistrationLock()) {
                register();
            }
        } else {
            register();
        }
        scheduler.start();
        log.info("Scheduler started ({}): {} schedule(s) enabled", scheduler.getMetaData().isJobStoreClustered()
                ? "clustered, instance " + scheduler.getSchedulerInstanceId() : "single instance",
                schedules.values().stream().filter(JobSchedule::enabled).count());
    }

    Map<String, JobSchedule> schedules() {
        return schedules;
    }

    void fired(String scheduleId, Instant scheduledFireTime) {
        JobSchedule schedule = schedules.get(scheduleId);
        if (schedule == null) {
            log.warn("Trigger {} has no schedule in {}; ignored", scheduleId, jobsFolder);
            return;
        }
        runner.fire(schedule, scheduledFireTime);
    }

    private void catchUpMissedNights(Instant now) {
        JobSchedule nightly = schedules.values().stream()
                .filter(s -> s.enabled() && JobNames.NIGHTLY.jobName().equals(s.job())).findFirst().orElse(null);
        if (nightly == null) {
            return;
        }
        Instant lastFire = nightly.lastFireAtOrBefore(now, Duration.ofDays(8));
        if (lastFire == null) {
            return;
        }
        LocalDate through = nightly.businessDateOf(lastFire);
        if (catchUp.lastCompleted().isEmpty() && (firstDate == null || firstDate.isBlank())) {
            log.info("No nightly run has completed and tradesense.eod.first-date is not set: nothing to catch up");
            return;
        }
        PrintWriter out = LogWriter.info(log);
        PrintWriter err = LogWriter.warn(log);
        int status = catchUp.catchUp(through, out, err);
        out.close();
        err.close();
        if (status == ExitCodes.ALREADY_RUNNING) {
            log.info("Catch-up: another instance is running a nightly date; it catches up from there");
        } else if (status != ExitCodes.COMPLETED && status != ExitCodes.NEEDS_ATTENTION) {
            log.error("Catch-up through {} stopped with exit status {}; the schedule resumes and the next nightly fire"
                    + " tries the missed dates again", through, status);
        }
    }

    private RunLock awaitRegistrationLock() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Optional<RunLock> lock = RunLock.tryAcquire(dataSource, dialect, null, "scheduler-registration");
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another scheduler has been registering its triggers for two minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to register the triggers", e);
            }
        }
    }

    /** A dead-man time that passed while no scheduler was up still alerts if catch-up could not close that date. */
    private void checkMissedDeadMan(Instant now) {
        JobSchedule deadMan = new JobSchedule("nightly-dead-man", JobNames.NIGHTLY.jobName(), "", deadManCron, deadManZone,
                true, JobSchedule.BusinessDateRule.PREVIOUS_DAY, Map.of(), null, 0, Duration.ofMinutes(1), "settings");
        Instant last = deadMan.lastFireAtOrBefore(now, Duration.ofDays(2));
        if (last != null) {
            deadManCheck.check(last.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1));
        }
    }

    /**
     * The other schedules: every fire missed since the newest business date the job completed with the schedule's
     * parameters (at most {@code tradesense.scheduler.catch-up-window} back), oldest first. A job that never completed
     * has nothing to catch up: a new installation does not replay a week of reconciliations.
     */
    private void catchUpMissedFires(Instant now) {
        record Missed(JobSchedule schedule, Instant fire) {
        }
        java.util.List<Missed> missed = new java.util.ArrayList<>();
        for (JobSchedule schedule : schedules.values()) {
            if (!schedule.enabled() || JobNames.find(schedule.job()) == null
                    || JobNames.NIGHTLY.jobName().equals(schedule.job())) {
                continue;
            }
            Optional<LocalDate> anchor = lastCompleted(schedule);
            if (anchor.isEmpty()) {
                continue;
            }
            Instant fire = schedule.nextFireAfter(now.minus(catchUpWindow));
            while (fire != null && !fire.isAfter(now)) {
                if (schedule.businessDateOf(fire).isAfter(anchor.get())) {
                    missed.add(new Missed(schedule, fire));
                }
                fire = schedule.nextFireAfter(fire);
            }
        }
        missed.sort(java.util.Comparator.comparing(Missed::fire).thenComparing(m -> m.schedule().id()));
        for (Missed m : missed) {
            log.info("Catch-up: schedule {} missed its fire at {}", m.schedule().id(), m.fire());
            runner.fire(m.schedule(), m.fire());
        }
    }

    /** The newest business date the schedule's job completed with the schedule's parameters. */
    private Optional<LocalDate> lastCompleted(JobSchedule schedule) {
        StringBuilder sql = new StringBuilder("""
                SELECT MAX(d.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS d ON d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                     AND d.PARAMETER_NAME = 'business.date'
                WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'""");
        java.util.List<Object> values = new java.util.ArrayList<>(java.util.List.of(schedule.job()));
        for (Map.Entry<String, String> parameter : schedule.parameters().entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID ="
                    + " e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?)");
            values.add(parameter.getKey());
            values.add(parameter.getValue());
        }
        String date = new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForObject(sql.toString(), String.class, values.toArray());
        return Optional.ofNullable(date).map(LocalDate::parse);
    }

    private void register() throws SchedulerException {
        Set<TriggerKey> wanted = new HashSet<>();
        for (JobSchedule schedule : schedules.values()) {
            if (!schedule.enabled()) {
                continue;
            }
            JobDetail detail = JobBuilder.newJob(QuartzScheduleJob.class).withIdentity(schedule.id(), SCHEDULES)
                    .usingJobData(QuartzScheduleJob.SCHEDULE_ID, schedule.id()).storeDurably().build();
            wanted.add(ensure(detail, schedule.cron(), schedule.zone()));
        }
        JobDetail deadMan = JobBuilder.newJob(DeadManJob.class).withIdentity("nightly-dead-man", OPERATIONS)
                .storeDurably().build();
        wanted.add(ensure(deadMan, deadManCron, deadManZone));
        for (String group : new String[] {SCHEDULES, OPERATIONS}) {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                if (!wanted.contains(key)) {
                    log.info("Schedule {} was removed or disabled; its trigger is deleted", key.getName());
                    scheduler.deleteJob(JobKey.jobKey(key.getName(), group));
                }
            }
        }
    }

    private TriggerKey ensure(JobDetail detail, String cron, ZoneId zone) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(detail.getKey().getName(), detail.getKey().getGroup());
        Trigger existing = scheduler.getTrigger(key);
        if (existing instanceof CronTrigger stored && stored.getCronExpression().equals(cron)
                && stored.getTimeZone().toZoneId().equals(zone)
                && stored.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING) {
            scheduler.addJob(detail, true);
            return key;
        }
        // A new or changed trigger starts after now, so no fire time already made by another member comes again.
        CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(detail)
                .startAt(java.util.Date.from(Instant.now().plusSeconds(1)))
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        scheduler.scheduleJob(detail, Set.of(trigger), true);
        return key;
    }
}
