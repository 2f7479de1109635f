package com.tradesense.batch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradesense.batch.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the end-of-day jobs write, in a form two runs can be compared by: every event (without the execution id and
 * the system time, which differ between runs by design), every closing, every alert, every challenge's live figures,
 * sorted and normalised through the dialect so the engine's formatting plays no part.
 */
public final class DatabaseSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatabaseSnapshot() {
    }

    public static List<String> of(TestDatabase database) throws SQLException {
        Dialect d = database.dialect();
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT challenge_id, sequence_number, event_type, idempotency_key,"
                    + " description, event_data, occurred_at, correlation_id FROM challenge_events"
                    + " ORDER BY challenge_id, sequence_number"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode data = (ObjectNode) JSON.readTree(d.getJson(rs, "event_data"));
                    data.remove("job_execution_id");
                    rows.add("event " + d.getUuid(rs, "challenge_id") + " #" + rs.getLong("sequence_number") + " "
                            + rs.getString("event_type") + " " + rs.getString("idempotency_key") + " "
                            + d.getInstant(rs, "occurred_at") + " " + rs.getString("correlation_id") + " "
                            + rs.getString("description") + " " + JSON.writeValueAsString(sorted(data)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT challenge_id, business_date, revision, closing_equity,"
                    + " peak_equity, trading_days_to_date, ledger_outcome, figures_sha256, event_id"
                    + " FROM challenge_daily_closings ORDER BY challenge_id, business_date"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add("closing " + d.getUuid(rs, "challenge_id") + " " + d.getDate(rs, "business_date") + " r"
                            + rs.getInt("revision") + " " + d.getDecimal(rs, "closing_equity").stripTrailingZeros()
                            + " " + d.getDecimal(rs, "peak_equity").stripTrailingZeros() + " "
                            + rs.getInt("trading_days_to_date") + " " + rs.getString("ledger_outcome") + " "
                            + rs.getString("figures_sha256") + " " + d.getUuid(rs, "event_id"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT dedup_key, alert_type, severity, message, threshold_value,"
                    + " actual_value FROM risk_alerts ORDER BY dedup_key"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add("alert " + rs.getString("dedup_key") + " " + rs.getString("alert_type") + " "
                            + rs.getString("severity") + " " + rs.getString("message") + " "
                            + strip(d.getDecimal(rs, "threshold_value")) + " " + strip(d.getDecimal(rs, "actual_value")));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status, failure_reason, ended_at, current_equity,"
                    + " max_equity_ever, daily_start_equity, last_daily_reset_date FROM challenges ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add("challenge " + d.getUuid(rs, "id") + " " + rs.getString("status") + " "
                            + rs.getString("failure_reason") + " " + d.getInstant(rs, "ended_at") + " "
                            + strip(d.getDecimal(rs, "current_equity")) + " " + strip(d.getDecimal(rs, "max_equity_ever"))
                            + " " + strip(d.getDecimal(rs, "daily_start_equity")) + " "
                            + d.getDate(rs, "last_daily_reset_date"));
                }
            }
        }
        return rows;
    }

    private static Object sorted(ObjectNode node) {
        return JSON.convertValue(node, java.util.TreeMap.class);
    }

    private static String strip(java.math.BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }
}
