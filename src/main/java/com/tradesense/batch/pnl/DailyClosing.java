package com.tradesense.batch.pnl;

import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.LedgerCheckpoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code challenge_daily_closings}: the checkpoint a business date closed with. */
public record DailyClosing(UUID challengeId, BusinessDate date, int revision, BigDecimal openingEquity,
                           BigDecimal closingEquity, BigDecimal peakEquity, BigDecimal lowestEquity,
                           int tradingDaysToDate, int tradeCount, BigDecimal volume, BigDecimal maxDailyDrawdownPctUsed,
                           BigDecimal riskScore, Instant ledgerEndedAt, String ledgerOutcome, long ledgerWatermark,
                           String figuresSha256, UUID eventId) {

    /** The checkpoint the next business date opens with. */
    public LedgerCheckpoint nextOpening() {
        return new LedgerCheckpoint(date.next(), closingEquity, peakEquity, tradingDaysToDate, ledgerEndedAt);
    }
}
