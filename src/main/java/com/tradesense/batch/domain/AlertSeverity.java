package com.tradesense.batch.domain;

/** {@code risk_alerts.severity}, from least to most urgent. */
public enum AlertSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
