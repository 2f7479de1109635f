package com.tradesense.batch.db;

import java.sql.Connection;
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
            for (int i = 0; i < value.length(); ) {
                int c = value.codePointAt(i);
                i += Character.charCount(c);
                if (used > BUFFER - 8) {
                    flush();
                }
                switch (c) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> used = Utf8.put(c, buffer, used);
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

    /** Multi-row batched inserts in the caller's transaction: the typed loader's, with every column text. */
    final class Batched implements BulkLoader {

        private final TypedBulkLoader rows;

        Batched(Connection connection, String table, List<String> columns, String suffix) throws SQLException {
            // text columns are bound as strings on either engine: no dialect needed
            this.rows = new TypedBulkLoader.Batched(null, connection, table, columns.stream()
                    .map(column -> new TypedBulkLoader.Column(column, TypedBulkLoader.Type.TEXT)).toList(), suffix);
        }

        @Override
        public void add(String... values) throws SQLException {
            rows.add((Object[]) values);
        }

        @Override
        public void close() throws SQLException {
            rows.close();
        }
    }
}
