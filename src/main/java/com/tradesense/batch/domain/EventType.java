package com.tradesense.batch.domain;

/** {@code challenge_events.event_type}; the contract allows appending values only, never reordering or renaming. */
public enum EventType {
    TRADE_EXECUTED,
    CHALLENGE_STATUS_CHANGED,
    CHALLENGE_FAILED,
    CHALLENGE_FUNDED,
    RISK_VIOLATION_DETECTED,
    DAILY_PNL_CALCULATED,
    DAILY_RESET_PERFORMED,
    DAILY_PNL_RESTATED
}
