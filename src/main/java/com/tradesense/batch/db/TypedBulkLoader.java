package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows of typed values into a work table created from the same column list ({@link #definition}):
 * binary {@code COPY} on PostgreSQL, so that the server parses no text at all, and batched inserts through the
 * dialect's setters on SQLite. Values are {@link String}, {@link Long}, {@link BigDecimal} or {@link Instant} as the
 * column's type says; {@code null} is SQL NULL. The caller owns the connection and its transaction.
 */
public interface TypedBulkLoader extends AutoCloseable {

    enum Type { TEXT, BIGINT, DECIMAL, INSTANT }

    record Column(String name, Type type) {
    }

    /** Adds one row: one value per column, in the order of the columns. */
    void add(Object... values) throws SQLException;

    /** Sends what is buffered; the rows are in the table afterwards. */
    @Override
    void close() throws SQLException;

    /** The column list of a CREATE TABLE for these columns on this engine. */
    static String definition(Dialect dialect, List<Column> columns) {
        return columns.stream().map(c -> c.name() + " " + switch (c.type()) {
            case TEXT -> "TEXT";
            case BIGINT -> "BIGINT";
            case DECIMAL -> dialect.decimalColumnType();
            case INSTANT -> dialect.instantColumnType();
        }).collect(Collectors.joining(", "));
    }

    static TypedBulkLoader open(Dialect dialect, Connection connection, String table, List<Column> columns)
            throws SQLException {
        return dialect.engine() == Dialect.Engine.POSTGRESQL
                ? new BinaryCopy(connection, table, columns)
                : new Batched(dialect, connection, table, columns, "");
    }

    /**
     * PostgreSQL's binary COPY: a signature, then per row a field count and per field its length and bytes (-1 for
     * NULL), then -1. BIGINT is 8 bytes; TIMESTAMPTZ microseconds since 2000-01-01 as 8 bytes; NUMERIC its base-10000
     * digits (count, weight, sign, display scale, digits, as 16-bit numbers); TEXT its UTF-8 bytes.
     */
    final class BinaryCopy implements TypedBulkLoader {

        private static final int BUFFER = 1 << 16;
        private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
        private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
        private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

        private final CopyIn copy;
        private final Type[] types;
        private final byte[] buffer = new byte[BUFFER];
        private final short[] digits = new short[64];
        private int used;

        BinaryCopy(Connection connection, String table, List<Column> columns) throws SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            this.copy = pg.getCopyAPI().copyIn("COPY " + table + " ("
                    + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                    + ") FROM STDIN (FORMAT binary)");
            this.types = columns.stream().map(Column::type).toArray(Type[]::new);
            System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
            used = SIGNATURE.length + 8; // flags and header extension length, both zero
        }

        @Override
        public void add(Object... values) throws SQLException {
            if (values.length != types.length) {
                throw new IllegalArgumentException(types.length + " values expected, got " + values.length);
            }
            room(2);
            putShort(values.length);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    room(4);
                    putInt(-1);
                    continue;
                }
                switch (types[i]) {
                    case TEXT -> text((String) value);
                    case BIGINT -> {
                        room(12);
                        putInt(8);
                        putLong((Long) value);
                    }
                    case INSTANT -> {
                        Instant instant = (Instant) value;
                        room(12);
                        putInt(8);
                        putLong(Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS,
                                1_000_000L), instant.getNano() / 1_000));
                    }
                    case DECIMAL -> decimal((BigDecimal) value);
                }
            }
        }

        private void text(String value) throws SQLException {
            int n = value.length();
            room(4);
            int lengthAt = used;
            // Most values fit what is left of the buffer: encode them and fill in the length afterwards.
            boolean fits = used + 4 + 4L * n <= BUFFER;
            putInt(fits ? 0 : Utf8.length(value));
            int start = used;
            for (int i = 0; i < n; ) {
                if (used > BUFFER - Utf8.MAX_BYTES) {
                    flush();
                }
                int c = value.codePointAt(i);
                i += Character.charCount(c);
                used = Utf8.put(c, buffer, used);
            }
            if (fits) {
                writeInt(lengthAt, used - start);
            }
        }

        /** NUMERIC: the digits of |value| × 10^scale in groups of four aligned on the decimal point. */
        private void decimal(BigDecimal value) throws SQLException {
            int scale = Math.max(value.scale(), 0);
            int fractionGroups = (scale + 3) / 4;
            BigInteger magnitude = value.setScale(scale).unscaledValue().abs()
                    .multiply(BigInteger.TEN.pow(fractionGroups * 4 - scale));
            int count = 0;
            if (magnitude.bitLength() < 63) {
                long rest = magnitude.longValue();
                while (rest != 0) {
                    digits[count++] = (short) (rest % 10_000);
                    rest /= 10_000;
                }
            } else {
                while (magnitude.signum() != 0) {
                    BigInteger[] division = magnitude.divideAndRemainder(TEN_THOUSAND);
                    if (count == digits.length) {
                        throw new SQLException("decimal too long for one binary COPY value: " + value);
                    }
                    digits[count++] = division[1].shortValue();
                    magnitude = division[0];
                }
            }
            room(12 + 2 * count);
            putInt(8 + 2 * count);
            putShort(count);
            putShort(count == 0 ? 0 : count - fractionGroups - 1);
            putShort(value.signum() < 0 ? 0x4000 : 0);
            putShort(scale);
            for (int i = count - 1; i >= 0; i--) {
                putShort(digits[i]);
            }
        }

        private void room(int bytes) throws SQLException {
            if (used + bytes > BUFFER) {
                flush();
                if (bytes > BUFFER) {
                    throw new SQLException("a value of " + bytes + " bytes does not fit the COPY buffer");
                }
            }
        }

        private void putShort(int value) {
            buffer[used++] = (byte) (value >>> 8);
            buffer[used++] = (byte) value;
        }

        private void putInt(int value) {
            writeInt(used, value);
            used += 4;
        }

        private void writeInt(int at, int value) {
            buffer[at] = (byte) (value >>> 24);
            buffer[at + 1] = (byte) (value >>> 16);
            buffer[at + 2] = (byte) (value >>> 8);
            buffer[at + 3] = (byte) value;
        }

        private void putLong(long value) {
            putInt((int) (value >>> 32));
            putInt((int) value);
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
                room(2);
                putShort(-1);
                flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /** Batched inserts in the caller's transaction, each value bound through the dialect. */
    final class Batched implements TypedBulkLoader {

        private static final int BATCH = 5_000;

        private final Dialect dialect;
        private final PreparedStatement insert;
        private final Type[] types;
        private int pending;

        /** With a clause appended to the INSERT (e.g. {@code ON CONFLICT DO NOTHING}), or "". */
        Batched(Dialect dialect, Connection connection, String table, List<Column> columns, String suffix)
                throws SQLException {
            this.dialect = dialect;
            this.insert = connection.prepareStatement("INSERT INTO " + table + " ("
                    + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")"
                    + (suffix.isEmpty() ? "" : " " + suffix));
            this.types = columns.stream().map(Column::type).toArray(Type[]::new);
        }

        @Override
        public void add(Object... values) throws SQLException {
            if (values.length != types.length) {
                throw new IllegalArgumentException(types.length + " values expected, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                switch (types[i]) {
                    case TEXT -> insert.setString(i + 1, (String) value);
                    case BIGINT -> {
                        if (value == null) {
                            insert.setNull(i + 1, java.sql.Types.BIGINT);
                        } else {
                            insert.setLong(i + 1, (Long) value);
                        }
                    }
                    case DECIMAL -> dialect.setDecimal(insert, i + 1, (BigDecimal) value);
                    case INSTANT -> dialect.setInstant(insert, i + 1, (Instant) value);
                }
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
