package com.tradesense.batch.reconciliation;

/** A provider file that cannot be reconciled at all; the message names the file and, where it helps, line and field. */
public class ExportFileException extends RuntimeException {

    public ExportFileException(String message) {
        super(message);
    }

    public ExportFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Thrown from inside the reader chain, where only I/O exceptions may pass. */
    static final class NotText extends java.io.IOException {
        NotText(String message) {
            super(message);
        }
    }
}
