package com.tradesense.batch.reports.portal;

import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** {@code report_downloads}: who downloaded which report, when and from where. */
public final class ReportDownloads {

    private final DataSource dataSource;
    private final Dialect dialect;

    public ReportDownloads(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public void record(UUID reportId, String username, Instant at, String remoteAddress) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO report_downloads (report_id, username,"
                     + " downloaded_at, remote_address) VALUES (?, ?, ?, ?)")) {
            dialect.setUuid(ps, 1, reportId);
            ps.setString(2, username);
            dialect.setInstant(ps, 3, at);
            ps.setString(4, remoteAddress);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the download of report " + reportId + ": " + e.getMessage(), e);
        }
    }
}
