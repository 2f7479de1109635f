package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One challenge's figures for one business date, as DAILY_PNL_CALCULATED (and DAILY_PNL_RESTATED) carry them. Only
 * trades up to the challenge's end count; a day after the end keeps the equity the challenge ended with.
 *
 * @param tradeCount trades of the day up to the end
 * @param winningTrades trades with realized P&L &gt; 0
 * @param losingTrades trades with realized P&L &lt; 0
 * @param realizedPnl Σ realized P&L (gross)
 * @param commission Σ commission (a cost, positive)
 * @param swap Σ swap (signed)
 * @param netPnl Σ (realized P&L + swap − commission) = closing − opening
 * @param volume Σ quantity, scale 8
 * @param openingEquity equity as of D 00:00:00Z (the day's daily start equity)
 * @param closingEquity equity after the day's last counted trade
 * @param lowestEquity the lowest equity of the day, the opening included
 * @param highestEquity the highest equity of the day, the opening included
 * @param peakEquity the highest equity ever reached up to the day's close (the initial balance included): the
 *     reference of the total drawdown
 * @param maxDailyDrawdownPctUsed the worst daily drawdown of the day in percent of the opening equity, scale 4,
 *     0 when the equity never fell below the opening
 * @param tradingDaysToDate distinct business days with a counted trade up to and including this date
 * @param endedAt when the ledger ended the challenge, if that happened on or before this date, else {@code null}
 */
public record DailyStats(
        BusinessDate date,
        int tradeCount,
        int winningTrades,
        int losingTrades,
        BigDecimal realizedPnl,
        BigDecimal commission,
        BigDecimal swap,
        BigDecimal netPnl,
        BigDecimal volume,
        BigDecimal openingEquity,
        BigDecimal closingEquity,
        BigDecimal lowestEquity,
        BigDecimal highestEquity,
        BigDecimal peakEquity,
        BigDecimal maxDailyDrawdownPctUsed,
        int tradingDaysToDate,
        Instant endedAt) {

    public DailyStats {
        Objects.requireNonNull(date, "date");
    }

    /** The checkpoint the next business date opens with. */
    public LedgerCheckpoint closingCheckpoint() {
        return new LedgerCheckpoint(date.next(), closingEquity, peakEquity, tradingDaysToDate, endedAt);
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    /**
     * The figures under the {@code event_data} keys of DAILY_PNL_CALCULATED, amounts as exact decimals (the JSON
     * writer turns them into strings). {@code highest_equity} and {@code ledger_ended_at} are additions to the
     * contract's minimum; the job adds {@code job}, {@code job_execution_id}, {@code software_version} and, for a
     * restatement, {@code revision} and {@code supersedes}.
     */
    public Map<String, Object> eventFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("business_date", date.date());
        fields.put("trade_count", tradeCount);
        fields.put("winning_trades", winningTrades);
        fields.put("losing_trades", losingTrades);
        fields.put("realized_pnl", realizedPnl);
        fields.put("commission", commission);
        fields.put("swap", swap);
        fields.put("net_pnl", netPnl);
        fields.put("volume", volume);
        fields.put("opening_equity", openingEquity);
        fields.put("closing_equity", closingEquity);
        fields.put("lowest_equity", lowestEquity);
        fields.put("highest_equity", highestEquity);
        fields.put("peak_equity", peakEquity);
        fields.put("max_daily_drawdown_pct_used", maxDailyDrawdownPctUsed);
        fields.put("trading_days_to_date", tradingDaysToDate);
        fields.put("ledger_ended_at", endedAt);
        return fields;
    }
}
