package com.tradesense.batch.scheduling;

import java.io.PrintWriter;
import java.io.Writer;
import org.slf4j.Logger;

/** A PrintWriter whose lines go to a logger, for services written for the command line's out and err. */
final class LogWriter extends Writer {

    private final Logger log;
    private final boolean error;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder all = new StringBuilder();

    private LogWriter(Logger log, boolean error) {
        this.log = log;
        this.error = error;
    }

    static PrintWriter info(Logger log) {
        return new PrintWriter(new LogWriter(log, false), true);
    }

    static PrintWriter warn(Logger log) {
        return new PrintWriter(new LogWriter(log, true), true);
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        if (line.isEmpty()) {
            return;
        }
        if (error) {
            log.warn("{}", line);
        } else {
            log.info("{}", line);
        }
        all.append(line).append(' ');
        line.setLength(0);
    }

    @Override
    public synchronized void flush() {
        // lines are emitted on newline only, so a partial line is never split across two log entries
    }

    @Override
    public synchronized void close() {
        emit();
    }
}
