package com.tradesense.batch.reconciliation;

/** A provider file that cannot be reconciled at all; the message names the file and, where it helps, line and field. */
public class ExportFileException extends RuntimeException {

    public ExportFileException(String message) {
        super(message);
    }

    public ExportFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A file the reader chain refuses (not text; a record that never ends), thrown where only I/O exceptions pass. */
    static final class Refused extends java.io.IOException {
        Refused(String message) {
            super(message);
        }
    }
}
