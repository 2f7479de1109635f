package com.tradesense.batch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows of text values into a table without holding them: {@code COPY ... FROM STDIN} on PostgreSQL, batched
 * inserts on SQLite. Every column of the target must accept text ({@code null} is SQL NULL). The caller owns the
 * connection and its transaction.
 */
public interface BulkLoader extends AutoCloseable {

    /** Adds one row; {@code values} holds one entry per column, in the order given at creation. */
    void add(String... values) throws SQLException;

    /** Sends what is buffered; the rows are in the table afterwards. */
    @Override
    void close() throws SQLException;

    static BulkLoader open(Dialect dialect, Connection connection, String table, List<String> columns)
            throws SQLException {
        return dialect.engine() == Dialect.Engine.POSTGRESQL
                ? new Copy(connection, table, columns)
                : new Batched(connection, table, columns, "");
    }

    /**
     * Batched inserts on either engine, with a clause appended to the INSERT (e.g. {@code ON CONFLICT DO NOTHING});
     * usable while a result set of the same connection is still being read, which COPY is not.
     */
    static BulkLoader batched(Connection connection, String table, List<String> columns, String suffix)
            throws SQLException {
        return new Batched(connection, table, columns, suffix);
    }

    /**
     * PostgreSQL COPY in text format: tab-separated, backslash escapes, {@code \N} for NULL. Rows are encoded
     * straight into UTF-8 bytes, a buffer at a time: a million rows of a dozen values make the per-character path
     * of a {@code Writer} one of the larger costs of a bulk load.
     */
    final class Copy implements BulkLoader {

        private static final int BUFFER = 1 << 16;

        private final CopyIn copy;
        private final int columns;
        private final byte[] buffer = new byte[BUFFER];
        private int used;

        Copy(Connection connection, String table, List<String> columns) throws SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            this.copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            this.columns = columns.size();
        }

        @Override
        public void add(String... values) throws SQLException {
            if (values.length != columns) {
                throw new IllegalArgumentException(columns + " values expected, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    put((byte) '\t');
                }
                writeValue(values[i]);
            }
            put((byte) '\n');
        }

        private void writeValue(String value) throws SQLException {
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
                return;
            }
            int n = value.length();
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (used > BUFFER - 8) {
                    flush();
                }
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> escaped('\\');
                        case '\t' -> escaped('t');
                        case '\n' -> escaped('n');
                        case '\r' -> escaped('r');
                        default -> buffer[used++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    buffer[used++] = (byte) (0xC0 | c >> 6);
                    buffer[used++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int code = Character.toCodePoint(c, value.charAt(++i));
                    buffer[used++] = (byte) (0xF0 | code >> 18);
                    buffer[used++] = (byte) (0x80 | code >> 12 & 0x3F);
                    buffer[used++] = (byte) (0x80 | code >> 6 & 0x3F);
                    buffer[used++] = (byte) (0x80 | code & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    // A lone surrogate has no UTF-8 form; an encoding writer would put '?' in its place too.
                    buffer[used++] = (byte) '?';
                } else {
                    buffer[used++] = (byte) (0xE0 | c >> 12);
                    buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                    buffer[used++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }

        private void escaped(char c) {
            buffer[used++] = '\\';
            buffer[used++] = (byte) c;
        }

        private void put(byte b) throws SQLException {
            if (used == BUFFER) {
                flush();
            }
            buffer[used++] = b;
        }

        private void flush() throws SQLException {
            if (used > 0) {
                copy.writeToCopy(buffer, 0, used);
                used = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /** Multi-row batched inserts in the caller's transaction. */
    final class Batched implements BulkLoader {

        private static final int BATCH = 5_000;

        private final PreparedStatement insert;
        private final int columns;
        private int pending;

        Batched(Connection connection, String table, List<String> columns, String suffix) throws SQLException {
            String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
            this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns)
                    + ") VALUES (" + marks + ")" + (suffix.isEmpty() ? "" : " " + suffix));
            this.columns = columns.size();
        }

        @Override
        public void add(String... values) throws SQLException {
            if (values.length != columns) {
                throw new IllegalArgumentException(columns + " values expected, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                insert.setString(i + 1, values[i]);
            }
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }
}
