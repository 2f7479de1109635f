package com.tradesense.batch.ledger;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.AlertSeverity;
import com.tradesense.batch.domain.AlertType;
import com.tradesense.batch.domain.EventIds;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Raises risk alerts, one per cause: the dedup key names the cause, so a re-run, a restart or a second job that sees
 * the same cause writes nothing more.
 */
public final class RiskAlerts {

    /** An alert to raise; {@code dedupKey} names its cause (e.g. {@code HIGH_DRAWDOWN:<challenge>:<date>}). */
    public record NewAlert(UUID challengeId, AlertType type, AlertSeverity severity, String message,
                           BigDecimal thresholdValue, BigDecimal actualValue, String detailsJson, String correlationId,
                           String dedupKey) {
    }

    private final Dialect dialect;

    public RiskAlerts(Dialect dialect) {
        this.dialect = dialect;
    }

    private static final String INSERT = """
                INSERT INTO risk_alerts (id, challenge_id, alert_type, severity, status, message, threshold_value,
                                         actual_value, details, correlation_id, dedup_key, created_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dedup_key) DO NOTHING""";

    /** @return true when the alert was new */
    public boolean raise(Connection c, NewAlert alert, Instant createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, alert, createdAt);
            return ps.executeUpdate() == 1;
        }
    }

    /** Raises many alerts in one batch; those whose cause already has an alert are skipped. */
    public void raiseAll(Connection c, java.util.List<NewAlert> alerts, Instant createdAt) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (NewAlert alert : alerts) {
                bind(ps, alert, createdAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void bind(PreparedStatement ps, NewAlert alert, Instant createdAt) throws SQLException {
            dialect.setUuid(ps, 1, EventIds.fromIdempotencyKey("ALERT:" + alert.dedupKey()));
            dialect.setUuid(ps, 2, alert.challengeId());
            ps.setString(3, alert.type().name());
            ps.setString(4, alert.severity().name());
            ps.setString(5, alert.message());
            dialect.setDecimal(ps, 6, alert.thresholdValue());
            dialect.setDecimal(ps, 7, alert.actualValue());
            dialect.setJson(ps, 8, alert.detailsJson());
            ps.setString(9, alert.correlationId());
            ps.setString(10, alert.dedupKey());
            dialect.setInstant(ps, 11, createdAt);
    }
}
