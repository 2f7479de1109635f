package com.tradesense.batch.reconciliation;

/** The states of {@code reconciliation_runs.status}. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    COMPLETED_WITH_BREAKS,
    /** No export for the provider and date was found: one outcome, not a break per ledger trade. */
    NO_DATA,
    FAILED;

    /** Whether the run needs a person: breaks to look at, or an export that never came. */
    public boolean needsAttention() {
        return this == COMPLETED_WITH_BREAKS || this == NO_DATA;
    }
}
