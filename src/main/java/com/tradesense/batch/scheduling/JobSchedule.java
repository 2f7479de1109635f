package com.tradesense.batch.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * One file of {@code jobs/}: when a job fires and with which parameters. The business date of a fire is derived
 * from the fire time in the schedule's zone, never from the clock at execution.
 */
public record JobSchedule(String id, String job, String description, String cron, ZoneId zone, boolean enabled,
                          BusinessDateRule businessDate, Map<String, String> parameters, String source) {

    public enum BusinessDateRule {
        /** The day before the fire time's date: a nightly run closes the day that just ended. */
        PREVIOUS_DAY,
        /** The fire time's own date. */
        FIRE_DAY;

        public LocalDate dateOf(Instant fireTime, ZoneId zone) {
            LocalDate fireDate = fireTime.atZone(zone).toLocalDate();
            return this == PREVIOUS_DAY ? fireDate.minusDays(1) : fireDate;
        }
    }

    public JobSchedule {
        parameters = Map.copyOf(parameters);
    }

    public CronExpression cronExpression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("cron was validated when the schedule was read", e);
        }
    }

    /** The first fire time strictly after the given instant. */
    public Instant nextFireAfter(Instant after) {
        Date next = cronExpression().getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }
}
