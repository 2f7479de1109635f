package com.tradesense.batch.pnl;

import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.ChallengeStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A challenge row as the end-of-day jobs read it. */
public record ChallengeSnapshot(UUID id, ChallengeStatus status, BigDecimal initialBalance,
                                BigDecimal maxDailyDrawdownPct, BigDecimal maxTotalDrawdownPct,
                                BigDecimal profitTargetPct, int minTradingDays, Instant expiresAt,
                                BigDecimal currentEquity, BigDecimal maxEquityEver, String currency,
                                Instant startedAt, Instant createdAt, Instant endedAt, String failureReason,
                                Instant deletedAt, long version) {

    public ChallengeRules rules() {
        return new ChallengeRules(initialBalance, maxDailyDrawdownPct, maxTotalDrawdownPct, profitTargetPct,
                minTradingDays, expiresAt);
    }

    public Instant start() {
        return startedAt != null ? startedAt : createdAt;
    }

    /**
     * CONTRACT §2: started before D ends, not PENDING, not soft-deleted, and not ended before D began — decided from
     * the row's dates, not from the status alone.
     */
    public boolean activeDuring(BusinessDate day) {
        return status != ChallengeStatus.PENDING
                && deletedAt == null
                && start().isBefore(day.end())
                && (endedAt == null || !endedAt.isBefore(day.start()));
    }

    public boolean isEnded() {
        return status.isFinal();
    }
}
