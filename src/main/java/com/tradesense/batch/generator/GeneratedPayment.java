package com.tradesense.batch.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code payments}, column for column (CONTRACT §1). */
public record GeneratedPayment(UUID id, UUID userId, UUID challengeId, String provider, String providerPaymentId,
                               BigDecimal amount, String currency, String status, BigDecimal refundedAmount,
                               Instant refundedAt, String webhookData, Instant createdAt, Instant updatedAt) {
}
