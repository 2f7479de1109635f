package com.tradesense.batch.pnl;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether a business date already closed needs daily-pnl again: a trade executed before the day's end arrived after
 * the day was closed (its sequence number is above the closing's watermark), or a challenge active during the day
 * has no closing for it. Only the day's own closings and the trades above their watermarks are read.
 */
public final class LedgerChanges {

    private final DataSource dataSource;
    private final Dialect dialect;

    public LedgerChanges(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public boolean changedSinceClosed(BusinessDate day) {
        String lateTrade = """
                SELECT 1 FROM challenge_daily_closings cl
                 WHERE cl.business_date = ? AND\s""" + LateTrades.condition("cl.challenge_id", "cl.ledger_watermark");
        String unclosed = """
                SELECT 1 FROM challenges c
                 WHERE c.status <> 'PENDING' AND c.deleted_at IS NULL AND COALESCE(c.started_at, c.created_at) < ?
                   AND (c.ended_at IS NULL OR c.ended_at >= ?)
                   AND NOT EXISTS (SELECT 1 FROM challenge_daily_closings cl
                                    WHERE cl.challenge_id = c.id AND cl.business_date = ?)""";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(lateTrade)) {
                dialect.setDate(ps, 1, day.date());
                dialect.setInstant(ps, 2, day.end());
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(unclosed)) {
                dialect.setInstant(ps, 1, day.end());
                dialect.setInstant(ps, 2, day.start());
                dialect.setDate(ps, 3, day.date());
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the ledger for changes since " + day + " was closed: "
                    + e.getMessage(), e);
        }
    }
}
