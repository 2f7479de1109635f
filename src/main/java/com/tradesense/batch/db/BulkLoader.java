package com.tradesense.batch.db;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

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

    /** PostgreSQL COPY in text format: tab-separated, backslash escapes, {@code \N} for NULL. */
    final class Copy implements BulkLoader {

        private final PGCopyOutputStream stream;
        private final BufferedWriter out;
        private final int columns;

        Copy(Connection connection, String table, List<String> columns) throws SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            this.stream = new PGCopyOutputStream(pg, "COPY " + table + " (" + String.join(", ", columns)
                    + ") FROM STDIN", 1 << 16);
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            this.columns = columns.size();
        }

        @Override
        public void add(String... values) throws SQLException {
            if (values.length != columns) {
                throw new IllegalArgumentException(columns + " values expected, got " + values.length);
            }
            try {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write('\t');
                    }
                    writeValue(values[i]);
                }
                out.write('\n');
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            }
        }

        private void writeValue(String value) throws IOException {
            if (value == null) {
                out.write("\\N");
                return;
            }
            if (plain(value)) {
                out.write(value);
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.write("\\\\");
                    case '\t' -> out.write("\\t");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    default -> out.write(c);
                }
            }
        }

        private static boolean plain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws SQLException {
            try {
                out.flush();
                stream.endCopy();
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
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
