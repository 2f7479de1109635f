package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RuleEvaluatorProperties {

    private static final BusinessDate FIRST = BusinessDate.parse("2026-03-01");
    private static final BigDecimal UNREACHABLE_PCT = new BigDecimal("999.99");

    /** A challenge's ledger over a few business dates, with arrival order independent of execution order. */
    record Scenario(ChallengeRules rules, BusinessDate through, List<LedgerTrade> trades) {

        LedgerCheckpoint opening() {
            return LedgerCheckpoint.initial(rules, FIRST);
        }

        Evaluation evaluateAtOnce() {
            return RuleEvaluator.evaluate(rules, opening(), trades, through);
        }

        Scenario withRules(ChallengeRules other) {
            return new Scenario(other, through, trades);
        }

        List<LedgerTrade> tradesOn(BusinessDate date) {
            return trades.stream().filter(t -> t.businessDate().equals(date)).toList();
        }
    }

    record TradeSpec(int day, int tenMinuteSlot, BigDecimal pnlFraction, BigDecimal commission, BigDecimal swap,
                     BigDecimal quantity) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<BigDecimal> balance = Arbitraries.bigDecimals()
                .between(new BigDecimal("1000"), new BigDecimal("1000000")).ofScale(2);
        Arbitrary<BigDecimal> daily = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.50"), new BigDecimal("12")).ofScale(2);
        Arbitrary<BigDecimal> total = Arbitraries.bigDecimals()
                .between(new BigDecimal("1"), new BigDecimal("25")).ofScale(2);
        Arbitrary<BigDecimal> target = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.5"), new BigDecimal("20")).ofScale(2);
        Arbitrary<Integer> minDays = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> dayCount = Arbitraries.integers().between(1, 8);
        // Deadlines at exactly midnight are drawn on purpose: they belong to the day they open.
        Arbitrary<Integer> expiryMinute = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9 * 24 * 60),
                Arbitraries.integers().between(0, 9).map(day -> day * 24 * 60));
        Arbitrary<Boolean> hasExpiry = Arbitraries.of(true, false);

        return dayCount.flatMap(days -> Combinators.combine(balance, daily, total, target, minDays,
                        hasExpiry, expiryMinute, tradeSpecs(days))
                .as((b, d, t, p, m, e, minute, specs) -> {
                    Instant expiresAt = e ? FIRST.start().plusSeconds(60L * minute) : null;
                    ChallengeRules rules = new ChallengeRules(b, d, t, p, m, expiresAt);
                    return new Scenario(rules, FIRST.plusDays(days - 1), trades(b, specs));
                }));
    }

    private Arbitrary<List<TradeSpec>> tradeSpecs(int days) {
        Arbitrary<TradeSpec> spec = Combinators.combine(
                Arbitraries.integers().between(0, days - 1),
                Arbitraries.integers().between(0, 143),
                Arbitraries.bigDecimals().between(new BigDecimal("-0.03"), new BigDecimal("0.03")).ofScale(5),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50")).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("-20"), new BigDecimal("20")).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("10")).ofScale(2))
                .as(TradeSpec::new);
        return spec.list().ofMaxSize(40);
    }

    /** The list order is the ledger's append order; execution times are drawn independently of it. */
    private static List<LedgerTrade> trades(BigDecimal balance, List<TradeSpec> specs) {
        List<LedgerTrade> trades = new ArrayList<>();
        long sequence = 0;
        for (TradeSpec spec : specs) {
            Instant at = FIRST.plusDays(spec.day()).start().plusSeconds(600L * spec.tenMinuteSlot());
            BigDecimal pnl = balance.multiply(spec.pnlFraction()).setScale(2, RoundingMode.HALF_EVEN);
            trades.add(new LedgerTrade(UUID.randomUUID(), ++sequence, at, "EURUSD", TradeSide.BUY,
                    spec.quantity(), new BigDecimal("1.085"), spec.commission(), spec.swap(), pnl));
        }
        return trades;
    }

    private static ChallengeRules unlimited(ChallengeRules rules) {
        return new ChallengeRules(rules.initialBalance(), UNREACHABLE_PCT, UNREACHABLE_PCT, UNREACHABLE_PCT, 0,
                null);
    }

    @Property(tries = 500)
    void equityAfterTheLastTradeIsTheInitialBalancePlusEveryEffectWhenNothingEndsTheChallenge(
            @ForAll("scenarios") Scenario scenario) {
        // given
        Scenario open = scenario.withRules(unlimited(scenario.rules()));

        // when
        Evaluation result = open.evaluateAtOnce();

        // then
        BigDecimal expected = open.trades().stream().map(LedgerTrade::effect)
                .reduce(open.rules().initialBalance(), BigDecimal::add);
        assertThat(result.isActive()).isTrue();
        assertThat(result.finalEquity()).isEqualTo(expected);
        assertThat(result.tradesAfterEnd()).isEmpty();
        assertThat(result.days().stream().mapToInt(DailyStats::tradeCount).sum()).isEqualTo(open.trades().size());
    }

    @Property(tries = 500)
    void equityIsTheInitialBalancePlusTheEffectsOfExactlyTheTradesBeforeTheEnd(
            @ForAll("scenarios") Scenario scenario) {
        // when
        Evaluation result = scenario.evaluateAtOnce();

        // then
        List<LedgerTrade> counted = new ArrayList<>(scenario.trades());
        counted.removeAll(result.tradesAfterEnd());
        BigDecimal expected = counted.stream().map(LedgerTrade::effect)
                .reduce(scenario.rules().initialBalance(), BigDecimal::add);
        assertThat(result.finalEquity()).isEqualTo(expected);
        result.ending().ifPresent(ending -> {
            assertThat(ending.equity()).isEqualTo(expected);
            assertThat(counted).allSatisfy(t -> assertThat(t.executedAt()).isBeforeOrEqualTo(ending.endedAt()));
        });
    }

    @Property(tries = 500)
    void neverFailsForDailyDrawdownWhenNoDayReachesItsFloor(@ForAll("scenarios") Scenario scenario) {
        // given the figures every day would have without any rule
        Evaluation unconstrained = scenario.withRules(unlimited(scenario.rules())).evaluateAtOnce();
        BigDecimal limit = scenario.rules().maxDailyDrawdownPct();
        boolean staysAboveFloor = unconstrained.days().stream().allMatch(day ->
                day.openingEquity().subtract(day.lowestEquity()).multiply(BigDecimal.valueOf(100))
                        .compareTo(limit.multiply(day.openingEquity())) < 0);
        Assume.that(staysAboveFloor);

        // when
        Evaluation result = scenario.evaluateAtOnce();

        // then
        result.ending().ifPresent(ending ->
                assertThat(ending.breaches()).doesNotContain(FailureReason.DAILY_DRAWDOWN_EXCEEDED));
    }

    @Property(tries = 500)
    void failsForDailyDrawdownAtTheFirstTradeThatReachesTheFloorWhenNothingElseEndedItBefore(
            @ForAll("scenarios") Scenario scenario) {
        // given only the daily rule can end the challenge
        ChallengeRules rules = scenario.rules();
        ChallengeRules dailyOnly = new ChallengeRules(rules.initialBalance(), rules.maxDailyDrawdownPct(),
                UNREACHABLE_PCT, UNREACHABLE_PCT, 0, null);
        Evaluation unconstrained = scenario.withRules(unlimited(rules)).evaluateAtOnce();
        Optional<DailyStats> firstBreachDay = unconstrained.days().stream()
                .filter(day -> Money.drawdownReaches(day.openingEquity(), day.lowestEquity(),
                        rules.maxDailyDrawdownPct()))
                .findFirst();

        // when
        Evaluation result = scenario.withRules(dailyOnly).evaluateAtOnce();

        // then
        assertThat(result.ending().map(e -> e.businessDate())).isEqualTo(firstBreachDay.map(DailyStats::date));
        result.ending().ifPresent(ending -> {
            assertThat(ending.reason()).isEqualTo(FailureReason.DAILY_DRAWDOWN_EXCEEDED);
            assertThat(Money.drawdownReaches(ending.dailyStartEquity(), ending.equity(),
                    rules.maxDailyDrawdownPct())).isTrue();
        });
    }

    @Property(tries = 500)
    void eachDayOpensWhereThePreviousDayClosed(@ForAll("scenarios") Scenario scenario) {
        // when
        List<DailyStats> days = scenario.evaluateAtOnce().days();

        // then
        assertThat(days.get(0).openingEquity()).isEqualTo(scenario.rules().initialBalance());
        for (int i = 1; i < days.size(); i++) {
            DailyStats previous = days.get(i - 1);
            DailyStats day = days.get(i);
            assertThat(day.date()).isEqualTo(previous.date().next());
            assertThat(day.openingEquity()).isEqualTo(previous.closingEquity());
            assertThat(day.peakEquity()).isGreaterThanOrEqualTo(previous.peakEquity());
            assertThat(day.tradingDaysToDate()).isBetween(previous.tradingDaysToDate(),
                    previous.tradingDaysToDate() + 1);
        }
    }

    @Property(tries = 500)
    void dailyFiguresAreConsistentWithEachOther(@ForAll("scenarios") Scenario scenario) {
        for (DailyStats day : scenario.evaluateAtOnce().days()) {
            assertThat(day.netPnl()).isEqualTo(day.closingEquity().subtract(day.openingEquity()));
            assertThat(day.netPnl()).isEqualTo(day.realizedPnl().add(day.swap()).subtract(day.commission()));
            assertThat(day.lowestEquity()).isLessThanOrEqualTo(day.openingEquity())
                    .isLessThanOrEqualTo(day.highestEquity());
            assertThat(day.lowestEquity()).isLessThanOrEqualTo(day.closingEquity());
            assertThat(day.highestEquity()).isLessThanOrEqualTo(day.peakEquity());
            assertThat(day.maxDailyDrawdownPctUsed())
                    .isEqualTo(Money.drawdownPct(day.openingEquity(), day.lowestEquity()));
            assertThat(day.winningTrades() + day.losingTrades()).isLessThanOrEqualTo(day.tradeCount());
        }
    }

    @Property(tries = 500)
    void replayingDayByDayFromCheckpointsEqualsReplayingAllDaysAtOnce(@ForAll("scenarios") Scenario scenario) {
        // given
        Evaluation atOnce = scenario.evaluateAtOnce();

        // when
        List<DailyStats> days = new ArrayList<>();
        List<LedgerTrade> afterEnd = new ArrayList<>();
        List<ChallengeEnding> endings = new ArrayList<>();
        LedgerCheckpoint checkpoint = scenario.opening();
        for (BusinessDate date : BusinessDate.range(FIRST, scenario.through())) {
            DayEvaluation day = RuleEvaluator.evaluateDay(scenario.rules(), checkpoint, scenario.tradesOn(date));
            days.add(day.stats());
            afterEnd.addAll(day.tradesAfterEnd());
            day.ending().ifPresent(endings::add);
            checkpoint = day.closingCheckpoint();
        }

        // then
        assertThat(days).isEqualTo(atOnce.days());
        assertThat(afterEnd).isEqualTo(atOnce.tradesAfterEnd());
        assertThat(endings).hasSizeLessThanOrEqualTo(1);
        assertThat(endings.stream().findFirst()).isEqualTo(atOnce.ending());
        assertThat(checkpoint).isEqualTo(atOnce.closingCheckpoint());
        assertThat(checkpoint.equity()).isEqualTo(atOnce.finalEquity());
        assertThat(checkpoint.peak()).isEqualTo(atOnce.finalPeak());
        assertThat(checkpoint.tradingDays()).isEqualTo(atOnce.tradingDays());
    }

    @Property(tries = 300)
    void splittingTheRangeAtAnyDateChangesNothing(@ForAll("scenarios") Scenario scenario,
                                                  @ForAll("splits") int split) {
        // given
        Assume.that(split < FIRST.date().until(scenario.through().date()).getDays());
        BusinessDate lastOfFirstPart = FIRST.plusDays(split);
        List<LedgerTrade> firstPart = scenario.trades().stream()
                .filter(t -> !t.businessDate().isAfter(lastOfFirstPart)).toList();
        List<LedgerTrade> secondPart = scenario.trades().stream()
                .filter(t -> t.businessDate().isAfter(lastOfFirstPart)).toList();
        Evaluation atOnce = scenario.evaluateAtOnce();

        // when
        Evaluation head = RuleEvaluator.evaluate(scenario.rules(), scenario.opening(), firstPart, lastOfFirstPart);
        Evaluation tail = RuleEvaluator.evaluate(scenario.rules(), head.closingCheckpoint(), secondPart,
                scenario.through());

        // then
        List<DailyStats> joined = new ArrayList<>(head.days());
        joined.addAll(tail.days());
        assertThat(joined).isEqualTo(atOnce.days());
        assertThat(head.ending().or(tail::ending)).isEqualTo(atOnce.ending());
        assertThat(tail.finalEquity()).isEqualTo(atOnce.finalEquity());
        assertThat(tail.endedBeforeRange()).isEqualTo(head.ending().isPresent());
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers().between(0, 6);
    }

    @Property(tries = 500)
    void theReplayDependsOnExecutionTimeNotOnTheOrderTradesAreHandedIn(@ForAll("scenarios") Scenario scenario) {
        // given
        List<LedgerTrade> reversed = new ArrayList<>(scenario.trades());
        java.util.Collections.reverse(reversed);

        // when
        Evaluation original = scenario.evaluateAtOnce();
        Evaluation fromReversed = new Scenario(scenario.rules(), scenario.through(), reversed).evaluateAtOnce();

        // then
        assertThat(fromReversed).isEqualTo(original);
    }
}
