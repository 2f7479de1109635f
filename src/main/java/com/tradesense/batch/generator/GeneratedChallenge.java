package com.tradesense.batch.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of {@code challenges}, column for column (CONTRACT §1). */
public record GeneratedChallenge(UUID id, UUID userId, String status, BigDecimal initialBalance,
                                 BigDecimal maxDailyDrawdownPct, BigDecimal maxTotalDrawdownPct,
                                 BigDecimal profitTargetPct, int minTradingDays, Instant expiresAt,
                                 BigDecimal currentEquity, BigDecimal maxEquityEver, BigDecimal dailyStartEquity,
                                 LocalDate lastDailyResetDate, String currency, String provider,
                                 String providerAccountId, Instant startedAt, Instant endedAt, String failureReason,
                                 Instant createdAt, Instant updatedAt, Instant deletedAt, long version) {
}
