package com.tradesense.batch.generator;

/**
 * What the export writer did to one row, as recorded in the sidecar manifest: the break types of CONTRACT §5 that a
 * reconciliation must report, the within-tolerance differences it must still match, and rows it must skip.
 */
public enum InjectedBreak {
    MISSING_IN_LEDGER(Kind.BREAK, null),
    MISSING_IN_PROVIDER(Kind.BREAK, null),
    QUANTITY_MISMATCH(Kind.BREAK, "quantity"),
    PRICE_MISMATCH(Kind.BREAK, "price"),
    PNL_MISMATCH(Kind.BREAK, "realized_pnl"),
    COMMISSION_MISMATCH(Kind.BREAK, "commission"),
    SWAP_MISMATCH(Kind.BREAK, "swap"),
    SYMBOL_MISMATCH(Kind.BREAK, "symbol"),
    SIDE_MISMATCH(Kind.BREAK, "side"),
    TIME_MISMATCH(Kind.BREAK, "executed_at"),
    ACCOUNT_MISMATCH(Kind.BREAK, "account"),
    DUPLICATE_IN_EXPORT(Kind.BREAK, null),
    INVALID_ROW(Kind.BREAK, null),
    /** Price off by 0.000005, inside the 0.00001 price tolerance. */
    PRICE_WITHIN_TOLERANCE(Kind.NOISE, "price"),
    /** Time off by one second (on top of second precision), inside the 2 s tolerance. */
    TIME_WITHIN_TOLERANCE(Kind.NOISE, "executed_at"),
    /** Profit off by exactly 0.01: tolerances are inclusive. */
    PNL_AT_TOLERANCE(Kind.NOISE, "realized_pnl"),
    /**
     * The ledger time is in the server's last second of a day and the export shows the next day's 00:00:00: the row
     * is in the next day's file. Listed in both days' manifests (with a note saying which file holds the row).
     */
    STRADDLES_DAY_BOUNDARY(Kind.NOISE, "executed_at"),
    /** A non-trade row (MT5 balance operation) that is skipped and counted. */
    SKIPPED_ROW(Kind.SKIPPED, null);

    public enum Kind {
        /** A break the reconciliation must report. */
        BREAK,
        /** A difference within tolerance: the pair must be matched. */
        NOISE,
        /** A row that is not a trade. */
        SKIPPED
    }

    private final Kind kind;
    private final String field;

    InjectedBreak(Kind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The ledger column that differs, or {@code null} when the break concerns the whole row. */
    public String field() {
        return field;
    }
}
