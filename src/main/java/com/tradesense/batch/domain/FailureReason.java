package com.tradesense.batch.domain;

/** The values of {@code challenges.failure_reason} the rules produce. */
public enum FailureReason {
    DAILY_DRAWDOWN_EXCEEDED,
    TOTAL_DRAWDOWN_EXCEEDED,
    EXPIRED
}
