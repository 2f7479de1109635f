package com.tradesense.batch.scheduling;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz side of a schedule: hands the scheduled fire time (not the time it happens to run) to the runner. Not
 * concurrent per schedule, across the whole cluster when the store is clustered.
 */
@DisallowConcurrentExecution
public class QuartzScheduleJob implements Job {

    static final String SCHEDULE_ID = "schedule";

    private final SchedulerRuntime runtime;

    public QuartzScheduleJob(SchedulerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String id = context.getMergedJobDataMap().getString(SCHEDULE_ID);
        Instant fireTime = context.getScheduledFireTime().toInstant();
        runtime.fired(id, fireTime);
    }
}
