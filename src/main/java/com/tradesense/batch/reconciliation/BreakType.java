package com.tradesense.batch.reconciliation;

/** The differences a reconciliation reports (CONTRACT §5), one break row each. */
public enum BreakType {
    MISSING_IN_LEDGER,
    MISSING_IN_PROVIDER,
    QUANTITY_MISMATCH,
    PRICE_MISMATCH,
    PNL_MISMATCH,
    COMMISSION_MISMATCH,
    SWAP_MISMATCH,
    SYMBOL_MISMATCH,
    SIDE_MISMATCH,
    TIME_MISMATCH,
    ACCOUNT_MISMATCH,
    DUPLICATE_IN_EXPORT,
    INVALID_ROW
}
