package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of replaying a challenge's ledger over a range of business dates.
 *
 * @param ending how the replay ended the challenge within the range; empty when it is still active at the end of the
 *     range, or when the opening checkpoint had already ended it ({@link #endedBeforeRange()})
 * @param endedBeforeRange whether the opening checkpoint already held an end
 * @param finalEquity equity at the end of the range (or at the challenge's end)
 * @param finalPeak the highest equity reached up to then, the initial balance included
 * @param tradingDays distinct business days with a counted trade up to then
 * @param days one row per business date of the range, in order, also for days without trades
 * @param tradesAfterEnd trades of the range that came after the challenge's end, in replay order; they changed
 *     nothing
 */
public record Evaluation(
        Optional<ChallengeEnding> ending,
        boolean endedBeforeRange,
        BigDecimal finalEquity,
        BigDecimal finalPeak,
        int tradingDays,
        List<DailyStats> days,
        List<LedgerTrade> tradesAfterEnd) {

    public Evaluation {
        Objects.requireNonNull(ending, "ending");
        days = List.copyOf(days);
        tradesAfterEnd = List.copyOf(tradesAfterEnd);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("an evaluation covers at least one business date");
        }
    }

    /** Whether the challenge is still active, as far as the ledger shows, at the end of the range. */
    public boolean isActive() {
        return ending.isEmpty() && !endedBeforeRange;
    }

    public DailyStats day(BusinessDate date) {
        return days.stream()
                .filter(d -> d.date().equals(date))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(date + " is outside the evaluated range"));
    }

    public DailyStats lastDay() {
        return days.get(days.size() - 1);
    }

    /** The checkpoint the business date after the range opens with. */
    public LedgerCheckpoint closingCheckpoint() {
        return lastDay().closingCheckpoint();
    }
}
