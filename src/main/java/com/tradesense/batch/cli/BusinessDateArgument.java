package com.tradesense.batch.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Parses a business date given on the command line and refuses a day that has not ended yet (CONTRACT §2). */
final class BusinessDateArgument {

    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private BusinessDateArgument() {
    }

    /** Returns the date, or throws a {@link UsageException} whose message names the option and the bad part. */
    static LocalDate parse(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new UsageException(option + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text, STRICT_DATE);
        } catch (DateTimeParseException e) {
            return fail(option, text, e);
        }
    }

    private static LocalDate fail(String option, String text, DateTimeParseException e) {
        Throwable cause = e.getCause();
        String detail = cause != null ? cause.getMessage() : "expected YYYY-MM-DD";
        throw new UsageException(option + "=" + text + " is not a valid date: " + detail);
    }

    /** The clock is read here, at the command line, and never inside a job. */
    static void requireEnded(String option, LocalDate date, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!date.isBefore(today)) {
            throw new UsageException(option + "=" + date + " has not ended yet (it ends at " + date.plusDays(1)
                    + "T00:00:00Z); the latest date that can run now is " + today.minusDays(1));
        }
    }
}
