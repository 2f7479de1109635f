package com.tradesense.batch.reconciliation;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a query and reads its rows on a second thread, handing them over in small batches, while the calling thread
 * writes them out. A cursor fetches its next rows only when asked, so read on one thread the database would sit idle
 * while the file is written and the file would wait while the database works; this way both go on at once. At most a
 * few batches are ever held, so memory stays flat however many rows the query returns.
 *
 * <p>The connection is the reader's only until {@link #forEach} returns: it returns (normally or with the first
 * failure of either side) only after the reader has closed the result set and finished.
 */
final class ReadAhead {

    /** Turns the current row into a value; runs on the reading thread. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Writes one value out; runs on the calling thread. */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(T row) throws IOException;
    }

    static final int BATCH = 1_000;
    private static final int BATCHES_AHEAD = 4;
    private static final Object END = new Object();

    private ReadAhead() {
    }

    static <T> void forEach(PreparedStatement statement, RowMapper<T> mapper, RowWriter<T> writer)
            throws SQLException, IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        Reader<T> reader = new Reader<>(statement, mapper, queue);
        Thread thread = new Thread(reader, "workbook-read-ahead");
        thread.setDaemon(true);
        thread.start();
        boolean finished = false;
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    finished = true;
                    break;
                }
                if (item instanceof Failure failure) {
                    failure.rethrow();
                }
                @SuppressWarnings("unchecked")
                List<T> batch = (List<T>) item;
                for (T row : batch) {
                    writer.write(row);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while writing the rows of a query");
        } finally {
            reader.stopped = true;
            if (!finished) {
                // the reader may sit in a long fetch: ask the database to stop instead of waiting for it
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    // the statement may have ended meanwhile; the join below still waits for the reader
                }
            }
            queue.clear();
            joinUninterruptibly(thread);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Reader<T> implements Runnable {
        private final PreparedStatement statement;
        private final RowMapper<T> mapper;
        private final BlockingQueue<Object> queue;
        volatile boolean stopped;

        Reader(PreparedStatement statement, RowMapper<T> mapper, BlockingQueue<Object> queue) {
            this.statement = statement;
            this.mapper = mapper;
            this.queue = queue;
        }

        @Override
        public void run() {
            try (ResultSet rs = statement.executeQuery()) {
                List<T> batch = new ArrayList<>(BATCH);
                while (!stopped && rs.next()) {
                    batch.add(mapper.map(rs));
                    if (batch.size() == BATCH) {
                        hand(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                hand(batch);
                hand(END);
            } catch (Throwable e) {
                hand(new Failure(e));
            }
        }

        /** Waits for room, but gives up as soon as the writer has stopped taking. */
        private void hand(Object item) {
            try {
                while (!stopped && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    // the writer is still busy with earlier batches
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What stopped the reader, thrown again on the calling thread (wrapped, so both threads' stacks show). */
    private record Failure(Throwable cause) {
        void rethrow() throws SQLException, IOException {
            if (cause instanceof SQLException e) {
                throw new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
            if (cause instanceof IOException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (cause instanceof RuntimeException e) {
                throw e;
            }
            if (cause instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(cause);
        }
    }
}
