package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The one place that knows how PostgreSQL and SQLite differ. Everything else writes its SQL once and binds and
 * reads values through this interface.
 *
 * <p>Storage on SQLite (see {@code schema/tradesense_schema_sqlite.sql}): ids are canonical lowercase UUID text,
 * money and quantities are the exact decimal as text (never a binary double), instants are
 * {@code 2026-11-25T13:45:10.123Z} text, dates are {@code YYYY-MM-DD} text and JSON is text.
 */
public interface Dialect {

    enum Engine { POSTGRESQL, SQLITE }

    Engine engine();

    void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException;

    UUID getUuid(ResultSet rs, String column) throws SQLException;

    /** Binds an exact decimal (money, quantity, price, percentage). */
    void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException;

    BigDecimal getDecimal(ResultSet rs, String column) throws SQLException;

    void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

    Instant getInstant(ResultSet rs, String column) throws SQLException;

    void setDate(PreparedStatement ps, int index, LocalDate value) throws SQLException;

    LocalDate getDate(ResultSet rs, String column) throws SQLException;

    void setJson(PreparedStatement ps, int index, String json) throws SQLException;

    String getJson(ResultSet rs, String column) throws SQLException;

    /** The clause that locks the selected rows until the transaction ends ("" where the transaction already does). */
    String forUpdate();

    /** An instant as a bind value for frameworks that bind plain objects (named-parameter templates, paging readers). */
    Object parameter(Instant value);

    /** An instant as the text a bulk load ({@link BulkLoader}) writes into a column, at the column's precision. */
    String text(Instant value);

    /** A UUID as a bind value for frameworks that bind plain objects. */
    Object parameter(UUID value);

    /** A date as a bind value for frameworks that bind plain objects. */
    Object parameter(LocalDate value);

    /** An exact sum of a decimal expression (PostgreSQL's NUMERIC sum; on SQLite our decimal-text aggregate). */
    String decimalSum(String expression);

    /** The column type of a work table holding exact decimals of any scale (NUMERIC; decimal text on SQLite). */
    String decimalColumnType();

    /** The column type of a work table holding instants (TIMESTAMPTZ; on SQLite text as the schema stores them). */
    String instantColumnType();

    /**
     * A condition that is true exactly when two decimals differ by more than a tolerance, |a − b| > tolerance, as
     * {@link BigDecimal} would decide it: PostgreSQL's NUMERIC; on SQLite text and binary tests that only decide
     * where rounding cannot matter, and the exact decimal functions for the rest. The arguments are columns or
     * expressions holding decimals, as numbers or decimal text (a bound tolerance goes through {@link #setDecimal}).
     */
    String decimalsDiffer(String a, String b, String tolerance);

    /**
     * The seconds from one instant column to another as a number, to within two milliseconds (SQLite keeps instants
     * to the millisecond): good for picking candidates, not for deciding a tolerance.
     */
    String secondsBetween(String from, String to);

    /**
     * A statement that lets each hash join and sort of the current transaction use up to {@code kilobytes} of memory
     * before spilling to disk, or null where the engine has no such setting.
     */
    default String workMemory(long kilobytes) {
        return null;
    }

    /**
     * A statement that waits for every open transaction writing to the table and holds new writers off until the
     * current transaction ends, or null where the engine's single writer already guarantees that a reader sees every
     * number handed out so far.
     */
    default String lockAgainstWriters(String table) {
        return null;
    }

    /**
     * Whether a result set streams (rather than arriving whole) only inside a transaction: PostgreSQL's cursor
     * fetch needs one; SQLite always streams, and there an open transaction would hold the writer lock.
     */
    default boolean cursorsNeedTransaction() {
        return engine() == Engine.POSTGRESQL;
    }

    /** Whether the error is a violation of a unique constraint or primary key. */
    boolean isUniqueViolation(SQLException e);

    /** The name Flyway and our migration folders use for this engine. */
    default String migrationFolder() {
        return engine().name().toLowerCase(Locale.ROOT);
    }

    static Dialect of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> PostgresDialect.INSTANCE;
            case SQLITE -> SqliteDialect.INSTANCE;
        };
    }

    static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return PostgresDialect.INSTANCE;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SqliteDialect.INSTANCE;
        }
        throw new IllegalArgumentException("Unsupported database URL (PostgreSQL or SQLite expected): " + jdbcUrl);
    }

    static Dialect of(Connection connection) throws SQLException {
        return fromUrl(connection.getMetaData().getURL());
    }

    static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a connection to find out the database engine", e);
        }
    }
}
