package com.tradesense.batch.expiry;

import com.tradesense.batch.domain.AlertSeverity;
import com.tradesense.batch.domain.AlertType;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.ledger.RiskAlerts;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** One INACTIVE_TRADING alert per spell of inactivity: the cause is "no trade since <last trade>". */
public class InactivityAlertWriter implements ItemWriter<InactiveChallenge> {

    private final DataSource dataSource;
    private final RiskAlerts alerts;
    private final BusinessDate day;
    private final int inactivityDays;
    private final Clock clock;

    public InactivityAlertWriter(DataSource dataSource, RiskAlerts alerts, BusinessDate day, int inactivityDays,
                                 Clock clock) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.day = day;
        this.inactivityDays = inactivityDays;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends InactiveChallenge> chunk) throws Exception {
        var connection = DataSourceUtils.getConnection(dataSource);
        for (InactiveChallenge challenge : chunk) {
            String since = challenge.lastTradeAt() == null ? "start " + challenge.startedAt()
                    : "last trade " + challenge.lastTradeAt();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("business_date", day.date());
            details.put("inactivity_days", inactivityDays);
            details.put("last_trade_at", challenge.lastTradeAt());
            details.put("started_at", challenge.startedAt());
            alerts.raise(connection, new RiskAlerts.NewAlert(challenge.challengeId(), AlertType.INACTIVE_TRADING,
                    AlertSeverity.LOW, "No trade for " + inactivityDays + " days or more as of the end of " + day
                            + " (" + since + ")",
                    null, null, CanonicalJson.write(details), ChallengeExpiryJobConfiguration.JOB_NAME + ":" + day,
                    "INACTIVE_TRADING:" + challenge.challengeId() + ":"
                            + (challenge.lastTradeAt() == null ? "never" : challenge.lastTradeAt().toString())),
                    clock.instant());
        }
    }
}
