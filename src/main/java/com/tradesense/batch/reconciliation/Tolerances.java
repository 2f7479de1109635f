package com.tradesense.batch.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How far a provider's value may be from the ledger's and still agree. Every bound is inclusive: a difference equal
 * to the tolerance matches.
 */
public record Tolerances(BigDecimal amount, BigDecimal price, BigDecimal quantity, Duration time) {

    public static final Tolerances DEFAULTS = new Tolerances(new BigDecimal("0.01"), new BigDecimal("0.00001"),
            BigDecimal.ZERO, Duration.ofSeconds(2));

    public boolean amountsAgree(BigDecimal ledger, BigDecimal provider) {
        return ledger.subtract(provider).abs().compareTo(amount) <= 0;
    }

    public boolean pricesAgree(BigDecimal ledger, BigDecimal provider) {
        return ledger.subtract(provider).abs().compareTo(price) <= 0;
    }

    public boolean quantitiesAgree(BigDecimal ledger, BigDecimal provider) {
        return ledger.subtract(provider).abs().compareTo(quantity) <= 0;
    }

    public boolean timesAgree(Duration difference) {
        return difference.abs().compareTo(time) <= 0;
    }

    /** The tolerances as JSON, as recorded with a run. */
    public String toJson() {
        return "{\"amount\":\"" + amount.toPlainString() + "\",\"price\":\"" + price.toPlainString()
                + "\",\"quantity\":\"" + quantity.toPlainString() + "\",\"time_seconds\":\""
                + BigDecimal.valueOf(time.toMillis(), 3).stripTrailingZeros().toPlainString() + "\"}";
    }
}
