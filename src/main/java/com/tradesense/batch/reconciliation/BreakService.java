package com.tradesense.batch.reconciliation;

import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What people do with breaks: list the open ones with their age, resolve one with a reason, and write one off —
 * which takes effect only when a second, different person approves it. Every action is recorded with who, when and
 * why in {@code reconciliation_break_actions}.
 */
public final class BreakService {

    /** An open break as the list shows it. */
    public record OpenBreak(UUID id, String provider, String breakType, String providerTradeId, String field,
                            String ledgerValue, String providerValue, LocalDate firstSeenDate, long ageDays,
                            String writeOffRequestedBy) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;

    public BreakService(DataSource dataSource, Dialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Open breaks, oldest first; the age is counted in UTC days up to {@code asOf}. */
    public List<OpenBreak> open(String provider, LocalDate asOf) {
        String sql = "SELECT id, provider, break_type, provider_trade_id, field, ledger_value, provider_value,"
                + " first_seen_date, write_off_requested_by FROM reconciliation_breaks WHERE status = 'OPEN'"
                + (provider == null ? "" : " AND provider = ?")
                + " ORDER BY first_seen_date, provider, break_type, provider_trade_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (provider != null) {
                ps.setString(1, provider);
            }
            List<OpenBreak> breaks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate first = dialect.getDate(rs, "first_seen_date");
                    breaks.add(new OpenBreak(dialect.getUuid(rs, "id"), rs.getString("provider"),
                            rs.getString("break_type"), rs.getString("provider_trade_id"), rs.getString("field"),
                            rs.getString("ledger_value"), rs.getString("provider_value"), first,
                            Math.max(0, ChronoUnit.DAYS.between(first, asOf)), rs.getString("write_off_requested_by")));
                }
            }
            return breaks;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list breaks: " + e.getMessage(), e);
        }
    }

    public List<OpenBreak> open(String provider) {
        return open(provider, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** Marks an open break resolved by a person. */
    public void resolve(UUID breakId, String by, String reason) {
        requireText("--by", by);
        requireText("--reason", reason);
        inTransaction(c -> {
            String status = lockStatus(c, breakId);
            if (!"OPEN".equals(status)) {
                throw new BreakActionException("break " + breakId + " is " + status + ", not OPEN");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconciliation_breaks SET status = 'RESOLVED',"
                    + " resolved_at = ?, resolved_by = ?, resolution_reason = ? WHERE id = ? AND status = 'OPEN'")) {
                dialect.setInstant(ps, 1, now);
                ps.setString(2, by);
                ps.setString(3, reason);
                dialect.setUuid(ps, 4, breakId);
                ps.executeUpdate();
            }
            action(c, breakId, "RESOLVE", by, reason, now);
        });
    }

    /** Asks for a write-off; the break stays OPEN until someone else approves. */
    public void requestWriteOff(UUID breakId, String by, String reason) {
        requireText("--by", by);
        requireText("--reason", reason);
        inTransaction(c -> {
            String status = lockStatus(c, breakId);
            if (!"OPEN".equals(status)) {
                throw new BreakActionException("break " + breakId + " is " + status + ", not OPEN");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconciliation_breaks SET"
                    + " write_off_requested_by = ?, write_off_requested_at = ?, write_off_reason = ?"
                    + " WHERE id = ? AND status = 'OPEN'")) {
                ps.setString(1, by);
                dialect.setInstant(ps, 2, now);
                ps.setString(3, reason);
                dialect.setUuid(ps, 4, breakId);
                ps.executeUpdate();
            }
            action(c, breakId, "WRITE_OFF_REQUEST", by, reason, now);
        });
    }

    /** Approves a requested write-off: four eyes, so the approver must not be the requester. */
    public void approveWriteOff(UUID breakId, String by, String reason) {
        requireText("--by", by);
        inTransaction(c -> {
            String status = lockStatus(c, breakId);
            if (!"OPEN".equals(status)) {
                throw new BreakActionException("break " + breakId + " is " + status + ", not OPEN");
            }
            String requester;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT write_off_requested_by FROM reconciliation_breaks WHERE id = ?")) {
                dialect.setUuid(ps, 1, breakId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    requester = rs.getString(1);
                }
            }
            if (requester == null) {
                throw new BreakActionException("break " + breakId + " has no write-off request to approve");
            }
            if (requester.equalsIgnoreCase(by.strip())) {
                throw new BreakActionException("break " + breakId + ": the write-off was requested by " + requester
                        + "; a different person must approve it");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconciliation_breaks SET status = 'WRITTEN_OFF',"
                    + " approved_by = ?, approved_at = ?, resolved_at = ?, resolved_by = ?,"
                    + " resolution_reason = write_off_reason WHERE id = ? AND status = 'OPEN'")) {
                ps.setString(1, by);
                dialect.setInstant(ps, 2, now);
                dialect.setInstant(ps, 3, now);
                ps.setString(4, by);
                dialect.setUuid(ps, 5, breakId);
                ps.executeUpdate();
            }
            action(c, breakId, "WRITE_OFF_APPROVE", by, reason, now);
        });
    }

    private String lockStatus(Connection c, UUID breakId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM reconciliation_breaks WHERE id = ?"
                + dialect.forUpdate())) {
            dialect.setUuid(ps, 1, breakId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BreakActionException("no break " + breakId);
                }
                return rs.getString(1);
            }
        }
    }

    private void action(Connection c, UUID breakId, String action, String by, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconciliation_break_actions (id, break_id,"
                + " action, actor, reason, acted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            dialect.setUuid(ps, 1, UUID.randomUUID());
            dialect.setUuid(ps, 2, breakId);
            ps.setString(3, action);
            ps.setString(4, by.strip());
            ps.setString(5, reason);
            dialect.setInstant(ps, 6, at);
            ps.executeUpdate();
        }
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new BreakActionException(option + " is required");
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the break action: " + e.getMessage(), e);
        }
    }

    /** A break action a person asked for that cannot be done; the message says why. */
    public static final class BreakActionException extends RuntimeException {
        public BreakActionException(String message) {
            super(message);
        }
    }
}
