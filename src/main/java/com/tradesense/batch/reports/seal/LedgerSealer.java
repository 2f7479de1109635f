package com.tradesense.batch.reports.seal;

import com.tradesense.batch.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import javax.sql.DataSource;

/**
 * Writes the seal of a business date: it extends the chain over every trade and event appended since the previous
 * seal, up to the watermark taken when sealing starts. One seal per business date; sealing a date that already has
 * one returns it unchanged, so a re-run of the report job never moves the chain.
 *
 * <p>The watermark is exact on both engines: on PostgreSQL a SHARE lock on the append log waits until every open
 * transaction that appended has committed or rolled back (numbers are handed out before commit, in any commit order),
 * then the highest number is read and the lock released at once; on SQLite the single writer commits in number order.
 */
public final class LedgerSealer {

    static final String SEAL_COLUMNS = "seal_number, business_date, from_append_seq, to_append_seq, trade_count,"
            + " event_count, previous_hash, rows_hash, seal_hash, algorithm, job_execution_id, sealed_at";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final AppendLogReader reader;

    public LedgerSealer(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.reader = new AppendLogReader(dataSource, dialect);
    }

    /** The seal of the date, written now unless it exists. */
    public LedgerSeal seal(LocalDate businessDate, Long jobExecutionId, Instant sealedAt) {
        try {
            Optional<LedgerSeal> existing = find(businessDate);
            if (existing.isPresent()) {
                return existing.get();
            }
            long watermark = watermark();
            Optional<LedgerSeal> previous = latest();
            long from = previous.map(LedgerSeal::toAppendSeq).orElse(0L);
            String previousHash = previous.map(LedgerSeal::sealHash).orElse(LedgerSeal.GENESIS);
            long to = Math.max(from, watermark);

            MessageDigest rows = CanonicalRows.sha256();
            long[] counts = new long[2]; // trades, events
            List<Object[]> newDigests = new ArrayList<>();
            reader.read(from, to, entry -> {
                if (entry.canonical() == null) {
                    throw new IllegalStateException("Cannot seal: the " + entry.describe() + " is in the append log"
                            + " but no longer in its table");
                }
                String digest = CanonicalRows.sha256Hex(entry.canonical());
                if (entry.storedDigest() == null) {
                    newDigests.add(new Object[] {entry.appendSeq(), digest});
                } else if (!entry.storedDigest().equals(digest)) {
                    throw new IllegalStateException("Cannot seal: the " + entry.describe()
                            + " changed after its digest was recorded");
                }
                rows.update((digest + "\n").getBytes(StandardCharsets.US_ASCII));
                counts[entry.isTrade() ? 0 : 1]++;
            });
            String rowsHash = HexFormat.of().formatHex(rows.digest());
            LedgerSeal seal = new LedgerSeal(previous.map(LedgerSeal::sealNumber).orElse(0L) + 1, businessDate, from, to,
                    counts[0], counts[1], previousHash, rowsHash, chain(previousHash, rowsHash),
                    LedgerSeal.ALGORITHM, jobExecutionId, sealedAt);
            store(seal, newDigests);
            return seal;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot seal the ledger for " + businessDate + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the raw bytes of the previous seal hash followed by the rows hash. */
    public static String chain(String previousHash, String rowsHash) {
        MessageDigest digest = CanonicalRows.sha256();
        digest.update(HexFormat.of().parseHex(previousHash));
        digest.update(HexFormat.of().parseHex(rowsHash));
        return HexFormat.of().formatHex(digest.digest());
    }

    public Optional<LedgerSeal> find(LocalDate businessDate) throws SQLException {
        List<LedgerSeal> found = query("SELECT " + SEAL_COLUMNS + " FROM ledger_seals WHERE business_date = ?",
                businessDate);
        return found.stream().findFirst();
    }

    public Optional<LedgerSeal> latest() throws SQLException {
        List<LedgerSeal> found = query("SELECT " + SEAL_COLUMNS + " FROM ledger_seals"
                + " WHERE seal_number = (SELECT MAX(seal_number) FROM ledger_seals)", null);
        return found.stream().findFirst();
    }

    /** Every seal in chain order. */
    public List<LedgerSeal> all() throws SQLException {
        return query("SELECT " + SEAL_COLUMNS + " FROM ledger_seals ORDER BY seal_number", null);
    }

    private long watermark() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String lock = dialect.lockAgainstWriters("ledger_append_log");
                if (lock != null) {
                    try (PreparedStatement ps = c.prepareStatement(lock)) {
                        ps.execute();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(append_seq), 0) FROM ledger_append_log");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private void store(LedgerSeal seal, List<Object[]> newDigests) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE ledger_append_log SET row_sha256 = ? WHERE append_seq = ? AND row_sha256 IS NULL")) {
                    int batched = 0;
                    for (Object[] digest : newDigests) {
                        ps.setString(1, (String) digest[1]);
                        ps.setLong(2, (Long) digest[0]);
                        ps.addBatch();
                        if (++batched % 1_000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_seals (" + SEAL_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, seal.sealNumber());
                    dialect.setDate(ps, 2, seal.businessDate());
                    ps.setLong(3, seal.fromAppendSeq());
                    ps.setLong(4, seal.toAppendSeq());
                    ps.setLong(5, seal.tradeCount());
                    ps.setLong(6, seal.eventCount());
                    ps.setString(7, seal.previousHash());
                    ps.setString(8, seal.rowsHash());
                    ps.setString(9, seal.sealHash());
                    ps.setString(10, seal.algorithm());
                    if (seal.jobExecutionId() == null) {
                        ps.setNull(11, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(11, seal.jobExecutionId());
                    }
                    dialect.setInstant(ps, 12, seal.sealedAt());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (dialect.isUniqueViolation(e)) {
                    throw new SQLException("another seal was written at the same time; run again", e);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private List<LedgerSeal> query(String sql, LocalDate date) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (date != null) {
                dialect.setDate(ps, 1, date);
            }
            List<LedgerSeal> seals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long job = rs.getLong("job_execution_id");
                    Long jobExecutionId = rs.wasNull() ? null : job;
                    seals.add(new LedgerSeal(rs.getLong("seal_number"), dialect.getDate(rs, "business_date"),
                            rs.getLong("from_append_seq"), rs.getLong("to_append_seq"), rs.getLong("trade_count"),
                            rs.getLong("event_count"), rs.getString("previous_hash"), rs.getString("rows_hash"),
                            rs.getString("seal_hash"), rs.getString("algorithm"), jobExecutionId,
                            dialect.getInstant(rs, "sealed_at")));
                }
            }
            return seals;
        }
    }

    AppendLogReader reader() {
        return reader;
    }
}
