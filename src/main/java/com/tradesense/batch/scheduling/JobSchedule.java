package com.tradesense.batch.scheduling;

import java.time.Duration;
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
                          BusinessDateRule businessDate, Map<String, String> parameters, WaitsFor waitsFor, int retries,
                          Duration retryBackoff, String source) {

    /**
     * A file the run needs before it can start: a glob relative to the inbox folder in which {@code {date}} is the
     * business date (yyyy-MM-dd) and {@code {name}} any schedule parameter; checked every {@code poll} until
     * {@code deadline} after the fire time, after which the run ends with NO_DATA and an alert.
     */
    public record WaitsFor(String file, Duration poll, Duration deadline) {

        public String resolve(LocalDate businessDate, Map<String, String> parameters) {
            String resolved = file.replace("{date}", businessDate.toString());
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                resolved = resolved.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            return resolved;
        }
    }

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

    /** The business date of a fire at the given instant. */
    public LocalDate businessDateOf(Instant fireTime) {
        return businessDate.dateOf(fireTime, zone);
    }

    /** The latest fire time at or before the given instant, looking back at most {@code window}; null if none. */
    public Instant lastFireAtOrBefore(Instant at, Duration window) {
        Instant last = null;
        Instant fire = nextFireAfter(at.minus(window).minusMillis(1));
        while (fire != null && !fire.isAfter(at)) {
            last = fire;
            fire = nextFireAfter(fire);
        }
        return last;
    }

    /** The first fire time strictly after the given instant. */
    public Instant nextFireAfter(Instant after) {
        Date next = cronExpression().getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }
}
