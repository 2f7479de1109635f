package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the ledger stands at the start of a business date (D 00:00:00Z): enough to replay D and the days after it
 * without reading the trades before D. At that instant the equity is also D's daily start equity.
 *
 * <p>A checkpoint is only ever taken at a day boundary, so the trading-day count never has to know whether the
 * current day was already counted.
 *
 * @param date the business date that opens at this checkpoint
 * @param equity equity as of {@code date} 00:00:00Z
 * @param peak the highest equity reached before that instant, the initial balance included
 * @param tradingDays the number of distinct business days with a trade before {@code date}
 * @param endedAt when the ledger replay already ended the challenge before {@code date} (failed, funded or
 *     expired), else {@code null}; every later trade is then after the end
 */
public record LedgerCheckpoint(BusinessDate date, BigDecimal equity, BigDecimal peak, int tradingDays,
                               Instant endedAt) {

    public LedgerCheckpoint {
        Objects.requireNonNull(date, "date");
        equity = Money.of(Objects.requireNonNull(equity, "equity"));
        peak = Money.of(Objects.requireNonNull(peak, "peak"));
        if (peak.compareTo(equity) < 0) {
            throw new IllegalArgumentException("peak " + peak + " is below equity " + equity);
        }
        if (tradingDays < 0) {
            throw new IllegalArgumentException("tradingDays must not be negative, was " + tradingDays);
        }
        // An end at exactly D 00:00:00Z belongs to day D, so it is not yet behind a checkpoint that opens D.
        if (endedAt != null && !endedAt.isBefore(date.start())) {
            throw new IllegalArgumentException("a checkpoint at " + date.start() + " cannot hold the end " + endedAt);
        }
    }

    /** A challenge that has not traded yet: equity and peak are the initial balance. */
    public static LedgerCheckpoint initial(ChallengeRules rules, BusinessDate firstDate) {
        return new LedgerCheckpoint(firstDate, rules.initialBalance(), rules.initialBalance(), 0, null);
    }

    public boolean isEnded() {
        return endedAt != null;
    }
}
