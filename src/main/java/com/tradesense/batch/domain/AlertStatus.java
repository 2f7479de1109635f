package com.tradesense.batch.domain;

/** {@code risk_alerts.status}. */
public enum AlertStatus {
    ACTIVE,
    ACKNOWLEDGED,
    RESOLVED
}
