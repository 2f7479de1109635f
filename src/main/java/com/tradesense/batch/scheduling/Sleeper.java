package com.tradesense.batch.scheduling;

import java.time.Duration;

/** Waits between polls and retries; tests replace it so that backoffs of minutes take no time. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
