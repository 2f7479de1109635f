package com.tradesense.batch.domain;

import static com.tradesense.batch.domain.ChallengeRulesBuilder.aChallenge;
import static com.tradesense.batch.domain.FailureReason.DAILY_DRAWDOWN_EXCEEDED;
import static com.tradesense.batch.domain.FailureReason.EXPIRED;
import static com.tradesense.batch.domain.FailureReason.TOTAL_DRAWDOWN_EXCEEDED;
import static com.tradesense.batch.domain.LedgerTradeBuilder.aTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final BusinessDate MAR_2 = BusinessDate.parse("2026-03-02");
    private static final BusinessDate MAR_3 = BusinessDate.parse("2026-03-03");
    private static final BusinessDate MAR_4 = BusinessDate.parse("2026-03-04");
    private static final BusinessDate MAR_5 = BusinessDate.parse("2026-03-05");

    /** 100k, daily 5%, total 10%, target 8%, no minimum days, no deadline. */
    private final ChallengeRules standard = aChallenge().build();

    private static Evaluation replay(ChallengeRules rules, BusinessDate through, LedgerTrade... trades) {
        return RuleEvaluator.evaluate(rules, LedgerCheckpoint.initial(rules, MAR_2), List.of(trades), through);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Nested
    class DailyDrawdown {

        @Test
        void failsChallengeWhenLossEqualsTheDailyLimitExactly() {
            // given
            LedgerTrade loss = aTrade().at("2026-03-02T10:00:00Z").pnl("-4990.00").commission("10.00").build();

            // when
            Evaluation result = replay(standard, MAR_2, loss);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.status()).isEqualTo(ChallengeStatus.FAILED);
            assertThat(ending.reason()).isEqualTo(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(ending.breaches()).containsExactly(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(ending.endedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(ending.trade()).isEqualTo(loss);
            assertThat(ending.equity()).isEqualTo(money("95000.00"));
            assertThat(ending.dailyStartEquity()).isEqualTo(money("100000.00"));
            assertThat(ending.dailyDrawdownPct()).isEqualTo(money("5.0000"));
            assertThat(ending.thresholdPct()).isEqualByComparingTo("5");
            assertThat(ending.actualPct()).isEqualTo(money("5.0000"));
        }

        @Test
        void staysActiveWhenLossIsOneCentShortOfTheDailyLimit() {
            // given
            LedgerTrade loss = aTrade().at("2026-03-02T10:00:00Z").pnl("-4999.99").build();

            // when
            Evaluation result = replay(standard, MAR_2, loss);

            // then
            assertThat(result.isActive()).isTrue();
            assertThat(result.finalEquity()).isEqualTo(money("95000.01"));
        }

        @Test
        void measuresAFailureAtTheFirstTradeOfADayFromThatDaysOpening() {
            // given a gain on day one, so day two opens at 104000: a 5200 loss is 5% of that, only 1.2% overall
            LedgerTrade gain = aTrade().at("2026-03-02T15:00:00Z").pnl("4000.00").build();
            LedgerTrade loss = aTrade().at("2026-03-03T00:00:00Z").pnl("-5200.00").build();

            // when
            Evaluation result = replay(standard, MAR_3, gain, loss);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.reason()).isEqualTo(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(ending.dailyStartEquity()).isEqualTo(money("104000.00"));
            assertThat(ending.equity()).isEqualTo(money("98800.00"));
            assertThat(ending.profitPct()).isEqualTo(money("-1.2000"));
            assertThat(ending.businessDate()).isEqualTo(MAR_3);
        }

        @Test
        void failsOnAnIntradayLowEvenWhenTheDayClosesHigher() {
            // given two losses that together reach the limit, then a recovery the same day
            LedgerTrade first = aTrade().at("2026-03-02T09:00:00Z").pnl("-3000.00").build();
            LedgerTrade second = aTrade().at("2026-03-02T10:00:00Z").pnl("-2000.00").build();
            LedgerTrade recovery = aTrade().at("2026-03-02T11:00:00Z").pnl("6000.00").build();

            // when
            Evaluation result = replay(standard, MAR_2, recovery, second, first);

            // then
            assertThat(result.ending().orElseThrow().trade()).isEqualTo(second);
            assertThat(result.tradesAfterEnd()).containsExactly(recovery);
        }
    }

    @Nested
    class TotalDrawdown {

        @Test
        void failsChallengeWhenEquityReachesTheTotalLimitFromTheInitialBalance() {
            // given three days of losses, none of them near the daily limit
            LedgerTrade day1 = aTrade().at("2026-03-02T10:00:00Z").pnl("-4000.00").build();
            LedgerTrade day2 = aTrade().at("2026-03-03T10:00:00Z").pnl("-4000.00").build();
            LedgerTrade day3 = aTrade().at("2026-03-04T10:00:00Z").pnl("-2000.00").build();

            // when
            Evaluation result = replay(standard, MAR_4, day1, day2, day3);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.reason()).isEqualTo(TOTAL_DRAWDOWN_EXCEEDED);
            assertThat(ending.breaches()).containsExactly(TOTAL_DRAWDOWN_EXCEEDED);
            assertThat(ending.totalDrawdownPct()).isEqualTo(money("10.0000"));
            assertThat(ending.thresholdPct()).isEqualByComparingTo("10");
            assertThat(ending.peak()).isEqualTo(money("100000.00"));
        }

        @Test
        void measuresTotalDrawdownFromThePeakReached() {
            // given a peak of 105000: 10% of it is 10500
            LedgerTrade gain = aTrade().at("2026-03-02T10:00:00Z").pnl("5000.00").build();
            LedgerTrade loss1 = aTrade().at("2026-03-03T10:00:00Z").pnl("-4000.00").build();
            LedgerTrade loss2 = aTrade().at("2026-03-04T10:00:00Z").pnl("-4000.00").build();
            LedgerTrade loss3 = aTrade().at("2026-03-05T10:00:00Z").pnl("-2000.00").build();
            LedgerTrade loss4 = aTrade().at("2026-03-05T11:00:00Z").pnl("-500.00").build();

            // when
            Evaluation result = replay(standard, MAR_5, gain, loss1, loss2, loss3, loss4);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.reason()).isEqualTo(TOTAL_DRAWDOWN_EXCEEDED);
            assertThat(ending.trade()).isEqualTo(loss4);
            assertThat(ending.equity()).isEqualTo(money("94500.00"));
            assertThat(ending.peak()).isEqualTo(money("105000.00"));
        }

        @Test
        void namesBothBreachesButFailsForTheDailyOneWhenOneTradeBreachesBoth() {
            // given limits of 5% daily and 5% total
            ChallengeRules rules = aChallenge().withMaxDailyDrawdown("5").withMaxTotalDrawdown("5").build();
            LedgerTrade loss = aTrade().at("2026-03-02T10:00:00Z").pnl("-5000.00").build();

            // when
            Evaluation result = replay(rules, MAR_2, loss);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.reason()).isEqualTo(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(ending.breaches()).containsExactly(DAILY_DRAWDOWN_EXCEEDED, TOTAL_DRAWDOWN_EXCEEDED);
            assertThat(ending.thresholdPct()).isEqualByComparingTo("5");
            assertThat(ending.totalDrawdownPct()).isEqualTo(money("5.0000"));
        }

        @Test
        void namesOnlyTheTotalBreachWhenTheDayAloneStaysWithinItsLimit() {
            // given
            ChallengeRules rules = aChallenge().withMaxDailyDrawdown("5").withMaxTotalDrawdown("6").build();
            LedgerTrade day1 = aTrade().at("2026-03-02T10:00:00Z").pnl("-3000.00").build();
            LedgerTrade day2 = aTrade().at("2026-03-03T10:00:00Z").pnl("-3000.00").build();

            // when
            Evaluation result = replay(rules, MAR_3, day1, day2);

            // then
            assertThat(result.ending().orElseThrow().breaches()).containsExactly(TOTAL_DRAWDOWN_EXCEEDED);
            assertThat(result.ending().orElseThrow().dailyDrawdownPct()).isEqualTo(money("3.0928"));
        }
    }

    @Nested
    class Funding {

        @Test
        void fundsChallengeWhenProfitEqualsTheTargetExactly() {
            // given
            LedgerTrade gain = aTrade().at("2026-03-02T10:00:00Z").pnl("8010.00").commission("10.00").build();

            // when
            Evaluation result = replay(standard, MAR_2, gain);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.status()).isEqualTo(ChallengeStatus.FUNDED);
            assertThat(ending.reason()).isNull();
            assertThat(ending.breaches()).isEmpty();
            assertThat(ending.profitPct()).isEqualTo(money("8.0000"));
            assertThat(ending.thresholdPct()).isEqualByComparingTo("8");
            assertThat(ending.tradingDays()).isEqualTo(1);
        }

        @Test
        void waitsForTheMinimumTradingDaysIncludingTheCurrentOne() {
            // given the target reached on day one, but three trading days required
            ChallengeRules rules = aChallenge().withMinTradingDays(3).build();
            LedgerTrade gain = aTrade().at("2026-03-02T10:00:00Z").pnl("8000.00").build();
            LedgerTrade day2 = aTrade().at("2026-03-03T10:00:00Z").pnl("10.00").build();
            LedgerTrade day2Again = aTrade().at("2026-03-03T11:00:00Z").pnl("10.00").build();
            LedgerTrade day4 = aTrade().at("2026-03-05T10:00:00Z").pnl("1.00").build();

            // when
            Evaluation result = replay(rules, MAR_5, gain, day2, day2Again, day4);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.status()).isEqualTo(ChallengeStatus.FUNDED);
            assertThat(ending.trade()).isEqualTo(day4);
            assertThat(ending.tradingDays()).isEqualTo(3);
            assertThat(result.day(MAR_3).tradingDaysToDate()).isEqualTo(2);
            assertThat(result.day(MAR_4).tradingDaysToDate()).isEqualTo(2);
        }

        @Test
        void failsRatherThanFundsWhenOneTradeMeetsBothRules() {
            // given a 20% profit not yet funded (two days required), then a 5% daily loss that keeps 14% profit
            ChallengeRules rules = aChallenge().withProfitTarget("5").withMaxTotalDrawdown("50")
                    .withMinTradingDays(2).build();
            LedgerTrade gain = aTrade().at("2026-03-02T10:00:00Z").pnl("20000.00").build();
            LedgerTrade loss = aTrade().at("2026-03-03T10:00:00Z").pnl("-6000.00").build();

            // when
            Evaluation result = replay(rules, MAR_3, gain, loss);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.status()).isEqualTo(ChallengeStatus.FAILED);
            assertThat(ending.reason()).isEqualTo(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(ending.profitPct()).isEqualTo(money("14.0000"));
        }
    }

    @Nested
    class Expiry {

        private final ChallengeRules expiring = aChallenge().expiringAt("2026-03-03T12:00:00Z").build();

        @Test
        void expiresAtTheDeadlineAndIgnoresTradesAtOrAfterIt() {
            // given
            LedgerTrade before = aTrade().at("2026-03-03T11:59:59.999Z").pnl("-100.00").build();
            LedgerTrade atDeadline = aTrade().at("2026-03-03T12:00:00Z").pnl("9000.00").build();
            LedgerTrade after = aTrade().at("2026-03-04T10:00:00Z").pnl("-9000.00").build();

            // when
            Evaluation result = replay(expiring, MAR_4, before, atDeadline, after);

            // then
            ChallengeEnding ending = result.ending().orElseThrow();
            assertThat(ending.reason()).isEqualTo(EXPIRED);
            assertThat(ending.endedAt()).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
            assertThat(ending.trade()).isNull();
            assertThat(ending.equity()).isEqualTo(money("99900.00"));
            assertThat(ending.thresholdPct()).isNull();
            assertThat(result.tradesAfterEnd()).containsExactly(atDeadline, after);
            assertThat(result.finalEquity()).isEqualTo(money("99900.00"));
        }

        @Test
        void expiresWithoutAnyTradeOnceTheRangeReachesTheDeadline() {
            // when
            Evaluation beforeDeadline = replay(expiring, MAR_2);
            Evaluation throughDeadline = replay(expiring, MAR_3);

            // then
            assertThat(beforeDeadline.isActive()).isTrue();
            assertThat(throughDeadline.ending().orElseThrow().reason()).isEqualTo(EXPIRED);
            assertThat(throughDeadline.day(MAR_3).endedAt()).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
            assertThat(throughDeadline.day(MAR_2).endedAt()).isNull();
        }

        @Test
        void treatsADeadlineAtMidnightAsPartOfTheDayItOpens() {
            // given
            ChallengeRules rules = aChallenge().expiringAt("2026-03-03T00:00:00Z").build();

            // when
            Evaluation throughMar2 = replay(rules, MAR_2);
            Evaluation throughMar3 = replay(rules, MAR_3);

            // then
            assertThat(throughMar2.isActive()).isTrue();
            assertThat(throughMar3.ending().orElseThrow().businessDate()).isEqualTo(MAR_3);
        }

        @Test
        void cannotBeFundedByATradeAtTheDeadline() {
            // given
            LedgerTrade gain = aTrade().at("2026-03-03T12:00:00Z").pnl("20000.00").build();

            // when
            Evaluation result = replay(expiring, MAR_3, gain);

            // then
            assertThat(result.ending().orElseThrow().reason()).isEqualTo(EXPIRED);
            assertThat(result.day(MAR_3).tradeCount()).isZero();
        }
    }

    @Nested
    class DailyFigures {

        @Test
        void recordsTheIntradayLowAndTheDrawdownUsedWhenTheDayRecovers() {
            // given
            LedgerTrade loss = aTrade().at("2026-03-02T09:00:00Z").pnl("-3000.00").build();
            LedgerTrade recovery = aTrade().at("2026-03-02T15:00:00Z").pnl("2500.00").build();

            // when
            DailyStats day = replay(standard, MAR_2, loss, recovery).day(MAR_2);

            // then
            assertThat(day.openingEquity()).isEqualTo(money("100000.00"));
            assertThat(day.lowestEquity()).isEqualTo(money("97000.00"));
            assertThat(day.highestEquity()).isEqualTo(money("100000.00"));
            assertThat(day.closingEquity()).isEqualTo(money("99500.00"));
            assertThat(day.maxDailyDrawdownPctUsed()).isEqualTo(money("3.0000"));
            assertThat(day.netPnl()).isEqualTo(money("-500.00"));
        }

        @Test
        void reportsNoDrawdownUsedWhenEquityNeverFellBelowTheOpening() {
            // given
            LedgerTrade gain = aTrade().at("2026-03-02T09:00:00Z").pnl("300.00").build();
            LedgerTrade smallLoss = aTrade().at("2026-03-02T10:00:00Z").pnl("-200.00").build();

            // when
            DailyStats day = replay(standard, MAR_2, gain, smallLoss).day(MAR_2);

            // then
            assertThat(day.lowestEquity()).isEqualTo(money("100000.00"));
            assertThat(day.maxDailyDrawdownPctUsed()).isEqualTo(money("0.0000"));
        }

        @Test
        void sumsTheDaysTrades() {
            // given
            LedgerTrade win = aTrade().at("2026-03-02T09:00:00Z").pnl("250.00").commission("3.00")
                    .swap("-1.25").quantity("1.5").build();
            LedgerTrade lossTrade = aTrade().at("2026-03-02T10:00:00Z").pnl("-100.00").commission("2.00")
                    .swap("0.50").quantity("0.25").build();
            LedgerTrade flat = aTrade().at("2026-03-02T11:00:00Z").pnl("0").commission("1.00").quantity("2").build();
            LedgerTrade nextDay = aTrade().at("2026-03-03T11:00:00Z").pnl("5.00").build();

            // when
            DailyStats day = replay(standard, MAR_3, win, lossTrade, flat, nextDay).day(MAR_2);

            // then
            assertThat(day.tradeCount()).isEqualTo(3);
            assertThat(day.winningTrades()).isEqualTo(1);
            assertThat(day.losingTrades()).isEqualTo(1);
            assertThat(day.realizedPnl()).isEqualTo(money("150.00"));
            assertThat(day.commission()).isEqualTo(money("6.00"));
            assertThat(day.swap()).isEqualTo(money("-0.75"));
            assertThat(day.netPnl()).isEqualTo(money("143.25"));
            assertThat(day.volume()).isEqualTo(money("3.75000000"));
            assertThat(day.closingEquity()).isEqualTo(money("100143.25"));
            assertThat(day.tradingDaysToDate()).isEqualTo(1);
        }

        @Test
        void keepsARowForADayWithoutTrades() {
            // given
            LedgerTrade trade = aTrade().at("2026-03-02T09:00:00Z").pnl("1000.00").build();

            // when
            Evaluation result = replay(standard, MAR_4, trade);

            // then
            assertThat(result.days()).extracting(DailyStats::date).containsExactly(MAR_2, MAR_3, MAR_4);
            DailyStats quiet = result.day(MAR_3);
            assertThat(quiet.tradeCount()).isZero();
            assertThat(quiet.openingEquity()).isEqualTo(money("101000.00"));
            assertThat(quiet.closingEquity()).isEqualTo(money("101000.00"));
            assertThat(quiet.lowestEquity()).isEqualTo(money("101000.00"));
            assertThat(quiet.volume()).isEqualTo(money("0E-8"));
            assertThat(quiet.tradingDaysToDate()).isEqualTo(1);
        }

        @Test
        void reportsThePeakEverReachedNotJustTheDaysHigh() {
            // given
            LedgerTrade gain = aTrade().at("2026-03-02T09:00:00Z").pnl("2000.00").build();
            LedgerTrade loss = aTrade().at("2026-03-03T09:00:00Z").pnl("-1000.00").build();

            // when
            DailyStats day2 = replay(standard, MAR_3, gain, loss).day(MAR_3);

            // then
            assertThat(day2.peakEquity()).isEqualTo(money("102000.00"));
            assertThat(day2.highestEquity()).isEqualTo(money("102000.00"));
            assertThat(day2.closingEquity()).isEqualTo(money("101000.00"));
        }

        @Test
        void stopsEveryFigureAtTheChallengesEnd() {
            // given a failure at 10:00, then trades the same day and the next
            LedgerTrade breach = aTrade().at("2026-03-02T10:00:00Z").pnl("-5000.00").quantity("2").build();
            LedgerTrade sameDay = aTrade().at("2026-03-02T11:00:00Z").pnl("3000.00").quantity("5").build();
            LedgerTrade nextDay = aTrade().at("2026-03-03T11:00:00Z").pnl("9000.00").build();

            // when
            Evaluation result = replay(standard, MAR_3, breach, sameDay, nextDay);

            // then
            DailyStats endDay = result.day(MAR_2);
            assertThat(endDay.tradeCount()).isEqualTo(1);
            assertThat(endDay.volume()).isEqualByComparingTo("2");
            assertThat(endDay.closingEquity()).isEqualTo(money("95000.00"));
            assertThat(endDay.endedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            DailyStats after = result.day(MAR_3);
            assertThat(after.tradeCount()).isZero();
            assertThat(after.openingEquity()).isEqualTo(money("95000.00"));
            assertThat(after.closingEquity()).isEqualTo(money("95000.00"));
            assertThat(after.tradingDaysToDate()).isEqualTo(1);
            assertThat(result.finalEquity()).isEqualTo(money("95000.00"));
            assertThat(result.tradesAfterEnd()).containsExactly(sameDay, nextDay);
        }

        @Test
        void treatsATradeAtTheSameInstantButLaterInTheLedgerAsAfterTheEnd() {
            // given
            LedgerTrade breach = aTrade().at("2026-03-02T10:00:00Z").sequence(1).pnl("-5000.00").build();
            LedgerTrade sameInstant = aTrade().at("2026-03-02T10:00:00Z").sequence(2).pnl("5000.00").build();

            // when
            Evaluation result = replay(standard, MAR_2, sameInstant, breach);

            // then
            assertThat(result.ending().orElseThrow().trade()).isEqualTo(breach);
            assertThat(result.tradesAfterEnd()).containsExactly(sameInstant);
        }

        @Test
        void replaysALateArrivalAtItsExecutionTimeNotItsLedgerPosition() {
            // given the loss reached the ledger after the gain but was executed before it
            LedgerTrade gain = aTrade().at("2026-03-02T10:00:00Z").sequence(1).pnl("5000.00").build();
            LedgerTrade lateLoss = aTrade().at("2026-03-02T09:00:00Z").sequence(2).pnl("-5000.00").build();

            // when
            Evaluation result = replay(standard, MAR_2, gain, lateLoss);

            // then
            assertThat(result.ending().orElseThrow().trade()).isEqualTo(lateLoss);
        }

        @Test
        void describesTheDayUnderTheContractsEventKeys() {
            // given
            LedgerTrade trade = aTrade().at("2026-03-02T09:00:00Z").pnl("-1200.00").commission("4.50").build();

            // when
            String json = CanonicalJson.write(replay(standard, MAR_2, trade).day(MAR_2).eventFields());

            // then
            assertThat(json).isEqualTo("{\"business_date\":\"2026-03-02\",\"closing_equity\":\"98795.50\","
                    + "\"commission\":\"4.50\",\"highest_equity\":\"100000.00\",\"ledger_ended_at\":null,"
                    + "\"losing_trades\":1,\"lowest_equity\":\"98795.50\",\"max_daily_drawdown_pct_used\":\"1.2045\","
                    + "\"net_pnl\":\"-1204.50\",\"opening_equity\":\"100000.00\",\"peak_equity\":\"100000.00\","
                    + "\"realized_pnl\":\"-1200.00\",\"swap\":\"0.00\",\"trade_count\":1,"
                    + "\"trading_days_to_date\":1,\"volume\":\"1.00000000\",\"winning_trades\":0}");
        }
    }

    @Nested
    class Checkpoints {

        @Test
        void continuesFromACheckpointWithItsDailyStartAndTradingDays() {
            // given day three opens at 104000 after a peak of 106000 and two trading days
            ChallengeRules rules = aChallenge().withMinTradingDays(4).build();
            LedgerCheckpoint opening = new LedgerCheckpoint(MAR_4, money("104000.00"), money("106000.00"), 2, null);
            LedgerTrade loss = aTrade().at("2026-03-04T10:00:00Z").pnl("-5200.00").build();

            // when
            DayEvaluation result = RuleEvaluator.evaluateDay(rules, opening, List.of(loss));

            // then
            assertThat(result.ending().orElseThrow().reason()).isEqualTo(DAILY_DRAWDOWN_EXCEEDED);
            assertThat(result.ending().orElseThrow().totalDrawdownPct()).isEqualTo(money("6.7925"));
            assertThat(result.stats().tradingDaysToDate()).isEqualTo(3);
            assertThat(result.closingCheckpoint())
                    .isEqualTo(new LedgerCheckpoint(MAR_5, money("98800.00"), money("106000.00"), 3,
                            Instant.parse("2026-03-04T10:00:00Z")));
        }

        @Test
        void changesNothingAfterAnEndTheCheckpointAlreadyHolds() {
            // given
            LedgerCheckpoint ended = new LedgerCheckpoint(MAR_4, money("95000.00"), money("100000.00"), 1,
                    Instant.parse("2026-03-02T10:00:00Z"));
            LedgerTrade trade = aTrade().at("2026-03-04T10:00:00Z").pnl("-50000.00").build();

            // when
            DayEvaluation result = RuleEvaluator.evaluateDay(standard, ended, List.of(trade));

            // then
            assertThat(result.isActive()).isFalse();
            assertThat(result.endedBeforeDay()).isTrue();
            assertThat(result.ending()).isEmpty();
            assertThat(result.tradesAfterEnd()).containsExactly(trade);
            assertThat(result.stats().closingEquity()).isEqualTo(money("95000.00"));
        }

        @Test
        void rejectsTradesOutsideTheRange() {
            LedgerCheckpoint opening = LedgerCheckpoint.initial(standard, MAR_3);
            LedgerTrade before = aTrade().at("2026-03-02T23:59:59.999Z").build();
            LedgerTrade after = aTrade().at("2026-03-04T00:00:00Z").build();

            assertThatThrownBy(() -> RuleEvaluator.evaluateDay(standard, opening, List.of(before)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleEvaluator.evaluateDay(standard, opening, List.of(after)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleEvaluator.evaluate(standard, opening, List.of(), MAR_2))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsACheckpointThatCannotHoldItsEnd() {
            assertThatThrownBy(() -> new LedgerCheckpoint(MAR_3, money("1"), money("1"), 0, MAR_3.start()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LedgerCheckpoint(MAR_3, money("2"), money("1"), 0, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void skipsTheDailyRuleOnADayThatOpensWithoutPositiveEquity() {
        // given limits above 100%, so the account can be wiped out and keep trading
        ChallengeRules rules = aChallenge().withMaxDailyDrawdown("200").withMaxTotalDrawdown("300").build();
        LedgerTrade wipeout = aTrade().at("2026-03-02T10:00:00Z").pnl("-100000.00").build();
        LedgerTrade further = aTrade().at("2026-03-03T10:00:00Z").pnl("-1000.00").build();

        // when
        Evaluation result = replay(rules, MAR_3, wipeout, further);

        // then
        assertThat(result.isActive()).isTrue();
        assertThat(result.day(MAR_2).maxDailyDrawdownPctUsed()).isEqualTo(money("100.0000"));
        assertThat(result.day(MAR_3).maxDailyDrawdownPctUsed()).isEqualTo(money("0.0000"));
        assertThat(result.finalEquity()).isEqualTo(money("-1000.00"));
    }
}
