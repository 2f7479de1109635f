package com.tradesense.batch.pnl;

import com.tradesense.batch.config.SoftwareVersion;
import com.tradesense.batch.domain.AlertSeverity;
import com.tradesense.batch.domain.AlertType;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.domain.ChallengeEnding;
import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.ChallengeStatus;
import com.tradesense.batch.domain.DailyStats;
import com.tradesense.batch.domain.DayEvaluation;
import com.tradesense.batch.domain.EventIds;
import com.tradesense.batch.domain.EventType;
import com.tradesense.batch.domain.Evaluation;
import com.tradesense.batch.domain.FailureReason;
import com.tradesense.batch.domain.IdempotencyKeys;
import com.tradesense.batch.domain.LedgerCheckpoint;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.domain.Money;
import com.tradesense.batch.domain.RuleEvaluator;
import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.ledger.RiskAlerts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Closes one challenge's business date: replays the date's trades from the opening checkpoint, writes the
 * DAILY_PNL event (or a restatement when the ledger changed), applies the rule outcome, raises alerts, updates the
 * live figures and restates the later days already processed. Runs inside the caller's transaction, so everything
 * for one challenge commits together.
 */
public final class DailyPnlProcessor {

    /** What one call did; {@code needsAttention} when the ledger and the platform disagree. */
    public record Outcome(DayResult result, boolean endedNow, boolean needsAttention, int laterDaysRestated) {

        static Outcome notActive() {
            return new Outcome(DayResult.NOT_ACTIVE, false, false, 0);
        }
    }

    /** Where the event rows come from: the job, its execution, the system clock for {@code created_at}. */
    public record RunContext(String jobName, Long jobExecutionId, Clock clock) {
    }

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private final PnlLedger ledger;
    private final EventAppender events;
    private final RiskAlerts alerts;
    private final PnlSettings settings;

    public DailyPnlProcessor(PnlLedger ledger, PnlSettings settings) {
        this.ledger = ledger;
        this.events = new EventAppender(ledger.dialect());
        this.alerts = new RiskAlerts(ledger.dialect());
        this.settings = settings;
    }

    public Outcome process(Connection c, UUID challengeId, BusinessDate day, RunContext run) throws SQLException {
        Optional<ChallengeSnapshot> locked = ledger.lockChallenge(c, challengeId);
        if (locked.isEmpty() || !locked.get().activeDuring(day)) {
            return Outcome.notActive();
        }
        Outcome outcome = processDay(c, locked.get(), day, run);
        if (outcome.result() != DayResult.RESTATED) {
            return outcome;
        }
        // A restated day changes the opening of every later day already processed: restate them in order.
        int restated = 0;
        boolean attention = outcome.needsAttention();
        for (DailyClosing later : ledger.closingsAfter(c, challengeId, day)) {
            ChallengeSnapshot current = ledger.readChallenge(c, challengeId).orElseThrow();
            Outcome next = processDay(c, current, later.date(), run);
            attention |= next.needsAttention();
            if (next.result() == DayResult.RESTATED) {
                restated++;
            }
        }
        return new Outcome(outcome.result(), outcome.endedNow(), attention, restated);
    }

    /**
     * Closes D for a chunk of challenges with one statement per kind of read and one batch per kind of write. The
     * common case (an active challenge whose previous closing is still true, no end during D, D not closed yet)
     * is handled here; every other challenge — an end, a late trade, a restatement, a platform end — goes through
     * {@link #process} one by one, in the same transaction.
     *
     * @return the outcomes of the challenges that took the one-by-one path, and the count of the fast ones
     */
    public ChunkOutcome processChunk(Connection c, List<UUID> ids, BusinessDate day, RunContext run) throws SQLException {
        if (ids.isEmpty()) {
            return new ChunkOutcome(0, List.of());
        }
        Map<UUID, ChunkState> states = ledger.loadChunk(c, ids, day, settings.activityHistoryDays());
        Instant now = run.clock().instant();
        List<UUID> oneByOne = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        for (ChunkState state : states.values()) {
            ChallengeSnapshot challenge = state.challenge;
            if (!challenge.activeDuring(day)) {
                continue;
            }
            Plan plan = challenge.isEnded() || state.lateTrade || state.laterClosings ? null : plan(state, day, run);
            if (plan == null) {
                oneByOne.add(challenge.id());
            } else if (plan != Plan.UNCHANGED) {
                plans.add(plan);
            }
        }
        // The row updates first: an end whose row moved on since it was read goes one by one instead.
        List<PnlLedger.Ending> endings = plans.stream().filter(p -> p.ending != null).map(p -> p.ending).toList();
        java.util.Set<UUID> lost = new java.util.HashSet<>();
        for (PnlLedger.Ending conflict : ledger.endChallengesBatch(c, endings, now)) {
            lost.add(conflict.challenge().id());
            oneByOne.add(conflict.challenge().id());
        }
        List<NewEvent> newEvents = new ArrayList<>();
        List<DailyClosing> newClosings = new ArrayList<>();
        List<RiskAlerts.NewAlert> newAlerts = new ArrayList<>();
        List<PnlLedger.LiveFigures> live = new ArrayList<>();
        Map<UUID, Long> lastSequence = new java.util.HashMap<>();
        for (Plan plan : plans) {
            UUID id = plan.closing.challengeId();
            if (lost.contains(id)) {
                continue;
            }
            newEvents.addAll(plan.events);
            newClosings.add(plan.closing);
            newAlerts.addAll(plan.alerts);
            lastSequence.put(id, states.get(id).lastEventSequence);
            if (plan.live != null) {
                live.add(plan.live);
            }
        }
        events.appendLocked(c, newEvents, lastSequence, now);
        ledger.insertNewClosings(c, newClosings, run.jobExecutionId(), now);
        alerts.raiseAll(c, newAlerts, now);
        for (PnlLedger.LiveFigures conflict : ledger.updateLiveFiguresBatch(c, live, now)) {
            retryLiveFigures(c, conflict, now);
        }
        List<Outcome> slow = new ArrayList<>();
        for (UUID id : oneByOne) {
            slow.add(process(c, id, day, run));
        }
        return new ChunkOutcome(newClosings.size(), slow);
    }

    /** The writes the batched path plans for one challenge. */
    private static final class Plan {
        static final Plan UNCHANGED = new Plan();
        final List<NewEvent> events = new ArrayList<>();
        final List<RiskAlerts.NewAlert> alerts = new ArrayList<>();
        DailyClosing closing;
        PnlLedger.LiveFigures live;
        PnlLedger.Ending ending;
    }

    /** What the batched path writes for a challenge, {@link Plan#UNCHANGED}, or null when it must go one by one. */
    private Plan plan(ChunkState state, BusinessDate day, RunContext run) {
        ChallengeSnapshot challenge = state.challenge;
        ChallengeRules rules = challenge.rules();
        LedgerCheckpoint opening;
        if (state.previous != null) {
            opening = state.previous.nextOpening();
        } else if (!state.hasTradesBeforeDay && !BusinessDate.of(challenge.start()).isBefore(day)) {
            opening = LedgerCheckpoint.initial(rules, day);
        } else {
            return null;
        }
        if (opening.isEnded()) {
            return null;
        }
        DayEvaluation evaluation = RuleEvaluator.evaluateDay(rules, opening, state.trades);
        DailyStats stats = evaluation.stats();
        String figures = sha256(CanonicalJson.write(stats.eventFields()));
        if (state.today != null) {
            return state.today.figuresSha256().equals(figures) ? Plan.UNCHANGED : null;
        }
        Plan plan = new Plan();
        String key = IdempotencyKeys.dailyPnl(challenge.id(), day);
        plan.events.add(dailyPnlEvent(challenge, stats, run, key, EventType.DAILY_PNL_CALCULATED, 1, null));
        BigDecimal riskScore = riskScore(rules, stats);
        plan.closing = new DailyClosing(challenge.id(), day, 1, stats.openingEquity(), stats.closingEquity(),
                stats.peakEquity(), stats.lowestEquity(), stats.tradingDaysToDate(), stats.tradeCount(), stats.volume(),
                stats.maxDailyDrawdownPctUsed(), riskScore, stats.endedAt(),
                evaluation.ending().map(DailyPnlProcessor::outcomeName).orElse(null), state.watermark, figures,
                EventIds.fromIdempotencyKey(key));
        BigDecimal current = evaluation.ending().isPresent() ? stats.closingEquity()
                : Money.of(stats.closingEquity().add(state.laterEffect));
        BigDecimal peak = Money.of((challenge.maxEquityEver() == null ? stats.peakEquity()
                : challenge.maxEquityEver().max(stats.peakEquity())).max(current));
        if (evaluation.ending().isPresent()) {
            ChallengeEnding ending = evaluation.ending().get();
            EndingWrites writes = endingWrites(challenge, ending, run);
            plan.events.addAll(writes.events());
            plan.alerts.addAll(writes.alerts());
            plan.ending = new PnlLedger.Ending(challenge, ending.status(),
                    ending.reason() == null ? null : ending.reason().name(), ending.endedAt(), current, peak);
        } else if (challenge.currentEquity() == null || challenge.currentEquity().compareTo(current) != 0
                || challenge.maxEquityEver() == null || challenge.maxEquityEver().compareTo(peak) != 0) {
            plan.live = new PnlLedger.LiveFigures(challenge, current, peak);
        }
        plan.alerts.addAll(dayAlerts(challenge, rules, stats, riskScore, state.history, day, run));
        afterEndAlert(challenge, evaluation.tradesAfterEnd(), List.of(), day, run).ifPresent(plan.alerts::add);
        return plan;
    }

    /** What {@link #processChunk} did. */
    public record ChunkOutcome(int calculatedInBatch, List<Outcome> oneByOne) {
    }

    private void retryLiveFigures(Connection c, PnlLedger.LiveFigures update, Instant now) throws SQLException {
        for (int attempt = 0; attempt < 10; attempt++) {
            ChallengeSnapshot row = ledger.readChallenge(c, update.challenge().id()).orElseThrow();
            if (ledger.updateLiveFigures(c, row, update.currentEquity(), update.maxEquityEver().max(row.maxEquityEver()),
                    now)) {
                return;
            }
        }
        throw new OptimisticLockConflict(update.challenge().id());
    }

    private Outcome processDay(Connection c, ChallengeSnapshot challenge, BusinessDate day, RunContext run)
            throws SQLException {
        ChallengeRules rules = challenge.rules();
        Opening start = opening(c, challenge, day);
        if (start.endingBefore().isPresent() && challenge.status() == ChallengeStatus.ACTIVE) {
            // The ledger ended it on an earlier day that was never closed: apply that end; D is after it.
            boolean ended = end(c, challenge, start.endingBefore().get(), run, run.clock().instant());
            return new Outcome(DayResult.NOT_ACTIVE, ended, false, 0);
        }
        LedgerCheckpoint opening = start.checkpoint();
        List<LedgerTrade> tradesOfDay = ledger.trades(c, challenge.id(), day.start(), day.end());

        // The platform may have ended the challenge in real time; its end stops the figures like the ledger's own.
        List<LedgerTrade> afterPlatformEnd = new ArrayList<>();
        List<LedgerTrade> replayed = tradesOfDay;
        if (challenge.isEnded() && challenge.endedAt() != null) {
            replayed = new ArrayList<>();
            for (LedgerTrade trade : tradesOfDay) {
                (trade.executedAt().isAfter(challenge.endedAt()) ? afterPlatformEnd : replayed).add(trade);
            }
        }
        DayEvaluation evaluation = RuleEvaluator.evaluateDay(rules, opening, replayed);
        DailyStats stats = evaluation.stats();
        Instant now = run.clock().instant();
        String figures = sha256(CanonicalJson.write(stats.eventFields()));
        Optional<DailyClosing> existing = ledger.closing(c, challenge.id(), day);
        DayResult result;
        int revision;
        UUID eventId;
        if (existing.isPresent() && existing.get().figuresSha256().equals(figures)) {
            result = DayResult.UNCHANGED;
            revision = existing.get().revision();
            eventId = existing.get().eventId();
        } else if (existing.isEmpty()) {
            result = DayResult.CALCULATED;
            revision = 1;
            String key = IdempotencyKeys.dailyPnl(challenge.id(), day);
            eventId = events.append(c, dailyPnlEvent(challenge, stats, run, key, EventType.DAILY_PNL_CALCULATED, 1, null),
                    now).id();
        } else {
            result = DayResult.RESTATED;
            revision = existing.get().revision() + 1;
            String key = IdempotencyKeys.dailyPnlRestated(challenge.id(), day, revision);
            eventId = events.append(c, dailyPnlEvent(challenge, stats, run, key, EventType.DAILY_PNL_RESTATED, revision,
                    existing.get()), now).id();
        }
        BigDecimal riskScore = riskScore(rules, stats);
        if (result != DayResult.UNCHANGED) {
            ledger.saveClosing(c, new DailyClosing(challenge.id(), day, revision, stats.openingEquity(),
                    stats.closingEquity(), stats.peakEquity(), stats.lowestEquity(), stats.tradingDaysToDate(),
                    stats.tradeCount(), stats.volume(), stats.maxDailyDrawdownPctUsed(), riskScore,
                    stats.endedAt(), evaluation.ending().map(DailyPnlProcessor::outcomeName)
                            .orElse(existing.map(DailyClosing::ledgerOutcome).orElse(null)),
                    ledger.watermark(c, challenge.id()), figures, eventId), run.jobExecutionId(), now);
        }

        boolean endedNow = false;
        boolean attention = false;
        if (evaluation.ending().isPresent()) {
            ChallengeEnding ending = evaluation.ending().get();
            ChallengeSnapshot current = challenge;
            if (current.status() == ChallengeStatus.ACTIVE) {
                endedNow = end(c, current, ending, run, now);
                if (!endedNow) {
                    current = ledger.readChallenge(c, challenge.id()).orElseThrow();
                }
            }
            if (!endedNow && current.status() != ChallengeStatus.ACTIVE && !agrees(current, ending)) {
                challenge = current;
                attention = true;
                reportDisagreement(c, challenge, ending, day, run, now);
            }
        }
        raiseDayAlerts(c, challenge, rules, evaluation, riskScore, day, run, now);
        raiseAfterEndAlert(c, challenge, evaluation.tradesAfterEnd(), afterPlatformEnd, day, run, now);
        updateLiveFigures(c, endedNow ? ledger.readChallenge(c, challenge.id()).orElseThrow() : challenge, day, stats,
                now);
        return new Outcome(result, endedNow, attention, 0);
    }

    /**
     * Fails an ACTIVE challenge whose deadline falls on or before the end of {@code day} with reason EXPIRED (or the
     * earlier breach the ledger shows before the deadline), with the figures as of the deadline.
     *
     * @return true when the challenge was ended by this call
     */
    public boolean expire(Connection c, UUID challengeId, BusinessDate day, RunContext run) throws SQLException {
        Optional<ChallengeSnapshot> locked = ledger.lockChallenge(c, challengeId);
        if (locked.isEmpty()) {
            return false;
        }
        ChallengeSnapshot challenge = locked.get();
        if (challenge.status() != ChallengeStatus.ACTIVE || challenge.expiresAt() == null
                || challenge.expiresAt().isAfter(day.end()) || challenge.deletedAt() != null) {
            return false;
        }
        BusinessDate deadlineDay = BusinessDate.of(challenge.expiresAt());
        Opening start = opening(c, challenge, deadlineDay);
        if (start.endingBefore().isPresent()) {
            return end(c, challenge, start.endingBefore().get(), run, run.clock().instant());
        }
        LedgerCheckpoint opening = start.checkpoint();
        List<LedgerTrade> beforeDeadline = ledger.trades(c, challenge.id(), deadlineDay.start(), challenge.expiresAt());
        DayEvaluation evaluation = RuleEvaluator.evaluateDay(challenge.rules(), opening, beforeDeadline);
        if (evaluation.ending().isEmpty()) {
            throw new IllegalStateException("challenge " + challengeId + " has a deadline " + challenge.expiresAt()
                    + " that the replay of " + deadlineDay + " did not reach");
        }
        return end(c, challenge, evaluation.ending().get(), run, run.clock().instant());
    }

    /** The checkpoint D opens with: yesterday's closing when it is still true, else a replay of the history. */
    /**
     * Where D opens, and — when the opening had to be replayed from the history — how the ledger ended the challenge
     * before D, if it did: a night that was skipped must not leave a challenge ACTIVE that the ledger ended.
     */
    private record Opening(LedgerCheckpoint checkpoint, Optional<ChallengeEnding> endingBefore) {
    }

    private Opening opening(Connection c, ChallengeSnapshot challenge, BusinessDate day) throws SQLException {
        ChallengeRules rules = challenge.rules();
        Optional<DailyClosing> previous = ledger.closing(c, challenge.id(), day.previous());
        if (previous.isPresent()
                && !ledger.hasLateTrade(c, challenge.id(), day.start(), previous.get().ledgerWatermark())) {
            return new Opening(previous.get().nextOpening(), Optional.empty());
        }
        Optional<Instant> firstTrade = ledger.firstTradeAt(c, challenge.id());
        BusinessDate first = BusinessDate.of(challenge.start());
        if (firstTrade.isPresent() && BusinessDate.of(firstTrade.get()).isBefore(first)) {
            first = BusinessDate.of(firstTrade.get());
        }
        if (!first.isBefore(day)) {
            return new Opening(LedgerCheckpoint.initial(rules, day), Optional.empty());
        }
        List<LedgerTrade> history = ledger.trades(c, challenge.id(), null, day.start());
        if (challenge.isEnded() && challenge.endedAt() != null) {
            history = history.stream().filter(t -> !t.executedAt().isAfter(challenge.endedAt())).toList();
        }
        Evaluation replay = RuleEvaluator.evaluate(rules, LedgerCheckpoint.initial(rules, first), history, day.previous());
        return new Opening(replay.closingCheckpoint(), replay.ending());
    }

    /** Ends an ACTIVE challenge with its events; false when the platform ended it meanwhile. */
    boolean end(Connection c, ChallengeSnapshot challenge, ChallengeEnding ending, RunContext run, Instant now)
            throws SQLException {
        String reason = ending.reason() == null ? null : ending.reason().name();
        ChallengeSnapshot row = challenge;
        int attempts = 0;
        while (!ledger.endChallenge(c, row, ending.status(), reason, ending.endedAt(), now)) {
            row = ledger.readChallenge(c, challenge.id()).orElseThrow();
            if (row.status() != ChallengeStatus.ACTIVE) {
                return false;
            }
            if (++attempts >= 10) {
                throw new OptimisticLockConflict(challenge.id());
            }
        }
        EndingWrites writes = endingWrites(challenge, ending, run);
        for (NewEvent event : writes.events()) {
            events.append(c, event, now);
        }
        alerts.raiseAll(c, writes.alerts(), now);
        return true;
    }

    /** The events (in order) and alerts that record an end; ids derive from the keys, so causation links are known. */
    private record EndingWrites(List<NewEvent> events, List<RiskAlerts.NewAlert> alerts) {
    }

    private EndingWrites endingWrites(ChallengeSnapshot challenge, ChallengeEnding ending, RunContext run) {
        String reason = ending.reason() == null ? null : ending.reason().name();
        BusinessDate day = ending.businessDate();
        String correlation = run.jobName() + ":" + day;
        List<NewEvent> written = new ArrayList<>();
        List<RiskAlerts.NewAlert> raised = new ArrayList<>();
        UUID violationId = null;
        if (ending.isFailed() && ending.reason() != FailureReason.EXPIRED) {
            String key = "RISK_VIOLATION:" + challenge.id() + ":" + ending.reason();
            violationId = EventIds.fromIdempotencyKey(key);
            written.add(new NewEvent(challenge.id(), EventType.RISK_VIOLATION_DETECTED.name(),
                    CanonicalJson.write(endingData(challenge, ending, run)), violationDescription(challenge, ending),
                    ending.endedAt(), correlation, null, key));
        }
        Map<String, Object> change = endingData(challenge, ending, run);
        change.put("from_status", ChallengeStatus.ACTIVE.name());
        change.put("to_status", ending.status().name());
        String statusKey = IdempotencyKeys.statusChange(challenge.id(), ending.status());
        written.add(new NewEvent(challenge.id(), EventType.CHALLENGE_STATUS_CHANGED.name(), CanonicalJson.write(change),
                "Status changed from ACTIVE to " + ending.status() + (reason == null ? "" : " (" + reason + ")") + " at "
                        + ending.endedAt(), ending.endedAt(), correlation, violationId, statusKey));
        EventType finalType = ending.isFailed() ? EventType.CHALLENGE_FAILED : EventType.CHALLENGE_FUNDED;
        written.add(new NewEvent(challenge.id(), finalType.name(), CanonicalJson.write(endingData(challenge, ending, run)),
                ending.isFailed() ? failureDescription(challenge, ending) : fundingDescription(challenge, ending),
                ending.endedAt(), correlation, EventIds.fromIdempotencyKey(statusKey),
                finalType.name() + ":" + challenge.id()));
        if (ending.isFailed() && ending.reason() == FailureReason.TOTAL_DRAWDOWN_EXCEEDED) {
            raised.add(new RiskAlerts.NewAlert(challenge.id(), AlertType.TOTAL_DRAWDOWN_EXCEEDED,
                    AlertSeverity.CRITICAL, failureDescription(challenge, ending), percent4(ending.thresholdPct()),
                    percent4(ending.actualPct()), CanonicalJson.write(endingData(challenge, ending, run)), correlation,
                    "TOTAL_DRAWDOWN_EXCEEDED:" + challenge.id()));
        }
        if (ending.isFunded()) {
            raised.add(new RiskAlerts.NewAlert(challenge.id(), AlertType.PROFIT_TARGET_REACHED, AlertSeverity.LOW,
                    fundingDescription(challenge, ending), percent4(ending.thresholdPct()), percent4(ending.actualPct()),
                    CanonicalJson.write(endingData(challenge, ending, run)), correlation,
                    "PROFIT_TARGET_REACHED:" + challenge.id()));
        }
        return new EndingWrites(written, raised);
    }

    private static boolean agrees(ChallengeSnapshot challenge, ChallengeEnding ending) {
        if (challenge.status() != ending.status()) {
            return false;
        }
        return ending.reason() == null || ending.reason().name().equals(challenge.failureReason());
    }

    private void reportDisagreement(Connection c, ChallengeSnapshot challenge, ChallengeEnding ending, BusinessDate day,
                                    RunContext run, Instant now) throws SQLException {
        Map<String, Object> data = endingData(challenge, ending, run);
        data.put("platform_status", challenge.status().name());
        data.put("platform_failure_reason", challenge.failureReason());
        data.put("platform_ended_at", challenge.endedAt());
        data.put("ledger_status", ending.status().name());
        data.put("ledger_failure_reason", ending.reason() == null ? null : ending.reason().name());
        data.put("ledger_ended_at", ending.endedAt());
        String description = "The ledger and the platform disagree on the outcome: the platform recorded "
                + challenge.status() + (challenge.failureReason() == null ? "" : " (" + challenge.failureReason() + ")")
                + " at " + challenge.endedAt() + ", the ledger replay gives " + ending.status()
                + (ending.reason() == null ? "" : " (" + ending.reason() + ")") + " at " + ending.endedAt()
                + ". The platform's outcome stands; this needs a person to review.";
        events.append(c, new NewEvent(challenge.id(), EventType.RISK_VIOLATION_DETECTED.name(), CanonicalJson.write(data),
                description, day.end(), run.jobName() + ":" + day, null,
                "DISAGREEMENT:" + challenge.id() + ":" + ending.status() + ":" + ending.reason()), now);
    }

    private void raiseDayAlerts(Connection c, ChallengeSnapshot challenge, ChallengeRules rules, DayEvaluation evaluation,
                                BigDecimal riskScore, BusinessDate day, RunContext run, Instant now) throws SQLException {
        List<DailyClosing> history = ledger.closingsBefore(c, challenge.id(), day, settings.activityHistoryDays());
        alerts.raiseAll(c, dayAlerts(challenge, rules, evaluation.stats(), riskScore, history, day, run), now);
    }

    /** The alerts a closed day calls for; {@code history} is the challenge's earlier closings, newest first. */
    private List<RiskAlerts.NewAlert> dayAlerts(ChallengeSnapshot challenge, ChallengeRules rules, DailyStats stats,
                                                BigDecimal riskScore, List<DailyClosing> history, BusinessDate day,
                                                RunContext run) {
        List<RiskAlerts.NewAlert> raised = new ArrayList<>();
        String correlation = run.jobName() + ":" + day;
        BigDecimal limit = rules.maxDailyDrawdownPct();
        BigDecimal used = stats.maxDailyDrawdownPctUsed();
        // used >= share * limit, compared exactly
        if (limit.signum() > 0 && used.compareTo(limit.multiply(settings.highDrawdownShare())) >= 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("business_date", day.date());
            details.put("max_daily_drawdown_pct_used", used);
            details.put("max_daily_drawdown_pct", limit);
            details.put("share_of_limit", settings.highDrawdownShare());
            raised.add(new RiskAlerts.NewAlert(challenge.id(), AlertType.HIGH_DRAWDOWN,
                    used.compareTo(limit) >= 0 ? AlertSeverity.CRITICAL : AlertSeverity.HIGH,
                    "Daily drawdown on " + day + " reached " + used.toPlainString() + "% of the day's start equity,"
                            + " against a limit of " + limit.toPlainString() + "%",
                    percent4(limit), percent4(used), CanonicalJson.write(details), correlation,
                    "HIGH_DRAWDOWN:" + challenge.id() + ":" + day));
        }
        if (!history.isEmpty() && history.get(0).date().equals(day.previous())) {
            BigDecimal rise = riskScore.subtract(history.get(0).riskScore());
            if (rise.compareTo(settings.riskScoreSpikePoints()) >= 0) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("business_date", day.date());
                details.put("risk_score", riskScore);
                details.put("previous_risk_score", history.get(0).riskScore());
                raised.add(new RiskAlerts.NewAlert(challenge.id(), AlertType.RISK_SCORE_SPIKE, AlertSeverity.MEDIUM,
                        "Risk score rose from " + history.get(0).riskScore().toPlainString() + " to "
                                + riskScore.toPlainString() + " on " + day,
                        percent4(settings.riskScoreSpikePoints()), percent4(rise), CanonicalJson.write(details),
                        correlation, "RISK_SCORE_SPIKE:" + challenge.id() + ":" + day));
            }
        }
        unusualActivity(challenge, stats, history, day, correlation).ifPresent(raised::add);
        return raised;
    }

    /**
     * A day is unusual when it has at least {@code activityMinimumTrades} trades and its trade count or volume is at
     * least {@code activityFactor} times the median of the challenge's own earlier trading days (at least
     * {@code activityMinimumHistory} of them). The median, not the mean, so one earlier burst does not hide the next.
     */
    private Optional<RiskAlerts.NewAlert> unusualActivity(ChallengeSnapshot challenge, DailyStats stats,
                                                          List<DailyClosing> history, BusinessDate day,
                                                          String correlation) {
        List<DailyClosing> tradingDays = history.stream().filter(h -> h.tradeCount() > 0).toList();
        if (stats.tradeCount() < settings.activityMinimumTrades() || tradingDays.size() < settings.activityMinimumHistory()) {
            return Optional.empty();
        }
        BigDecimal medianCount = median(tradingDays.stream().map(h -> BigDecimal.valueOf(h.tradeCount())).toList());
        BigDecimal medianVolume = median(tradingDays.stream().map(DailyClosing::volume).toList());
        boolean countUnusual = BigDecimal.valueOf(stats.tradeCount()).compareTo(medianCount.multiply(settings.activityFactor())) >= 0;
        boolean volumeUnusual = medianVolume.signum() > 0
                && stats.volume().compareTo(medianVolume.multiply(settings.activityFactor())) >= 0;
        if (!countUnusual && !volumeUnusual) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("business_date", day.date());
        details.put("trade_count", stats.tradeCount());
        details.put("median_trade_count", medianCount);
        details.put("volume", stats.volume());
        details.put("median_volume", medianVolume);
        details.put("history_days", tradingDays.size());
        return Optional.of(new RiskAlerts.NewAlert(challenge.id(), AlertType.UNUSUAL_ACTIVITY, AlertSeverity.MEDIUM,
                "Unusual activity on " + day + ": " + stats.tradeCount() + " trades and volume "
                        + stats.volume().stripTrailingZeros().toPlainString() + " against a median of "
                        + medianCount.stripTrailingZeros().toPlainString() + " trades and "
                        + medianVolume.stripTrailingZeros().toPlainString() + " over the last " + tradingDays.size()
                        + " trading days",
                percent4(settings.activityFactor()), null, CanonicalJson.write(details), correlation,
                "UNUSUAL_ACTIVITY:VOLUME:" + challenge.id() + ":" + day));
    }

    private void raiseAfterEndAlert(Connection c, ChallengeSnapshot challenge, List<LedgerTrade> afterLedgerEnd,
                                    List<LedgerTrade> afterPlatformEnd, BusinessDate day, RunContext run, Instant now)
            throws SQLException {
        Optional<RiskAlerts.NewAlert> alert = afterEndAlert(challenge, afterLedgerEnd, afterPlatformEnd, day, run);
        if (alert.isPresent()) {
            alerts.raise(c, alert.get(), now);
        }
    }

    private Optional<RiskAlerts.NewAlert> afterEndAlert(ChallengeSnapshot challenge, List<LedgerTrade> afterLedgerEnd,
                                                        List<LedgerTrade> afterPlatformEnd, BusinessDate day,
                                                        RunContext run) {
        List<LedgerTrade> unexpected = new ArrayList<>(afterLedgerEnd);
        for (LedgerTrade trade : afterPlatformEnd) {
            boolean liquidation = !trade.executedAt().isAfter(challenge.endedAt().plus(settings.liquidationWindow()));
            if (!liquidation) {
                unexpected.add(trade);
            }
        }
        if (unexpected.isEmpty()) {
            return Optional.empty();
        }
        LedgerTrade first = unexpected.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("business_date", day.date());
        details.put("trade_count", unexpected.size());
        details.put("first_trade_id", first.id());
        details.put("first_trade_executed_at", first.executedAt());
        details.put("ended_at", challenge.endedAt());
        return Optional.of(new RiskAlerts.NewAlert(challenge.id(), AlertType.UNUSUAL_ACTIVITY, AlertSeverity.HIGH,
                unexpected.size() + " trade(s) executed after the challenge ended, the first at " + first.executedAt()
                        + "; they change none of its figures",
                null, null, CanonicalJson.write(details), run.jobName() + ":" + day,
                "UNUSUAL_ACTIVITY:AFTER_END:" + challenge.id()));
    }

    /**
     * The live figures move only forward: the peak becomes the larger of its value and the ledger's; the current
     * equity is written from the whole ledger (the day's close plus every later trade up to the end), and only
     * when this is the newest processed date.
     */
    private void updateLiveFigures(Connection c, ChallengeSnapshot challenge, BusinessDate day, DailyStats stats,
                                   Instant now) throws SQLException {
        if (!ledger.closingsAfter(c, challenge.id(), day).isEmpty()) {
            return;
        }
        BigDecimal current = stats.closingEquity();
        if (!stats.isEnded() && !challenge.isEnded()) {
            for (LedgerTrade later : ledger.trades(c, challenge.id(), day.end(), END_OF_TIME)) {
                current = current.add(later.effect());
            }
        }
        current = Money.of(current);
        BigDecimal peak = challenge.maxEquityEver() == null ? stats.peakEquity()
                : challenge.maxEquityEver().max(stats.peakEquity());
        peak = Money.of(peak.max(current));
        if (challenge.currentEquity() != null && challenge.currentEquity().compareTo(current) == 0
                && challenge.maxEquityEver() != null && challenge.maxEquityEver().compareTo(peak) == 0) {
            return;
        }
        ChallengeSnapshot row = challenge;
        for (int attempt = 0; attempt < 10; attempt++) {
            if (ledger.updateLiveFigures(c, row, current, peak.max(row.maxEquityEver()), now)) {
                return;
            }
            row = ledger.readChallenge(c, challenge.id()).orElseThrow();
        }
        throw new OptimisticLockConflict(challenge.id());
    }

    /**
     * The risk score of a day: how close the challenge came to its nearer limit, in percent of that limit —
     * max(daily drawdown used / daily limit, total drawdown at the close / total limit) × 100, scale 4.
     */
    static BigDecimal riskScore(ChallengeRules rules, DailyStats stats) {
        BigDecimal daily = share(stats.maxDailyDrawdownPctUsed(), rules.maxDailyDrawdownPct());
        BigDecimal totalPct = Money.drawdownPct(stats.peakEquity(), stats.closingEquity());
        BigDecimal total = share(totalPct, rules.maxTotalDrawdownPct());
        return daily.max(total).setScale(Money.PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal share(BigDecimal value, BigDecimal limit) {
        if (limit.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(HUNDRED).divide(limit, Money.PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(BigDecimal::compareTo);
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 8, RoundingMode.HALF_EVEN);
    }

    private NewEvent dailyPnlEvent(ChallengeSnapshot challenge, DailyStats stats, RunContext run, String key,
                                   EventType type, int revision, DailyClosing superseded) {
        Map<String, Object> data = new LinkedHashMap<>(stats.eventFields());
        data.put("job", run.jobName());
        data.put("job_execution_id", run.jobExecutionId());
        data.put("software_version", SoftwareVersion.current());
        String description;
        if (type == EventType.DAILY_PNL_RESTATED) {
            data.put("revision", revision);
            data.put("supersedes", superseded.eventId());
            description = "Daily P&L for " + stats.date() + " restated (revision " + revision + "): a trade arrived after"
                    + " the day was closed. " + summary(challenge, stats) + " Previously: closing equity "
                    + Money.format(superseded.closingEquity()) + " from " + superseded.tradeCount() + " trade(s).";
        } else {
            description = "Daily P&L for " + stats.date() + ". " + summary(challenge, stats);
        }
        return new NewEvent(challenge.id(), type.name(), CanonicalJson.write(data), description, stats.date().end(),
                run.jobName() + ":" + stats.date(), null, key);
    }

    private static String summary(ChallengeSnapshot challenge, DailyStats stats) {
        return stats.tradeCount() + " trade(s) (" + stats.winningTrades() + " winning, " + stats.losingTrades()
                + " losing), net P&L " + Money.format(stats.netPnl()) + " " + challenge.currency()
                + "; equity opened at " + Money.format(stats.openingEquity()) + ", closed at "
                + Money.format(stats.closingEquity()) + ", lowest " + Money.format(stats.lowestEquity())
                + "; worst daily drawdown " + stats.maxDailyDrawdownPctUsed().toPlainString() + "% of the day's start"
                + " equity (limit " + challenge.maxDailyDrawdownPct().toPlainString() + "%); "
                + stats.tradingDaysToDate() + " trading day(s) so far.";
    }

    private static Map<String, Object> endingData(ChallengeSnapshot challenge, ChallengeEnding ending, RunContext run) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", run.jobName());
        data.put("job_execution_id", run.jobExecutionId());
        data.put("software_version", SoftwareVersion.current());
        data.put("business_date", ending.businessDate().date());
        data.put("status", ending.status().name());
        data.put("failure_reason", ending.reason() == null ? null : ending.reason().name());
        data.put("breaches", ending.breaches().stream().map(Enum::name).toList());
        data.put("ended_at", ending.endedAt());
        if (ending.trade() != null) {
            data.put("trade_id", ending.trade().id());
            data.put("trade_sequence_number", ending.trade().sequenceNumber());
            data.put("trade_executed_at", ending.trade().executedAt());
        }
        data.put("equity", ending.equity());
        data.put("peak_equity", ending.peak());
        data.put("daily_start_equity", ending.dailyStartEquity());
        data.put("daily_drawdown_pct", ending.dailyDrawdownPct());
        data.put("total_drawdown_pct", ending.totalDrawdownPct());
        data.put("profit_pct", ending.profitPct());
        data.put("trading_days", ending.tradingDays());
        data.put("max_daily_drawdown_pct", challenge.maxDailyDrawdownPct());
        data.put("max_total_drawdown_pct", challenge.maxTotalDrawdownPct());
        data.put("profit_target_pct", challenge.profitTargetPct());
        data.put("min_trading_days", challenge.minTradingDays());
        return data;
    }

    private static String tradeWords(LedgerTrade trade) {
        return "trade #" + trade.sequenceNumber() + " (" + trade.symbol() + " " + trade.side() + " "
                + trade.quantity().stripTrailingZeros().toPlainString() + " at " + trade.executedAt() + ", effect "
                + Money.format(trade.effect()) + ")";
    }

    private static String violationDescription(ChallengeSnapshot challenge, ChallengeEnding ending) {
        StringBuilder text = new StringBuilder();
        if (ending.breaches().contains(FailureReason.DAILY_DRAWDOWN_EXCEEDED)) {
            text.append("Daily drawdown limit breached by ").append(tradeWords(ending.trade())).append(": equity ")
                    .append(Money.format(ending.equity())).append(" is ")
                    .append(ending.dailyDrawdownPct().toPlainString()).append("% below the day's start equity ")
                    .append(Money.format(ending.dailyStartEquity())).append("; the limit is ")
                    .append(challenge.maxDailyDrawdownPct().toPlainString()).append("%.");
        }
        if (ending.breaches().contains(FailureReason.TOTAL_DRAWDOWN_EXCEEDED)) {
            if (!text.isEmpty()) {
                text.append(" The same trade also breached the total limit: ");
            } else {
                text.append("Total drawdown limit breached by ").append(tradeWords(ending.trade())).append(": ");
            }
            text.append("equity ").append(Money.format(ending.equity())).append(" is ")
                    .append(ending.totalDrawdownPct().toPlainString()).append("% below the peak ")
                    .append(Money.format(ending.peak())).append("; the limit is ")
                    .append(challenge.maxTotalDrawdownPct().toPlainString()).append("%.");
        }
        return text.toString();
    }

    private static String failureDescription(ChallengeSnapshot challenge, ChallengeEnding ending) {
        if (ending.reason() == FailureReason.EXPIRED) {
            return "Challenge failed: still active at its deadline " + ending.endedAt() + " with equity "
                    + Money.format(ending.equity()) + " (" + ending.profitPct().toPlainString() + "% against a target of "
                    + challenge.profitTargetPct().toPlainString() + "%).";
        }
        return "Challenge failed (" + ending.reason() + ") at " + ending.endedAt() + ". " + violationDescription(challenge, ending);
    }

    private static String fundingDescription(ChallengeSnapshot challenge, ChallengeEnding ending) {
        return "Challenge funded: " + tradeWords(ending.trade()) + " brought equity to " + Money.format(ending.equity())
                + ", a profit of " + ending.profitPct().toPlainString() + "% against a target of "
                + challenge.profitTargetPct().toPlainString() + "%, after " + ending.tradingDays()
                + " trading day(s) (minimum " + challenge.minTradingDays() + ").";
    }

    private static String outcomeName(ChallengeEnding ending) {
        return ending.isFunded() ? "FUNDED" : ending.reason().name();
    }

    private static BigDecimal percent4(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row changed under us in a way a retry inside this transaction cannot resolve; the chunk is retried. */
    public static final class OptimisticLockConflict extends RuntimeException {
        public OptimisticLockConflict(UUID challengeId) {
            super("challenge " + challengeId + " was changed concurrently; retrying");
        }
    }
}
