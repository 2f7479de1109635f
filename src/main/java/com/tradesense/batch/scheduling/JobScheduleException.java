package com.tradesense.batch.scheduling;

/** A {@code jobs/} file that cannot be used; the message names the file and the field. */
public class JobScheduleException extends RuntimeException {

    public JobScheduleException(String message) {
        super(message);
    }
}
