package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

final class SqliteDialect implements Dialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    /** Exactly the shape the schema's CHECK constraints accept: always three fraction digits, always Z. */
    static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SqliteDialect() {
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setString(index, value == null ? null : value.toString());
    }

    @Override
    public UUID getUuid(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : UUID.fromString(value);
    }

    @Override
    public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        // Text, never a double: the column keeps the exact decimal.
        ps.setString(index, value == null ? null : value.toPlainString());
    }

    @Override
    public BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : new BigDecimal(value);
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setString(index, formatInstant(value));
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Instant.parse(value);
    }

    @Override
    public void setDate(PreparedStatement ps, int index, LocalDate value) throws SQLException {
        ps.setString(index, value == null ? null : value.toString());
    }

    @Override
    public LocalDate getDate(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : LocalDate.parse(value);
    }

    @Override
    public void setJson(PreparedStatement ps, int index, String json) throws SQLException {
        if (json == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, json);
        }
    }

    @Override
    public String getJson(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public String forUpdate() {
        // SQLite has one writer: an immediate write transaction already holds the database lock.
        return "";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555); the driver reports the extended code.
        int code = e.getErrorCode();
        String message = String.valueOf(e.getMessage());
        return code == 2067 || code == 1555 || message.contains("UNIQUE constraint failed")
                || (code == 19 && message.contains("UNIQUE"));
    }

    static String formatInstant(Instant value) {
        return value == null ? null : INSTANT_FORMAT.format(value);
    }

    @Override
    public String decimalSum(String expression) {
        return "dec_sum(" + expression + ")";
    }

    @Override
    public String text(Instant value) {
        return value == null ? null : formatInstant(value);
    }

    @Override
    public String decimalColumnType() {
        return "TEXT";
    }

    @Override
    public String instantColumnType() {
        return "TEXT";
    }

    /**
     * Most pairs are decided without leaving SQLite: the same text, or a binary difference so far from the tolerance
     * that no rounding of the doubles (a few units in the last place; a billionth of the magnitudes is allowed)
     * could put it on the other side, or the same number with other trailing zeros. Only what is left, a difference
     * at the tolerance itself, goes through the exact decimal functions.
     */
    @Override
    public String decimalsDiffer(String a, String b, String tolerance) {
        String ra = "CAST(" + a + " AS REAL)";
        String rb = "CAST(" + b + " AS REAL)";
        String rt = "CAST(" + tolerance + " AS REAL)";
        String difference = "ABS(" + ra + " - " + rb + ")";
        String slack = "1e-9 * (ABS(" + ra + ") + ABS(" + rb + ") + ABS(" + rt + "))";
        return "(CASE WHEN " + a + " = " + b + " THEN FALSE"
                + " WHEN " + difference + " > " + rt + " + " + slack + " THEN TRUE"
                + " WHEN " + difference + " < " + rt + " - " + slack + " THEN FALSE"
                + " WHEN " + withoutTrailingZeros(a) + " = " + withoutTrailingZeros(b) + " THEN FALSE"
                + " ELSE dec_cmp(dec_sub(" + a + ", " + b + "), " + tolerance + ") > 0"
                + " OR dec_cmp(dec_sub(" + b + ", " + a + "), " + tolerance + ") > 0 END)";
    }

    private static String withoutTrailingZeros(String decimal) {
        return "(CASE WHEN INSTR(" + decimal + ", '.') > 0 THEN RTRIM(RTRIM(" + decimal + ", '0'), '.') ELSE "
                + decimal + " END)";
    }

    @Override
    public String secondsBetween(String from, String to) {
        // julianday counts whole milliseconds; its double holds them to within microseconds.
        return "((julianday(" + to + ") - julianday(" + from + ")) * 86400.0)";
    }

    @Override
    public Object parameter(Instant value) {
        return formatInstant(value);
    }

    @Override
    public Object parameter(LocalDate value) {
        return value == null ? null : value.toString();
    }

    @Override
    public Object parameter(UUID value) {
        return value == null ? null : value.toString();
    }
}
