package com.tradesense.batch.reports.seal;

import com.tradesense.batch.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Recomputes every seal from the data and names the first record that no longer matches: a row whose canonical form
 * changed since it was sealed, a sealed row that disappeared, a seal whose hashes or links were altered, or a trade or
 * event that bypassed the append log.
 */
public final class SealVerifier {

    /** The outcome: {@code firstMismatch} is empty when every seal verifies. */
    public record Result(int sealsVerified, long rowsVerified, String chainHead, Optional<String> firstMismatch) {

        public boolean verified() {
            return firstMismatch.isEmpty();
        }
    }

    private final DataSource dataSource;
    private final LedgerSealer sealer;

    public SealVerifier(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.sealer = new LedgerSealer(dataSource, dialect);
    }

    public Result verify() {
        try {
            List<LedgerSeal> seals = sealer.all();
            String previousHash = LedgerSeal.GENESIS;
            long previousTo = 0;
            long rowsVerified = 0;
            int verified = 0;
            for (LedgerSeal seal : seals) {
                String where = "seal #" + seal.sealNumber() + " of " + seal.businessDate();
                if (!seal.previousHash().equals(previousHash) || seal.fromAppendSeq() != previousTo) {
                    return mismatch(verified, rowsVerified, previousHash, where
                            + " does not continue the chain (its previous hash or range start was changed)");
                }
                SealCheck check = check(seal);
                if (check.mismatch != null) {
                    return mismatch(verified, rowsVerified, previousHash, check.mismatch + " in " + where);
                }
                if (!check.rowsHash.equals(seal.rowsHash()) || check.trades != seal.tradeCount()
                        || check.events != seal.eventCount()) {
                    return mismatch(verified, rowsVerified, previousHash, where + ": its rows hash or counts no longer"
                            + " match the recorded row digests (recorded " + seal.rowsHash() + ", recomputed "
                            + check.rowsHash + ")");
                }
                if (!LedgerSealer.chain(previousHash, check.rowsHash).equals(seal.sealHash())) {
                    return mismatch(verified, rowsVerified, previousHash, where + ": its seal hash was changed");
                }
                previousHash = seal.sealHash();
                previousTo = seal.toAppendSeq();
                rowsVerified += check.trades + check.events;
                verified++;
            }
            Optional<String> bypass = rowOutsideTheLog();
            if (bypass.isPresent()) {
                return mismatch(verified, rowsVerified, previousHash, bypass.get());
            }
            return new Result(verified, rowsVerified, previousHash, Optional.empty());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot verify the ledger seals: " + e.getMessage(), e);
        }
    }

    private static Result mismatch(int verified, long rows, String head, String message) {
        return new Result(verified, rows, head, Optional.of(message));
    }

    private static final class SealCheck {
        long trades;
        long events;
        String rowsHash;
        String mismatch;
    }

    private SealCheck check(LedgerSeal seal) throws SQLException {
        SealCheck check = new SealCheck();
        MessageDigest rows = CanonicalRows.sha256();
        sealer.reader().read(seal.fromAppendSeq(), seal.toAppendSeq(), entry -> {
            if (check.mismatch != null) {
                return;
            }
            if (entry.canonical() == null) {
                check.mismatch = "the " + entry.describe() + " is missing";
                return;
            }
            String digest = CanonicalRows.sha256Hex(entry.canonical());
            if (!digest.equals(entry.storedDigest())) {
                check.mismatch = "the " + entry.describe() + " no longer matches its sealed digest";
                return;
            }
            rows.update((entry.storedDigest() + "\n").getBytes(StandardCharsets.US_ASCII));
            if (entry.isTrade()) {
                check.trades++;
            } else {
                check.events++;
            }
        });
        check.rowsHash = HexFormat.of().formatHex(rows.digest());
        return check;
    }

    private Optional<String> rowOutsideTheLog() throws SQLException {
        String sql = """
                SELECT 'trade' AS kind, t.id AS id, t.challenge_id AS challenge_id, t.sequence_number AS sequence_number
                FROM trades t WHERE NOT EXISTS
                    (SELECT 1 FROM ledger_append_log l WHERE l.table_name = 'trades' AND l.row_id = t.id)
                UNION ALL
                SELECT 'event', e.id, e.challenge_id, e.sequence_number
                FROM challenge_events e WHERE NOT EXISTS
                    (SELECT 1 FROM ledger_append_log l WHERE l.table_name = 'challenge_events' AND l.row_id = e.id)
                ORDER BY 1, 2""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return Optional.of("the " + rs.getString("kind") + " " + rs.getString("id") + " (challenge "
                        + rs.getString("challenge_id") + ", sequence " + rs.getLong("sequence_number")
                        + ") was written without passing the append log");
            }
            return Optional.empty();
        }
    }
}
