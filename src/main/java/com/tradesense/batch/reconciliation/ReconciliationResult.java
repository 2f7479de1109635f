package com.tradesense.batch.reconciliation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What one reconciliation found, for the command line, the job and the demo.
 *
 * @param alreadyReconciled {@code true} when the same file (same SHA-256) had been reconciled before and this is
 *                          that earlier run
 * @param workbook          the finance workbook, {@code null} when none was written (failed or no-data runs)
 * @param summaryPdf        the one-page sign-off summary, {@code null} when none was written
 */
public record ReconciliationResult(UUID runId, String provider, LocalDate businessDate, RunStatus status,
                                   String fileName, String sha256, long rowsRead, long rowsSkipped, long rowsMatched,
                                   long breaksCount, Map<BreakType, Long> breaksByType, BigDecimal ledgerPnl,
                                   BigDecimal providerPnl, BigDecimal ledgerCommission,
                                   BigDecimal providerCommission, Path workbook, Path summaryPdf,
                                   boolean alreadyReconciled, String message, Timings timings) {

    public ReconciliationResult {
        breaksByType = Map.copyOf(breaksByType);
    }

    /** Wall-clock nanoseconds of each phase, for the benchmark; zero for phases that did not run. */
    public record Timings(long parseAndLoad, long match, long persist, long reports) {
        public static final Timings NONE = new Timings(0, 0, 0, 0);
    }

    /** One line for a person: what was reconciled and what was found. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(provider).append(' ').append(businessDate).append(": ").append(status);
        if (fileName != null) {
            text.append(", file ").append(fileName);
        }
        if (status != RunStatus.NO_DATA && status != RunStatus.FAILED) {
            text.append(", ").append(rowsRead).append(" rows read, ").append(rowsMatched).append(" matched, ")
                    .append(breaksCount).append(" breaks");
            if (!breaksByType.isEmpty()) {
                text.append(' ').append(new java.util.TreeMap<>(breaksByType));
            }
        }
        if (message != null) {
            text.append(" — ").append(message);
        }
        return text.toString();
    }
}
