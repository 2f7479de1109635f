package com.tradesense.batch.reports.delivery;

/** {@code report_deliveries.status}. */
public enum DeliveryStatus {
    /** Recorded, not yet tried (or tried and interrupted before the outcome was written). */
    PENDING,
    SENT,
    /** The last attempt failed; tried again from {@code next_attempt_at}. */
    FAILED
}
