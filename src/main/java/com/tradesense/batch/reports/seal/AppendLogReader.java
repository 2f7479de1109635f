package com.tradesense.batch.reports.seal;

import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Streams the log entries of an append range in append order, each with its row's canonical form. */
final class AppendLogReader {

    /** One log entry; {@code canonical} is null when the logged row no longer exists. */
    record Entry(long appendSeq, String table, UUID rowId, String storedDigest, String canonical, String challengeId,
                 long sequenceNumber) {

        boolean isTrade() {
            return "trades".equals(table);
        }

        String describe() {
            String kind = isTrade() ? "trade" : "event";
            return canonical == null
                    ? kind + " " + rowId + " (append #" + appendSeq + ")"
                    : kind + " " + rowId + " (challenge " + challengeId + ", sequence " + sequenceNumber
                            + ", append #" + appendSeq + ")";
        }
    }

    @FunctionalInterface
    interface EntryHandler {
        void handle(Entry entry) throws SQLException;
    }

    private static final String QUERY = """
            SELECT l.append_seq, l.table_name, l.row_id, l.row_sha256, %s, %s
            FROM ledger_append_log l
            LEFT JOIN trades t ON l.table_name = 'trades' AND t.id = l.row_id
            LEFT JOIN challenge_events e ON l.table_name = 'challenge_events' AND e.id = l.row_id
            WHERE l.append_seq > ? AND l.append_seq <= ?
            ORDER BY l.append_seq""".formatted(
            CanonicalRows.TRADE_COLUMNS.stream().map(c -> "t." + c + " AS t_" + c).collect(Collectors.joining(", ")),
            CanonicalRows.EVENT_COLUMNS.stream().map(c -> "e." + c + " AS e_" + c).collect(Collectors.joining(", ")));

    private final DataSource dataSource;
    private final Dialect dialect;
    private final CanonicalRows canonicalRows;

    AppendLogReader(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.canonicalRows = new CanonicalRows(dialect);
    }

    /** Reads the entries in (from, to]. */
    void read(long fromExclusive, long toInclusive, EntryHandler handler) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL streams with a cursor only inside a transaction; otherwise it loads the whole range.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                ps.setFetchSize(1_000);
                ps.setLong(1, fromExclusive);
                ps.setLong(2, toInclusive);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(entry(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Entry entry(ResultSet rs) throws SQLException {
        String table = rs.getString("table_name");
        boolean trade = "trades".equals(table);
        String prefix = trade ? "t_" : "e_";
        String present = rs.getString(prefix + "id");
        String canonical = present == null ? null : trade ? canonicalRows.trade(rs, prefix) : canonicalRows.event(rs, prefix);
        return new Entry(rs.getLong("append_seq"), table, dialect.getUuid(rs, "row_id"), rs.getString("row_sha256"),
                canonical, rs.getString(prefix + "challenge_id"), rs.getLong(prefix + "sequence_number"));
    }
}
