package com.tradesense.batch.cli;

/** Bad arguments or input: reported as one line and exit status 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
