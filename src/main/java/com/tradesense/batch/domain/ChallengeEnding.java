package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How and when the ledger replay ended a challenge, with the figures at that moment, so that the event and the
 * alert can state the evidence without recomputing it.
 *
 * @param status FAILED or FUNDED
 * @param reason the failure reason; {@code null} when funded
 * @param breaches every drawdown limit the ending trade reached (both when one trade breached both; the reason is
 *     then the daily one); empty when funded or expired
 * @param endedAt the ending trade's {@code executed_at}, or {@code expires_at} for an expiry
 * @param trade the trade that ended it; {@code null} for an expiry
 * @param equity equity at the end (after the ending trade)
 * @param peak the highest equity reached up to the end, the initial balance included
 * @param dailyStartEquity the equity as of 00:00:00Z of the day the end falls on
 * @param dailyDrawdownPct the daily drawdown at the end, percent of the daily start equity, scale 4, 0 when none
 * @param totalDrawdownPct the drawdown from the peak at the end, scale 4, 0 when none
 * @param profitPct (equity − initial balance) / initial balance × 100, scale 4, signed
 * @param tradingDays distinct business days with a trade up to the end, the end's own day included
 * @param thresholdPct the configured limit the decision compared against (daily limit for a daily failure, total
 *     limit for a total one, profit target when funded); {@code null} for an expiry
 * @param actualPct the figure compared with {@code thresholdPct}; {@code null} for an expiry
 */
public record ChallengeEnding(
        ChallengeStatus status,
        FailureReason reason,
        Set<FailureReason> breaches,
        Instant endedAt,
        LedgerTrade trade,
        BigDecimal equity,
        BigDecimal peak,
        BigDecimal dailyStartEquity,
        BigDecimal dailyDrawdownPct,
        BigDecimal totalDrawdownPct,
        BigDecimal profitPct,
        int tradingDays,
        BigDecimal thresholdPct,
        BigDecimal actualPct) {

    public ChallengeEnding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endedAt, "endedAt");
        if (status != ChallengeStatus.FAILED && status != ChallengeStatus.FUNDED) {
            throw new IllegalArgumentException("an ending is FAILED or FUNDED, not " + status);
        }
        if ((status == ChallengeStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a failure needs a reason and funding has none");
        }
        breaches = breaches.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(breaches));
    }

    public boolean isFailed() {
        return status == ChallengeStatus.FAILED;
    }

    public boolean isFunded() {
        return status == ChallengeStatus.FUNDED;
    }

    /** The business date the end falls on. */
    public BusinessDate businessDate() {
        return BusinessDate.of(endedAt);
    }
}
