package com.tradesense.batch.reports.archive;

import com.tradesense.batch.db.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Stores report files under the reports folder and records them in {@code generated_reports}. Every store is a new
 * version (a regenerated report never overwrites the earlier file), the file is complete on disk before its row
 * exists (written to a temporary name, then moved), and reports are found by id — no path from outside ever
 * reaches the file system.
 *
 * <p>Layout: {@code <business date>/<report type>/<subject>-v<version>.<ext>}, relative to the reports folder.
 */
public final class ReportArchive {

    /** Writes the report's bytes. */
    @FunctionalInterface
    public interface ReportWriter {
        void write(OutputStream out) throws IOException;
    }

    private static final String COLUMNS = "id, report_type, business_date, subject, format, version, path, sha256,"
            + " size_bytes, job_execution_id, source_id, created_at";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Path folder;

    public ReportArchive(DataSource dataSource, Dialect dialect, Path folder) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes and records the next version of a report.
     *
     * @param subject what the report is about within its type and date: a provider code, a challenge id, or "" for
     *                a report of the whole day
     * @param createdAt the generation time recorded for the report (taken from the job, not the clock, so that a
     *                  re-run can reproduce it)
     */
    public ArchivedReport store(String reportType, LocalDate businessDate, String subject, ReportFormat format,
                                Long jobExecutionId, UUID sourceId, Instant createdAt, ReportWriter writer) {
        return store(null, reportType, businessDate, subject, format, jobExecutionId, sourceId, createdAt, writer);
    }

    /**
     * As {@link #store(String, LocalDate, String, ReportFormat, Long, UUID, Instant, ReportWriter)}, recording the
     * report on {@code transaction}, an open transaction of the caller: the record is committed or rolled back with
     * the work it reports on. The file is in place when this returns; after a rollback the caller removes it with
     * {@link #discard}.
     */
    public ArchivedReport store(Connection transaction, String reportType, LocalDate businessDate, String subject,
                                ReportFormat format, Long jobExecutionId, UUID sourceId, Instant createdAt,
                                ReportWriter writer) {
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, ".report-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                writer.write(out);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            long size = Files.size(temporary);
            for (int attempt = 1; ; attempt++) {
                int version = nextVersion(transaction, reportType, businessDate, subject, format);
                String path = businessDate + "/" + reportType + "/" + fileSafe(subject.isEmpty() ? reportType : subject)
                        + "-v" + version + "." + format.extension();
                Path target = resolve(path);
                Files.createDirectories(target.getParent());
                ArchivedReport report = new ArchivedReport(UUID.randomUUID(), reportType, businessDate, subject, format,
                        version, path, hash, size, jobExecutionId, sourceId, createdAt);
                try {
                    insert(transaction, report);
                } catch (SQLException e) {
                    if (dialect.isUniqueViolation(e) && attempt < 5) {
                        continue; // another writer took this version: take the next one
                    }
                    throw e;
                }
                move(temporary, target);
                temporary = null;
                return report;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the " + reportType + " report for " + businessDate, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the " + reportType + " report for " + businessDate + ": "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless and never listed
                }
            }
        }
    }

    /** Removes the file of a report whose record was rolled back. */
    public void discard(ArchivedReport report) {
        try {
            Files.deleteIfExists(file(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file(report), e);
        }
    }

    /** The file of an archived report. */
    public Path file(ArchivedReport report) {
        return resolve(report.path());
    }

    public Optional<ArchivedReport> find(UUID id) {
        List<ArchivedReport> found = query("SELECT " + COLUMNS + " FROM generated_reports WHERE id = ?", ps -> dialect.setUuid(ps, 1, id));
        return found.stream().findFirst();
    }

    /** Reports of a business date range (both ends included), newest date first, then type, subject, version. */
    public List<ArchivedReport> list(LocalDate from, LocalDate to) {
        return query("SELECT " + COLUMNS + " FROM generated_reports WHERE business_date >= ? AND business_date <= ?"
                        + " ORDER BY business_date DESC, report_type, subject, format, version",
                ps -> {
                    dialect.setDate(ps, 1, from);
                    dialect.setDate(ps, 2, to);
                });
    }

    private Path resolve(String relative) {
        Path resolved = folder.resolve(relative).normalize();
        if (!resolved.startsWith(folder)) {
            throw new IllegalArgumentException("A report path must stay inside the reports folder: " + relative);
        }
        return resolved;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String fileSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T on(Connection c) throws SQLException;
    }

    /** Work on the caller's transaction (left open), or on a connection of its own. */
    private <T> T onConnection(Connection transaction, SqlWork<T> work) throws SQLException {
        if (transaction != null) {
            return work.on(transaction);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.on(c);
        }
    }

    private int nextVersion(Connection transaction, String reportType, LocalDate businessDate, String subject,
                            ReportFormat format) throws SQLException {
        return onConnection(transaction, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM"
                    + " generated_reports WHERE report_type = ? AND business_date = ? AND subject = ?"
                    + " AND format = ?")) {
                ps.setString(1, reportType);
                dialect.setDate(ps, 2, businessDate);
                ps.setString(3, subject);
                ps.setString(4, format.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private void insert(Connection transaction, ArchivedReport r) throws SQLException {
        if (transaction == null) {
            onConnection(null, c -> insertRow(c, r));
            return;
        }
        // A unique violation must not end the caller's transaction: the next version is tried inside it.
        java.sql.Savepoint savepoint = transaction.setSavepoint();
        try {
            insertRow(transaction, r);
            transaction.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            transaction.rollback(savepoint);
            throw e;
        }
    }

    private Void insertRow(Connection c, ArchivedReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO generated_reports (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            dialect.setUuid(ps, 1, r.id());
            ps.setString(2, r.reportType());
            dialect.setDate(ps, 3, r.businessDate());
            ps.setString(4, r.subject());
            ps.setString(5, r.format().name());
            ps.setInt(6, r.version());
            ps.setString(7, r.path());
            ps.setString(8, r.sha256());
            ps.setLong(9, r.sizeBytes());
            if (r.jobExecutionId() == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, r.jobExecutionId());
            }
            dialect.setUuid(ps, 11, r.sourceId());
            dialect.setInstant(ps, 12, r.createdAt());
            ps.executeUpdate();
        }
        return null;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<ArchivedReport> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<ArchivedReport> reports = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long jobExecutionValue = rs.getLong("job_execution_id");
                    Long jobExecution = rs.wasNull() ? null : jobExecutionValue;
                    reports.add(new ArchivedReport(dialect.getUuid(rs, "id"), rs.getString("report_type"),
                            dialect.getDate(rs, "business_date"), rs.getString("subject"),
                            ReportFormat.valueOf(rs.getString("format")), rs.getInt("version"), rs.getString("path"),
                            rs.getString("sha256"), rs.getLong("size_bytes"), jobExecution,
                            dialect.getUuid(rs, "source_id"), dialect.getInstant(rs, "created_at")));
                }
            }
            return reports;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read generated_reports: " + e.getMessage(), e);
        }
    }
}
