package com.tradesense.batch.reports.delivery;

import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code report_deliveries} table. Every change is one short auto-committed statement, so a delivery never
 * holds a transaction open while a mail server is being talked to.
 */
public final class ReportDeliveries {

    /** One row. */
    public record Delivery(UUID id, UUID reportId, String recipient, DeliveryStatus status, int attempts,
                           Instant nextAttemptAt, String lastError, Instant sentAt) {
    }

    private static final String COLUMNS = "id, report_id, recipient, status, attempts, next_attempt_at, last_error, sent_at";

    private final DataSource dataSource;
    private final Dialect dialect;

    public ReportDeliveries(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Records that a report is to go to a recipient, unless it already is, or the recipient already has an earlier
     * version of the same report with the same content (a re-run writes byte-identical files as new versions).
     *
     * @return whether a delivery was recorded
     */
    public boolean enqueue(UUID reportId, String recipient, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO report_deliveries (report_id, recipient, status, attempts, next_attempt_at, created_at)
                     SELECT r.id, ?, 'PENDING', 0, ?, ?
                     FROM generated_reports r
                     WHERE r.id = ?
                       AND NOT EXISTS (
                           SELECT 1 FROM report_deliveries d
                           JOIN generated_reports e ON e.id = d.report_id
                           WHERE d.recipient = ? AND e.report_type = r.report_type
                             AND e.business_date = r.business_date AND e.subject = r.subject
                             AND e.format = r.format AND e.sha256 = r.sha256)
                     ON CONFLICT (report_id, recipient) DO NOTHING""")) {
            ps.setString(1, recipient);
            dialect.setInstant(ps, 2, now);
            dialect.setInstant(ps, 3, now);
            dialect.setUuid(ps, 4, reportId);
            ps.setString(5, recipient);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deliveries not sent whose next attempt is due, oldest first. */
    public List<Delivery> due(Instant now, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM report_deliveries WHERE status IN ('PENDING', 'FAILED')"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT " + limit,
                ps -> dialect.setInstant(ps, 1, now));
    }

    public List<Delivery> ofReport(UUID reportId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM report_deliveries WHERE report_id = ? ORDER BY recipient",
                ps -> dialect.setUuid(ps, 1, reportId));
    }

    public List<Delivery> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM report_deliveries ORDER BY created_at, recipient", ps -> { });
    }

    /**
     * Takes an attempt: counts it and pushes the next attempt past {@code leaseUntil}, only if nobody else took it
     * since {@code delivery} was read. A sender that dies mid-send leaves the delivery due again after the lease.
     *
     * @return whether this caller owns the attempt
     */
    public boolean claim(Delivery delivery, Instant leaseUntil) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE report_deliveries SET attempts = attempts + 1,"
                     + " next_attempt_at = ? WHERE id = ? AND attempts = ? AND status <> 'SENT'")) {
            dialect.setInstant(ps, 1, leaseUntil);
            dialect.setUuid(ps, 2, delivery.id());
            ps.setInt(3, delivery.attempts());
            return ps.executeUpdate() == 1;
        }
    }

    public void markSent(UUID id, Instant sentAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE report_deliveries SET status = 'SENT', sent_at = ?,"
                     + " last_error = NULL WHERE id = ?")) {
            dialect.setInstant(ps, 1, sentAt);
            dialect.setUuid(ps, 2, id);
            ps.executeUpdate();
        }
    }

    public void markFailed(UUID id, String error, Instant nextAttemptAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE report_deliveries SET status = 'FAILED', last_error = ?,"
                     + " next_attempt_at = ? WHERE id = ? AND status <> 'SENT'")) {
            ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            dialect.setInstant(ps, 2, nextAttemptAt);
            dialect.setUuid(ps, 3, id);
            ps.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Delivery> query(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Delivery> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Delivery(dialect.getUuid(rs, "id"), dialect.getUuid(rs, "report_id"),
                            rs.getString("recipient"), DeliveryStatus.valueOf(rs.getString("status")),
                            rs.getInt("attempts"), dialect.getInstant(rs, "next_attempt_at"),
                            rs.getString("last_error"), dialect.getInstant(rs, "sent_at")));
                }
            }
            return rows;
        }
    }
}
