package com.tradesense.batch.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code trades}, column for column (CONTRACT §1). {@code side} is the side of the closing deal. */
public record GeneratedTrade(UUID id, UUID challengeId, long sequenceNumber, String provider, String providerTradeId,
                             String symbol, String side, BigDecimal quantity, BigDecimal price, BigDecimal commission,
                             BigDecimal swap, BigDecimal realizedPnl, Instant executedAt, Instant createdAt) {

    /** The trade's effect on equity (CONTRACT §1). */
    public BigDecimal equityEffect() {
        return realizedPnl.add(swap).subtract(commission);
    }
}
