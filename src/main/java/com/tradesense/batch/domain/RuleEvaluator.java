package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The challenge rules as a pure function of the configuration, an opening checkpoint and the ledger's trades: no
 * clock, no database. Replays trades in ({@code executed_at}, {@code sequence_number}) order and, after each one,
 * decides failure before funding:
 * <ol>
 *   <li>daily drawdown from the equity as of the day's 00:00:00Z ≥ the daily limit → FAILED, DAILY_DRAWDOWN_EXCEEDED
 *       (also when the same trade breaches the total limit; the ending then names both breaches);</li>
 *   <li>drawdown from the peak (initial balance included) ≥ the total limit → FAILED, TOTAL_DRAWDOWN_EXCEEDED;</li>
 *   <li>profit ≥ target and distinct trading days (this trade's day included) ≥ the minimum → FUNDED.</li>
 * </ol>
 * Still active at {@code expires_at} → FAILED, EXPIRED, at {@code expires_at}; trades at or after the deadline are
 * after the end. Limits are inclusive and compared exactly ({@link Money#reachesPercent}). The first rule met ends the
 * challenge at that trade's {@code executed_at}; every figure stops there and later trades change nothing.
 *
 * <p>A daily start equity of zero or less (only reachable with a total limit above 100%) has no daily drawdown
 * percentage; the daily rule does not apply to such a day, the total rule still does.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * Replays the business dates from {@code opening.date()} through {@code through}, both included.
     *
     * @param trades every trade executed inside that range, in any order (they are replayed in replay order); a trade
     *     outside the range is a caller error, because it would silently change the figures of another day
     * @throws IllegalArgumentException when {@code through} is before the opening date, a trade lies outside the
     *     range, or the checkpoint's peak is below the initial balance
     */
    public static Evaluation evaluate(ChallengeRules rules, LedgerCheckpoint opening, List<LedgerTrade> trades,
                                      BusinessDate through) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(opening, "opening");
        Objects.requireNonNull(through, "through");
        if (through.isBefore(opening.date())) {
            throw new IllegalArgumentException("through " + through + " is before the opening date " + opening.date());
        }
        if (opening.peak().compareTo(rules.initialBalance()) < 0) {
            throw new IllegalArgumentException("the checkpoint's peak " + opening.peak()
                    + " is below the initial balance " + rules.initialBalance());
        }
        List<LedgerTrade> ordered = new ArrayList<>(trades);
        ordered.sort(LedgerTrade.REPLAY_ORDER);
        Instant rangeStart = opening.date().start();
        Instant rangeEnd = through.end();
        for (LedgerTrade trade : ordered) {
            if (trade.executedAt().isBefore(rangeStart) || !trade.executedAt().isBefore(rangeEnd)) {
                throw new IllegalArgumentException("trade " + trade.id() + " executed at " + trade.executedAt()
                        + " is outside " + opening.date() + ".." + through);
            }
        }

        Replay replay = new Replay(rules, opening);
        List<DailyStats> days = new ArrayList<>();
        int next = 0;
        for (BusinessDate date : BusinessDate.range(opening.date(), through)) {
            int first = next;
            while (next < ordered.size() && ordered.get(next).businessDate().equals(date)) {
                next++;
            }
            days.add(replay.day(date, ordered.subList(first, next)));
        }
        return new Evaluation(Optional.ofNullable(replay.ending), opening.isEnded(), replay.equity, replay.peak,
                replay.tradingDays, days, replay.tradesAfterEnd);
    }

    /**
     * Replays one business date, {@code opening.date()}, from its opening checkpoint: the nightly job's entry point.
     * Chaining days through {@link DayEvaluation#closingCheckpoint()} gives exactly what one
     * {@link #evaluate} over all of them gives.
     *
     * @param tradesOfDay every trade executed on that date, in any order
     */
    public static DayEvaluation evaluateDay(ChallengeRules rules, LedgerCheckpoint opening,
                                            List<LedgerTrade> tradesOfDay) {
        Evaluation evaluation = evaluate(rules, opening, tradesOfDay, opening.date());
        return new DayEvaluation(evaluation.lastDay(), evaluation.ending(), evaluation.endedBeforeRange(),
                evaluation.tradesAfterEnd());
    }

    /** The mutable running state of one replay; never leaves this class. */
    private static final class Replay {

        private final ChallengeRules rules;
        private BigDecimal equity;
        private BigDecimal peak;
        private int tradingDays;
        private final Instant endedBefore;
        private ChallengeEnding ending;
        private final List<LedgerTrade> tradesAfterEnd = new ArrayList<>();

        Replay(ChallengeRules rules, LedgerCheckpoint opening) {
            this.rules = rules;
            this.equity = opening.equity();
            this.peak = opening.peak();
            this.tradingDays = opening.tradingDays();
            this.endedBefore = opening.endedAt();
        }

        boolean isEnded() {
            return endedBefore != null || ending != null;
        }

        Instant endedAt() {
            return ending != null ? ending.endedAt() : endedBefore;
        }

        DailyStats day(BusinessDate date, List<LedgerTrade> trades) {
            BigDecimal opening = equity;
            BigDecimal lowest = opening;
            BigDecimal highest = opening;
            BigDecimal realized = Money.ZERO;
            BigDecimal commission = Money.ZERO;
            BigDecimal swap = Money.ZERO;
            BigDecimal volume = BigDecimal.ZERO.setScale(LedgerTrade.QUANTITY_SCALE);
            int count = 0;
            int winning = 0;
            int losing = 0;
            Instant deadline = rules.expiresAt();

            for (LedgerTrade trade : trades) {
                if (!isEnded() && deadline != null && !trade.executedAt().isBefore(deadline)) {
                    ending = expiry(opening);
                }
                if (isEnded()) {
                    tradesAfterEnd.add(trade);
                    continue;
                }
                equity = equity.add(trade.effect());
                peak = peak.max(equity);
                if (count == 0) {
                    tradingDays++;
                }
                count++;
                if (trade.isWinning()) {
                    winning++;
                } else if (trade.isLosing()) {
                    losing++;
                }
                realized = realized.add(trade.realizedPnl());
                commission = commission.add(trade.commission());
                swap = swap.add(trade.swap());
                volume = volume.add(trade.quantity());
                lowest = lowest.min(equity);
                highest = highest.max(equity);
                ending = decide(trade, opening);
            }
            // Still active when the deadline passes inside this day (or passed before the replay began).
            if (!isEnded() && deadline != null && deadline.isBefore(date.end())) {
                ending = expiry(opening);
            }

            BigDecimal usedPct = opening.signum() > 0 ? Money.drawdownPct(opening, lowest) : Money.ZERO_PERCENT;
            return new DailyStats(date, count, winning, losing, realized, commission, swap,
                    equity.subtract(opening), volume, opening, equity, lowest, highest, peak, usedPct, tradingDays,
                    endedAt());
        }

        /** Failure before funding; {@code null} while the challenge stays active. */
        private ChallengeEnding decide(LedgerTrade trade, BigDecimal dailyStart) {
            Set<FailureReason> breaches = EnumSet.noneOf(FailureReason.class);
            if (dailyStart.signum() > 0
                    && Money.drawdownReaches(dailyStart, equity, rules.maxDailyDrawdownPct())) {
                breaches.add(FailureReason.DAILY_DRAWDOWN_EXCEEDED);
            }
            if (Money.drawdownReaches(peak, equity, rules.maxTotalDrawdownPct())) {
                breaches.add(FailureReason.TOTAL_DRAWDOWN_EXCEEDED);
            }
            if (!breaches.isEmpty()) {
                boolean daily = breaches.contains(FailureReason.DAILY_DRAWDOWN_EXCEEDED);
                FailureReason reason = daily
                        ? FailureReason.DAILY_DRAWDOWN_EXCEEDED
                        : FailureReason.TOTAL_DRAWDOWN_EXCEEDED;
                BigDecimal threshold = daily ? rules.maxDailyDrawdownPct() : rules.maxTotalDrawdownPct();
                BigDecimal actual = daily ? dailyDrawdownPct(dailyStart) : Money.drawdownPct(peak, equity);
                return ending(ChallengeStatus.FAILED, reason, breaches, trade.executedAt(), trade, dailyStart,
                        threshold, actual);
            }
            BigDecimal initial = rules.initialBalance();
            if (Money.reachesPercent(equity.subtract(initial), initial, rules.profitTargetPct())
                    && tradingDays >= rules.minTradingDays()) {
                return ending(ChallengeStatus.FUNDED, null, breaches, trade.executedAt(), trade, dailyStart,
                        rules.profitTargetPct(), Money.percentOf(equity.subtract(initial), initial));
            }
            return null;
        }

        private ChallengeEnding expiry(BigDecimal dailyStart) {
            return ending(ChallengeStatus.FAILED, FailureReason.EXPIRED, Set.of(), rules.expiresAt(), null,
                    dailyStart, null, null);
        }

        private ChallengeEnding ending(ChallengeStatus status, FailureReason reason, Set<FailureReason> breaches,
                                       Instant at, LedgerTrade trade, BigDecimal dailyStart, BigDecimal threshold,
                                       BigDecimal actual) {
            BigDecimal initial = rules.initialBalance();
            return new ChallengeEnding(status, reason, breaches, at, trade, equity, peak, dailyStart,
                    dailyDrawdownPct(dailyStart), Money.drawdownPct(peak, equity),
                    Money.percentOf(equity.subtract(initial), initial), tradingDays, threshold, actual);
        }

        private BigDecimal dailyDrawdownPct(BigDecimal dailyStart) {
            return dailyStart.signum() > 0 ? Money.drawdownPct(dailyStart, equity) : Money.ZERO_PERCENT;
        }
    }
}
