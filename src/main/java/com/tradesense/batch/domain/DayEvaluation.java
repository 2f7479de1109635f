package com.tradesense.batch.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of replaying one business date from its opening checkpoint.
 *
 * @param stats the date's figures
 * @param ending how the ledger ended the challenge during this date; empty when it did not
 * @param endedBeforeDay whether the opening checkpoint already held an end
 * @param tradesAfterEnd the date's trades after the challenge's end, in replay order
 */
public record DayEvaluation(
        DailyStats stats,
        Optional<ChallengeEnding> ending,
        boolean endedBeforeDay,
        List<LedgerTrade> tradesAfterEnd) {

    public DayEvaluation {
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(ending, "ending");
        tradesAfterEnd = List.copyOf(tradesAfterEnd);
    }

    public BusinessDate date() {
        return stats.date();
    }

    public boolean isActive() {
        return ending.isEmpty() && !endedBeforeDay;
    }

    /** The checkpoint the next business date opens with. */
    public LedgerCheckpoint closingCheckpoint() {
        return stats.closingCheckpoint();
    }
}
