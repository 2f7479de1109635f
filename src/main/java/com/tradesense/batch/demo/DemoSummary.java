package com.tradesense.batch.demo;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.Money;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The short summary of a demo run a person can read: outcomes, alerts, P&L. */
public final class DemoSummary {

    private final DataSource dataSource;
    private final Dialect dialect;

    public DemoSummary(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public void print(PrintWriter out) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> statuses = counts(c, "SELECT status || CASE WHEN failure_reason IS NULL THEN ''"
                    + " ELSE ' (' || failure_reason || ')' END AS k, COUNT(*) FROM challenges GROUP BY 1 ORDER BY 1");
            Map<String, Long> alerts = counts(c, "SELECT alert_type AS k, COUNT(*) FROM risk_alerts GROUP BY 1 ORDER BY 1");
            Map<String, Long> events = counts(c, "SELECT event_type AS k, COUNT(*) FROM challenge_events GROUP BY 1 ORDER BY 1");
            BigDecimal pnl = BigDecimal.ZERO;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.decimalSum("closing_equity") + " AS closing, "
                    + dialect.decimalSum("opening_equity") + " AS opening FROM challenge_daily_closings")) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && dialect.getDecimal(rs, "closing") != null) {
                        pnl = dialect.getDecimal(rs, "closing").subtract(dialect.getDecimal(rs, "opening"));
                    }
                }
            }
            out.println("Challenges by status:");
            statuses.forEach((k, v) -> out.printf("  %-36s %6d%n", k, v));
            out.println("Risk alerts by type:");
            if (alerts.isEmpty()) {
                out.println("  (none)");
            }
            alerts.forEach((k, v) -> out.printf("  %-36s %6d%n", k, v));
            out.println("Events by type:");
            events.forEach((k, v) -> out.printf("  %-36s %6d%n", k, v));
            out.println("Total net P&L of the closed days: " + Money.format(pnl) + " USD");
        }
    }

    private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
