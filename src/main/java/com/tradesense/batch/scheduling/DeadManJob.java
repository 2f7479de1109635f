package com.tradesense.batch.scheduling;

import java.time.ZoneOffset;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fires at the dead-man time; the business date checked is the UTC day before the scheduled fire time. */
@DisallowConcurrentExecution
public class DeadManJob implements Job {

    private final DeadManCheck check;

    public DeadManJob(DeadManCheck check) {
        this.check = check;
    }

    @Override
    public void execute(JobExecutionContext context) {
        check.check(context.getScheduledFireTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1));
    }
}
