package com.tradesense.batch.cli;

/** The exit statuses schedulers act on (CONTRACT §4). */
public final class ExitCodes {

    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int ALREADY_RUNNING = 3;
    public static final int NEEDS_ATTENTION = 4;

    private ExitCodes() {
    }
}
