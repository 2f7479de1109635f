package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Exact decimal arithmetic for money and percentages. Money has scale 2, percentages written into events scale 4,
 * both rounded HALF_EVEN. Rule decisions never look at a rounded percentage: they compare by cross-multiplication,
 * so a drawdown of 4.999999% never counts as 5% and nothing ever passes through a binary double.
 */
public final class Money {

    public static final int SCALE = 2;
    public static final int PERCENT_SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    public static final BigDecimal ZERO_PERCENT = BigDecimal.ZERO.setScale(PERCENT_SCALE);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A plain decimal as the SQLite CHECK accepts it: optional leading '-', digits, at most one '.'; no exponent. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");

    private Money() {
    }

    /** Parses an amount and brings it to scale 2 (HALF_EVEN), e.g. {@code "100000"} becomes 100000.00. */
    public static BigDecimal parse(String text) {
        return of(parseDecimal(text));
    }

    /** Parses an exact plain decimal without rounding (quantities, prices, configured percentages). */
    public static BigDecimal parseDecimal(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Not a plain decimal number: '" + text + "'");
        }
        return new BigDecimal(trimmed);
    }

    /** The amount at scale 2, HALF_EVEN. Idempotent. */
    public static BigDecimal of(BigDecimal amount) {
        return Objects.requireNonNull(amount, "amount").setScale(SCALE, ROUNDING);
    }

    /** A percentage at scale 4, HALF_EVEN, as events carry it. */
    public static BigDecimal percent(BigDecimal value) {
        return Objects.requireNonNull(value, "value").setScale(PERCENT_SCALE, ROUNDING);
    }

    /** {@code part / whole × 100} at scale 4, HALF_EVEN; for reporting only, never for a rule decision. */
    public static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            throw new ArithmeticException("Percentage of zero");
        }
        return part.multiply(HUNDRED).divide(whole, PERCENT_SCALE, ROUNDING);
    }

    /**
     * The drawdown of {@code equity} below {@code reference} in percent of the reference, scale 4 (HALF_EVEN);
     * 0 when the equity is at or above the reference, as a drawdown that has not happened is not negative.
     */
    public static BigDecimal drawdownPct(BigDecimal reference, BigDecimal equity) {
        requirePositive(reference, "reference");
        if (equity.compareTo(reference) >= 0) {
            return ZERO_PERCENT;
        }
        return percentOf(reference.subtract(equity), reference);
    }

    /**
     * Exactly {@code part / whole × 100 >= thresholdPct}, decided as {@code part × 100 >= thresholdPct × whole}
     * (the same thing because {@code whole > 0}), so no division and no rounding takes part in the decision.
     */
    public static boolean reachesPercent(BigDecimal part, BigDecimal whole, BigDecimal thresholdPct) {
        requirePositive(whole, "whole");
        return part.multiply(HUNDRED).compareTo(thresholdPct.multiply(whole)) >= 0;
    }

    /** Whether the drawdown from {@code reference} to {@code equity} is at least {@code limitPct} (inclusive). */
    public static boolean drawdownReaches(BigDecimal reference, BigDecimal equity, BigDecimal limitPct) {
        return reachesPercent(reference.subtract(equity), reference, limitPct);
    }

    /** The plain-notation text events and files carry, e.g. {@code "1234.50"}, never {@code "1.2345E+3"}. */
    public static String format(BigDecimal amount) {
        return of(amount).toPlainString();
    }

    private static void requirePositive(BigDecimal value, String name) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
    }
}
