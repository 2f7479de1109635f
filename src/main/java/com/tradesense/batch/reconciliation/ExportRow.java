package com.tradesense.batch.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade row of a provider export in ledger terms (commission as a positive cost, side BUY or SELL), or a row that
 * could not be read ({@link #invalid()}), which keeps its trade id when that much was readable.
 *
 * @param line          the physical line the row starts on (1-based, title lines and header included)
 * @param executedAt    the instant of the row's time; for a zone-less time in the repeated hour of a clock change,
 *                      the earlier of the two candidates
 * @param executedAtAlt the later candidate in the repeated hour, otherwise {@code null}
 * @param errorField    the ledger field that could not be read, for an invalid row
 * @param error         why the row could not be read
 * @param rawText       the row as it stands in the file
 */
public record ExportRow(long line, String providerTradeId, String account, String symbol, String side,
                        BigDecimal quantity, BigDecimal price, BigDecimal commission, BigDecimal swap,
                        BigDecimal realizedPnl, Instant executedAt, Instant executedAtAlt, String errorField,
                        String errorValue, String error, String rawText) {

    public boolean invalid() {
        return error != null;
    }
}
