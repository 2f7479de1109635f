package com.tradesense.batch.generator;

import com.tradesense.batch.db.Dialect;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads generated rows into the contract tables of an existing schema: on PostgreSQL by streaming CSV text through
 * {@code COPY ... FROM STDIN}, on SQLite by batched prepared INSERTs bound through the {@link Dialect}. Rows are
 * buffered per table up to a bound and flushed parents first (users, challenges, payments, trades), so foreign keys
 * hold at every flush and memory stays constant; each flush commits. A flush that fails is rolled back, so a
 * rejected row never leaves part of its flush behind.
 */
public final class DatabaseLoader implements GenerationSink, AutoCloseable {

    private static final Table[] FLUSH_ORDER = {Table.USERS, Table.CHALLENGES, Table.PAYMENTS, Table.TRADES};
    private static final int COPY_BUFFER_CHARS = 8 << 20;
    private static final int INSERT_BATCH_ROWS = 20_000;

    private final Connection connection;
    private final Dialect dialect;
    private final boolean previousAutoCommit;
    private final Map<Table, StringBuilder> copyBuffers = new EnumMap<>(Table.class);
    private final Map<Table, PreparedStatement> inserts = new EnumMap<>(Table.class);
    private final Map<Table, Long> loaded = new EnumMap<>(Table.class);
    private CopyManager copyManager;
    private long buffered;
    private boolean failed;
    private boolean closed;

    /** Loads through {@code connection}, which stays open and is restored to its auto-commit mode on close. */
    public DatabaseLoader(Connection connection) {
        try {
            this.connection = connection;
            this.dialect = Dialect.of(connection);
            this.previousAutoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            for (Table table : Table.values()) {
                loaded.put(table, 0L);
                if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
                    copyBuffers.put(table, new StringBuilder());
                } else {
                    inserts.put(table, connection.prepareStatement(insertSql(table)));
                }
            }
            if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
                copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare loading generated data", e);
        }
    }

    /** Generates the data set of {@code settings} straight into the database behind {@code dataSource}. */
    public static Map<String, Long> load(DataSource dataSource, GeneratorSettings settings) {
        try (Connection connection = dataSource.getConnection();
             DatabaseLoader loader = new DatabaseLoader(connection)) {
            Generator.generate(settings, loader);
            return loader.rowCounts();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load generated data", e);
        }
    }

    /** Rows loaded so far per table name. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Table table : FLUSH_ORDER) {
            counts.put(table.tableName(), loaded.get(table));
        }
        return counts;
    }

    @Override
    public void user(GeneratedUser user) {
        add(Table.USERS, Table.values(user));
    }

    @Override
    public void challenge(GeneratedChallenge challenge) {
        add(Table.CHALLENGES, Table.values(challenge));
    }

    @Override
    public void payment(GeneratedPayment payment) {
        add(Table.PAYMENTS, Table.values(payment));
    }

    @Override
    public void trade(GeneratedTrade trade) {
        add(Table.TRADES, Table.values(trade));
    }

    @Override
    public void finish() {
        flush();
    }

    private void add(Table table, Object[] values) {
        try {
            if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
                StringBuilder buffer = copyBuffers.get(table);
                int before = buffer.length();
                appendCsv(buffer, values);
                buffered += buffer.length() - before;
                if (buffered >= COPY_BUFFER_CHARS) {
                    flush();
                }
            } else {
                PreparedStatement insert = inserts.get(table);
                for (int i = 0; i < values.length; i++) {
                    bind(insert, i + 1, values[i]);
                }
                insert.addBatch();
                if (++buffered >= INSERT_BATCH_ROWS) {
                    flush();
                }
            }
            loaded.merge(table, 1L, Long::sum);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load into " + table.tableName(), e);
        }
    }

    /** Writes everything buffered, parents first, and commits. */
    public void flush() {
        try {
            for (Table table : FLUSH_ORDER) {
                if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
                    StringBuilder buffer = copyBuffers.get(table);
                    if (!buffer.isEmpty()) {
                        copyManager.copyIn("COPY " + table.tableName() + " (" + String.join(", ", table.columns())
                                + ") FROM STDIN WITH (FORMAT csv)", new StringReader(buffer.toString()));
                        buffer.setLength(0);
                    }
                } else {
                    inserts.get(table).executeBatch();
                }
            }
            connection.commit();
            buffered = 0;
        } catch (SQLException | IOException e) {
            failed = true;
            rollBack(e);
            throw new IllegalStateException("Cannot load generated data", e);
        }
    }

    private void rollBack(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof UUID uuid) {
            dialect.setUuid(ps, index, uuid);
        } else if (value instanceof BigDecimal decimal) {
            dialect.setDecimal(ps, index, decimal);
        } else if (value instanceof Instant instant) {
            dialect.setInstant(ps, index, instant);
        } else if (value instanceof LocalDate date) {
            dialect.setDate(ps, index, date);
        } else if (value instanceof Long number) {
            ps.setLong(index, number);
        } else if (value instanceof Integer number) {
            ps.setInt(index, number);
        } else {
            // Text, JSON and the nulls of any type: SQLite stores them alike.
            ps.setObject(index, value);
        }
    }

    /** One CSV line for COPY: a missing value is an unquoted empty field (NULL), every present value is quoted. */
    private static void appendCsv(StringBuilder buffer, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            String text = Table.text(values[i]);
            if (text != null) {
                buffer.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        buffer.append('\n');
    }

    private static String insertSql(Table table) {
        return "INSERT INTO " + table.tableName() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (PreparedStatement insert : inserts.values()) {
                insert.close();
            }
            // Switching auto-commit back on commits an open transaction, so what a failed or unfinished load left
            // half-written there is discarded first; earlier flushes stay committed.
            if (failed || buffered > 0) {
                connection.rollback();
            }
            connection.setAutoCommit(previousAutoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot finish loading generated data", e);
        }
    }
}
