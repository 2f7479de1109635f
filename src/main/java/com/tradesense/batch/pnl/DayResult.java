package com.tradesense.batch.pnl;

/** What processing one challenge's business date did. */
public enum DayResult {
    /** Not active during the date: nothing to do. */
    NOT_ACTIVE,
    /** First calculation written. */
    CALCULATED,
    /** A changed ledger: the date was restated. */
    RESTATED,
    /** Computed again and found equal to the latest event: nothing written. */
    UNCHANGED
}
