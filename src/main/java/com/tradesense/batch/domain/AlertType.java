package com.tradesense.batch.domain;

/** {@code risk_alerts.alert_type}. */
public enum AlertType {
    HIGH_DRAWDOWN,
    TOTAL_DRAWDOWN_EXCEEDED,
    PROFIT_TARGET_REACHED,
    INACTIVE_TRADING,
    UNUSUAL_ACTIVITY,
    RISK_SCORE_SPIKE
}
