package com.tradesense.batch.reports.workbook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The rows of the finance workbook. */
public final class FinanceRows {

    private FinanceRows() {
    }

    /** One challenge's daily P&L (the latest revision of the day). */
    public record Pnl(LocalDate businessDate, UUID challengeId, String currency, String status, BigDecimal openingEquity,
                      BigDecimal closingEquity, BigDecimal lowestEquity, BigDecimal netPnl, BigDecimal realizedPnl,
                      BigDecimal commission, BigDecimal swap, long trades, BigDecimal volume,
                      BigDecimal drawdownUsedPct, int revision) {
    }

    public record Payment(Instant createdAt, UUID id, String provider, String providerPaymentId, String status,
                          String currency, BigDecimal amount, BigDecimal refundedAmount, Instant refundedAt,
                          UUID challengeId) {
    }

    /** Streams rows to a consumer, so a million of them never sit in memory together. */
    @FunctionalInterface
    public interface Source<T> {
        void forEach(RowConsumer<T> consumer) throws Exception;
    }

    @FunctionalInterface
    public interface RowConsumer<T> {
        void accept(T row) throws Exception;
    }
}
