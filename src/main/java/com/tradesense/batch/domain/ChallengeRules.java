package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A challenge's immutable configuration, as the columns of {@code challenges} hold it. Percentages are in percent
 * (5.00 means 5%) and kept exact; the initial balance is money at scale 2.
 *
 * @param expiresAt the deadline, or {@code null} when the challenge has none
 */
public record ChallengeRules(
        BigDecimal initialBalance,
        BigDecimal maxDailyDrawdownPct,
        BigDecimal maxTotalDrawdownPct,
        BigDecimal profitTargetPct,
        int minTradingDays,
        Instant expiresAt) {

    public ChallengeRules {
        initialBalance = Money.of(Objects.requireNonNull(initialBalance, "initialBalance"));
        if (initialBalance.signum() <= 0) {
            throw new IllegalArgumentException("initial balance must be positive, was " + initialBalance);
        }
        requireNotNegative(maxDailyDrawdownPct, "maxDailyDrawdownPct");
        requireNotNegative(maxTotalDrawdownPct, "maxTotalDrawdownPct");
        requireNotNegative(profitTargetPct, "profitTargetPct");
        if (minTradingDays < 0) {
            throw new IllegalArgumentException("minTradingDays must not be negative, was " + minTradingDays);
        }
    }

    public boolean hasDeadline() {
        return expiresAt != null;
    }

    private static void requireNotNegative(BigDecimal pct, String name) {
        Objects.requireNonNull(pct, name);
        if (pct.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + pct.toPlainString());
        }
    }
}
