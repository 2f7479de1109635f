package com.tradesense.batch.pnl;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The configurable thresholds of the end-of-day jobs ({@code tradesense.eod.*}).
 *
 * @param highDrawdownShare the share of the daily limit at which HIGH_DRAWDOWN is raised (0.80 = 80%)
 * @param liquidationWindow trades this long after an end the platform made are expected liquidations, not alerts
 * @param riskScoreSpikePoints the day-over-day rise of the risk score that raises RISK_SCORE_SPIKE
 * @param activityHistoryDays how many earlier trading days the activity statistic looks at
 * @param activityMinimumHistory the fewest earlier trading days needed before the statistic is trusted
 * @param activityFactor how many times the median count or volume a day must reach to be UNUSUAL_ACTIVITY
 * @param activityMinimumTrades the fewest trades a day needs to be called unusual at all
 */
public record PnlSettings(BigDecimal highDrawdownShare, Duration liquidationWindow, BigDecimal riskScoreSpikePoints,
                          int activityHistoryDays, int activityMinimumHistory, BigDecimal activityFactor,
                          int activityMinimumTrades) {

    public static PnlSettings defaults() {
        return new PnlSettings(new BigDecimal("0.80"), Duration.ofMinutes(5), new BigDecimal("50"), 20, 5,
                new BigDecimal("5"), 20);
    }
}
