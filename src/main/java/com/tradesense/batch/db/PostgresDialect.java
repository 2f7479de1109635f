package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

final class PostgresDialect implements Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setObject(index, value, Types.OTHER);
    }

    @Override
    public UUID getUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    @Override
    public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, value);
        }
    }

    @Override
    public BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    @Override
    public String text(Instant value) {
        // ISO-8601 with every digit the instant has: timestamptz keeps microseconds, as a bound value would
        return value == null ? null : value.toString();
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // An OffsetDateTime in UTC is sent as timestamptz, independent of the JVM and session time zones.
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void setDate(PreparedStatement ps, int index, LocalDate value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, value);
        }
    }

    @Override
    public LocalDate getDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    @Override
    public void setJson(PreparedStatement ps, int index, String json) throws SQLException {
        // Types.OTHER lets the server infer jsonb from the column instead of rejecting varchar.
        ps.setObject(index, json, Types.OTHER);
    }

    @Override
    public String getJson(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public String decimalSum(String expression) {
        return "SUM(" + expression + ")";
    }

    @Override
    public String decimalColumnType() {
        return "NUMERIC";
    }

    @Override
    public String instantColumnType() {
        return "TIMESTAMPTZ";
    }

    @Override
    public String decimalsDiffer(String a, String b, String tolerance) {
        return "ABS(CAST(" + a + " AS NUMERIC) - CAST(" + b + " AS NUMERIC)) > " + tolerance;
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "EXTRACT(EPOCH FROM (" + to + " - " + from + "))";
    }

    @Override
    public Object parameter(Instant value) {
        return value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
    }

    @Override
    public Object parameter(LocalDate value) {
        return value;
    }

    @Override
    public Object parameter(UUID value) {
        return value;
    }

    @Override
    public String workMemory(long kilobytes) {
        // SET LOCAL ends with the transaction, so pooled connections return to the server's setting.
        return "SET LOCAL work_mem = '" + kilobytes + "kB'";
    }

    @Override
    public String lockAgainstWriters(String table) {
        // SHARE conflicts with the ROW EXCLUSIVE lock every INSERT holds until its commit.
        return "LOCK TABLE " + table + " IN SHARE MODE";
    }
}
