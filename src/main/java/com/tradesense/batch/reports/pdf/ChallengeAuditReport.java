package com.tradesense.batch.reports.pdf;

import com.lowagie.text.DocumentException;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.domain.ChallengeEnding;
import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.Evaluation;
import com.tradesense.batch.domain.FailureReason;
import com.tradesense.batch.domain.LedgerCheckpoint;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.domain.RuleEvaluator;
import com.tradesense.batch.reports.data.ChallengeAuditData;
import com.tradesense.batch.reports.pdf.PdfReportDocument.Align;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.SealVerifier;
import com.tradesense.batch.reports.templates.ReportTemplate;
import java.awt.Color;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The challenge audit PDF: enough for an auditor holding nothing else to follow the outcome from the trades and the
 * rules. The integrity section replays the ledger with the same rule evaluator the jobs use and compares the result
 * with the challenge's stored state.
 */
public final class ChallengeAuditReport {

    private static final Set<String> STATE_CHANGES = Set.of("CHALLENGE_STATUS_CHANGED", "CHALLENGE_FAILED",
            "CHALLENGE_FUNDED", "RISK_VIOLATION_DETECTED");

    /** What the integrity section found; {@code allPassed} is also recorded in the manifest. */
    public record Outcome(byte[] pdf, boolean allPassed, int trades, int events) {
    }

    private ChallengeAuditReport() {
    }

    public static Outcome render(ReportTemplate template, ChallengeAuditData data, LocalDate businessDate,
                                 String reportId, Instant generatedAt, SealVerifier.Result sealCheck) {
        Replay replay = Replay.of(data, businessDate);
        List<String[]> checks = integrityChecks(template, data, replay, sealCheck);
        boolean allPassed = checks.stream().allMatch(check -> check[3].equals(template.text("texts.check-ok")));
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("report", reportId);
        placeholders.put("generated", template.instant(generatedAt));
        placeholders.put("challenge", data.challenge().id().toString());
        placeholders.put("date", template.date(businessDate));
        String title = template.text("title");
        byte[] pdf = PdfReportDocument.render(template, title, generatedAt, placeholders, document -> {
            document.title(title, template.text("subtitle", placeholders));
            cover(document, data);
            timeline(document, data);
            dailyPnl(document, data);
            ending(document, data, replay);
            integrity(document, data, checks, sealCheck);
            eventLog(document, data);
            tradesLedger(document, data, replay);
        });
        return new Outcome(pdf, allPassed, data.trades().size(), data.events().size());
    }

    private static void cover(PdfReportDocument document, ChallengeAuditData data) throws DocumentException {
        ReportTemplate t = document.template();
        ChallengeAuditData.Challenge c = data.challenge();
        ChallengeRules rules = c.rules();
        document.heading(t.text("sections.cover"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t.text("labels.challenge"), c.id().toString()});
        rows.add(new String[] {t.text("labels.owner"), c.userId().toString()});
        rows.add(new String[] {t.text("labels.owner-email"), maskEmail(c.email())});
        rows.add(new String[] {t.text("labels.status"), c.status()});
        rows.add(new String[] {t.text("labels.reason"), c.failureReason() == null ? t.text("labels.none") : c.failureReason()});
        Instant start = c.startedAt() != null ? c.startedAt() : c.createdAt();
        rows.add(new String[] {t.text("labels.period"), t.instant(start) + "  -  "
                + (c.endedAt() == null ? t.text("labels.still-open") : t.instant(c.endedAt()))});
        rows.add(new String[] {t.text("labels.current-equity"), t.money(c.currentEquity()) + " " + c.currency()});
        rows.add(new String[] {t.text("labels.peak-equity"), t.money(c.maxEquityEver()) + " " + c.currency()});
        document.keyValues(rows);
        document.heading(t.text("sections.configuration"));
        List<String[]> config = new ArrayList<>();
        config.add(new String[] {t.text("labels.initial-balance"), t.money(rules.initialBalance()) + " " + c.currency()});
        config.add(new String[] {t.text("labels.daily-limit"), rules.maxDailyDrawdownPct().toPlainString() + "%"});
        config.add(new String[] {t.text("labels.total-limit"), rules.maxTotalDrawdownPct().toPlainString() + "%"});
        config.add(new String[] {t.text("labels.profit-target"), rules.profitTargetPct().toPlainString() + "%"});
        config.add(new String[] {t.text("labels.min-trading-days"), String.valueOf(rules.minTradingDays())});
        config.add(new String[] {t.text("labels.expires-at"),
                rules.expiresAt() == null ? t.text("labels.no-deadline") : t.instant(rules.expiresAt())});
        config.add(new String[] {t.text("labels.currency"), c.currency()});
        config.add(new String[] {t.text("labels.provider"), (c.provider() == null ? "-" : c.provider()) + " / "
                + (c.providerAccountId() == null ? "-" : c.providerAccountId())});
        document.keyValues(config);
    }

    private static void timeline(PdfReportDocument document, ChallengeAuditData data) throws DocumentException {
        ReportTemplate t = document.template();
        document.heading(t.text("sections.timeline"));
        List<ChallengeAuditData.Event> changes = data.events().stream()
                .filter(e -> STATE_CHANGES.contains(e.type())).toList();
        if (changes.isEmpty()) {
            document.paragraph(t.text("texts.no-timeline"));
            return;
        }
        PdfReportDocument.Table table = document.table(t.columns("timeline"), new float[] {2.2f, 0.6f, 3.2f, 6.2f},
                new Align[] {Align.LEFT, Align.RIGHT, Align.LEFT, Align.LEFT});
        for (ChallengeAuditData.Event e : changes) {
            table.row(t.tableInstant(e.occurredAt()), String.valueOf(e.sequenceNumber()), e.type(), e.description());
        }
        table.finish();
    }

    private static void dailyPnl(PdfReportDocument document, ChallengeAuditData data) throws DocumentException {
        ReportTemplate t = document.template();
        document.heading(t.text("sections.daily-pnl"));
        // The latest revision of each business date: a restatement supersedes the calculation.
        TreeMap<String, ChallengeAuditData.Event> latest = new TreeMap<>();
        for (ChallengeAuditData.Event e : data.events()) {
            if (!e.type().equals("DAILY_PNL_CALCULATED") && !e.type().equals("DAILY_PNL_RESTATED")) {
                continue;
            }
            String date = e.dataText("business_date");
            if (date != null) {
                latest.merge(date, e, (a, b) -> revision(b) >= revision(a) ? b : a);
            }
        }
        if (latest.isEmpty()) {
            document.paragraph(t.text("texts.no-daily-pnl"));
            return;
        }
        BigDecimal limit = data.challenge().rules().maxDailyDrawdownPct();
        PdfReportDocument.Table table = document.table(t.columns("daily-pnl"),
                new float[] {1.6f, 1.8f, 1.8f, 1.8f, 1.6f, 0.9f, 1.6f, 1.1f},
                new Align[] {Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT,
                        Align.RIGHT});
        for (Map.Entry<String, ChallengeAuditData.Event> day : latest.entrySet()) {
            ChallengeAuditData.Event e = day.getValue();
            BigDecimal used = e.dataDecimal("max_daily_drawdown_pct_used");
            Color colour = used != null && used.compareTo(limit) >= 0 ? t.colour("problem") : null;
            String revision = revision(e) > 1 ? " (r" + revision(e) + ")" : "";
            table.row(colour, day.getKey() + revision, t.money(e.dataDecimal("opening_equity")),
                    t.money(e.dataDecimal("closing_equity")), t.money(e.dataDecimal("lowest_equity")),
                    t.money(e.dataDecimal("net_pnl")), String.valueOf(e.dataText("trade_count")),
                    t.percent(used), limit.toPlainString());
        }
        table.finish();
    }

    private static int revision(ChallengeAuditData.Event e) {
        BigDecimal revision = e.dataDecimal("revision");
        return revision == null ? 1 : revision.intValue();
    }

    private static void ending(PdfReportDocument document, ChallengeAuditData data, Replay replay)
            throws DocumentException {
        ReportTemplate t = document.template();
        document.heading(t.text("sections.ending"));
        Optional<ChallengeEnding> ending = replay.evaluation.ending();
        if (ending.isEmpty()) {
            document.paragraph(t.text("texts.no-ending"));
        } else {
            ChallengeEnding e = ending.get();
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("time", t.instant(e.endedAt()));
            args.put("equity", t.money(e.equity()));
            args.put("actual", e.actualPct() == null ? "" : t.percent(e.actualPct()));
            args.put("limit", e.thresholdPct() == null ? "" : e.thresholdPct().toPlainString());
            args.put("days", e.tradingDays());
            args.put("reason", e.reason());
            if (e.trade() != null) {
                args.put("trade", e.trade().id());
                args.put("sequence", e.trade().sequenceNumber());
            }
            if (e.reason() == FailureReason.EXPIRED) {
                document.paragraph(t.text("texts.ending-expired", args));
            } else if (e.isFailed()) {
                args.put("rule", e.reason() == FailureReason.DAILY_DRAWDOWN_EXCEEDED
                        ? t.text("texts.rule-daily", Map.of("opening", t.money(e.dailyStartEquity())))
                        : t.text("texts.rule-total", Map.of("peak", t.money(e.peak()))));
                document.paragraph(t.text("texts.ending-failed", args));
                if (e.breaches().size() > 1) {
                    document.paragraph(t.text("texts.both-breached", Map.of("actual", t.percent(e.totalDrawdownPct()),
                            "limit", data.challenge().rules().maxTotalDrawdownPct().toPlainString())));
                }
            } else {
                document.paragraph(t.text("texts.ending-funded", args));
            }
        }
        ChallengeAuditData.Challenge c = data.challenge();
        if (c.endedAt() != null) {
            boolean agrees = ending.isPresent() && ending.get().status().name().equals(c.status());
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("status", c.status());
            args.put("reason", c.failureReason() == null ? "-" : c.failureReason());
            args.put("time", t.instant(c.endedAt()));
            args.put("agreement", t.text(agrees ? "texts.agrees" : "texts.disagrees"));
            document.paragraph(t.text("texts.ending-platform", args));
        }
    }

    private static List<String[]> integrityChecks(ReportTemplate t, ChallengeAuditData data, Replay replay,
                                                  SealVerifier.Result sealCheck) {
        ChallengeAuditData.Challenge c = data.challenge();
        List<String[]> checks = new ArrayList<>();
        Evaluation evaluation = replay.evaluation;
        checks.add(check(t, t.text("checks.equity"), t.money(evaluation.finalEquity()),
                t.money(c.currentEquity()), evaluation.finalEquity().compareTo(c.currentEquity()) == 0));
        // The platform may have seen a higher floating peak; the jobs only ever raise the stored one to the ledger's.
        checks.add(check(t, t.text("checks.peak"),
                t.text("checks.at-least", Map.of("value", t.money(evaluation.finalPeak()))),
                t.money(c.maxEquityEver()), c.maxEquityEver().compareTo(evaluation.finalPeak()) >= 0));
        String replayedStatus = evaluation.ending().map(e -> e.status().name()).orElse("ACTIVE");
        boolean platformEnded = c.endedAt() != null;
        checks.add(check(t, t.text("checks.status"), replayedStatus, c.status(),
                replayedStatus.equals(c.status()) || (!platformEnded && c.status().equals("PENDING")
                        && replayedStatus.equals("ACTIVE") && data.trades().isEmpty())));
        String loggedStatus = statusFromEvents(data);
        checks.add(check(t, t.text("checks.logged-status"),
                loggedStatus == null ? t.text("checks.no-status-event") : loggedStatus,
                c.status(), loggedStatus == null ? !platformEnded : loggedStatus.equals(c.status())));
        checks.add(gaps(t, t.text("checks.event-sequence"), data.events().stream()
                .mapToLong(ChallengeAuditData.Event::sequenceNumber).sorted().toArray()));
        checks.add(gaps(t, t.text("checks.trade-sequence"), data.trades().stream()
                .mapToLong(LedgerTrade::sequenceNumber).sorted().toArray()));
        checks.add(check(t, t.text("checks.seal-chain"), t.text("checks.seals-verify"), sealCheck.firstMismatch()
                .orElse(t.text("checks.seals-verified", Map.of("count", sealCheck.sealsVerified()))),
                sealCheck.verified()));
        return checks;
    }

    private static String statusFromEvents(ChallengeAuditData data) {
        String status = null;
        for (ChallengeAuditData.Event e : data.events()) {
            switch (e.type()) {
                case "CHALLENGE_FAILED" -> status = "FAILED";
                case "CHALLENGE_FUNDED" -> status = "FUNDED";
                case "CHALLENGE_STATUS_CHANGED" -> {
                    String to = e.dataText("to_status");
                    if (to == null) {
                        to = e.dataText("new_status");
                    }
                    if (to != null) {
                        status = to;
                    }
                }
                default -> {
                }
            }
        }
        return status;
    }

    private static String[] gaps(ReportTemplate t, String name, long[] sequence) {
        String expected = t.text("checks.no-gaps", Map.of("count", sequence.length));
        for (int i = 0; i < sequence.length; i++) {
            if (sequence[i] != i + 1) {
                return check(t, name, expected, t.text("checks.gap", Map.of("sequence", sequence[i])), false);
            }
        }
        return check(t, name, expected, sequence.length == 0 ? t.text("labels.none") : "1.." + sequence.length, true);
    }

    private static String[] check(ReportTemplate t, String name, String expected, String found, boolean passed) {
        return new String[] {name, expected, found, t.text(passed ? "texts.check-ok" : "texts.check-failed")};
    }

    private static void integrity(PdfReportDocument document, ChallengeAuditData data, List<String[]> checks,
                                  SealVerifier.Result sealCheck) throws DocumentException {
        ReportTemplate t = document.template();
        document.heading(t.text("sections.integrity"));
        PdfReportDocument.Table table = document.table(t.columns("integrity"), new float[] {3f, 3f, 3f, 1f},
                new Align[] {Align.LEFT, Align.RIGHT, Align.RIGHT, Align.CENTER});
        for (String[] check : checks) {
            boolean ok = check[3].equals(t.text("texts.check-ok"));
            table.row(ok ? t.colour("ok") : t.colour("problem"), check);
        }
        table.finish();
        document.heading(t.text("sections.seal"));
        Optional<LedgerSeal> seal = data.seal();
        if (seal.isEmpty()) {
            document.paragraph(t.text("texts.seal-none"));
        } else {
            document.paragraph(sealLine(t, seal.get()));
        }
        if (!sealCheck.verified()) {
            document.paragraph(sealCheck.firstMismatch().get(), t.colour("problem"));
        }
    }

    static String sealLine(ReportTemplate t, LedgerSeal seal) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("number", seal.sealNumber());
        args.put("date", t.date(seal.businessDate()));
        args.put("hash", seal.sealHash());
        args.put("watermark", seal.toAppendSeq());
        args.put("trades", seal.tradeCount());
        args.put("events", seal.eventCount());
        return t.text("texts.seal-line", args);
    }

    private static void eventLog(PdfReportDocument document, ChallengeAuditData data) throws DocumentException {
        ReportTemplate t = document.template();
        document.newPage();
        document.heading(t.text("sections.events") + " (" + data.events().size() + ")");
        PdfReportDocument.Table table = document.table(t.columns("events"), new float[] {0.6f, 2.2f, 3.2f, 6.4f},
                new Align[] {Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT});
        for (ChallengeAuditData.Event e : data.events()) {
            table.row(String.valueOf(e.sequenceNumber()), t.tableInstant(e.occurredAt()), e.type(), e.description());
        }
        table.finish();
    }

    private static void tradesLedger(PdfReportDocument document, ChallengeAuditData data, Replay replay)
            throws DocumentException {
        ReportTemplate t = document.template();
        document.newPage();
        document.heading(t.text("sections.trades") + " (" + data.trades().size() + ")");
        PdfReportDocument.Table table = document.table(t.columns("trades"),
                new float[] {0.7f, 2.5f, 1f, 0.6f, 1.1f, 1.3f, 1.3f, 1f, 1.4f, 1.6f},
                new Align[] {Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT,
                        Align.RIGHT, Align.RIGHT, Align.RIGHT});
        BigDecimal equity = data.challenge().rules().initialBalance();
        Instant end = replay.evaluation.ending().map(ChallengeEnding::endedAt).orElse(null);
        LedgerTrade endingTrade = replay.evaluation.ending().map(ChallengeEnding::trade).orElse(null);
        boolean ended = false;
        for (LedgerTrade trade : data.trades()) {
            boolean afterEnd = ended || (end != null && endingTrade == null && !trade.executedAt().isBefore(end));
            String equityText;
            if (afterEnd) {
                equityText = t.text("texts.after-end");
            } else {
                equity = equity.add(trade.effect());
                equityText = t.money(equity);
            }
            Color colour = endingTrade != null && trade.id().equals(endingTrade.id()) ? t.colour("problem") : null;
            table.row(colour, String.valueOf(trade.sequenceNumber()), t.tableInstant(trade.executedAt()), trade.symbol(),
                    trade.side().name(), t.quantity(trade.quantity()), t.quantity(trade.price()),
                    t.money(trade.commission()), t.money(trade.swap()), t.money(trade.realizedPnl()), equityText);
            if (endingTrade != null && trade.id().equals(endingTrade.id())) {
                ended = true;
            }
        }
        table.finish();
    }

    /** "j***@e***.com": enough for a person who knows the address to recognise it, useless to anyone else. */
    static String maskEmail(String email) {
        if (email == null || email.isEmpty()) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return email.charAt(0) + "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String maskedDomain = domain.isEmpty() ? "" : domain.charAt(0) + "***" + (dot > 0 ? domain.substring(dot) : "");
        return email.charAt(0) + "***@" + maskedDomain;
    }

    /** The ledger replayed from the first trading or start day through the report's date (or the last trade). */
    private record Replay(Evaluation evaluation) {

        static Replay of(ChallengeAuditData data, LocalDate businessDate) {
            ChallengeAuditData.Challenge c = data.challenge();
            Instant start = c.startedAt() != null ? c.startedAt() : c.createdAt();
            BusinessDate first = BusinessDate.of(start);
            BusinessDate last = BusinessDate.of(businessDate);
            List<LedgerTrade> trades = data.trades();
            if (!trades.isEmpty()) {
                BusinessDate firstTrade = trades.get(0).businessDate();
                BusinessDate lastTrade = trades.get(trades.size() - 1).businessDate();
                first = firstTrade.isBefore(first) ? firstTrade : first;
                last = lastTrade.isAfter(last) ? lastTrade : last;
            }
            if (last.isBefore(first)) {
                last = first;
            }
            return new Replay(RuleEvaluator.evaluate(c.rules(), LedgerCheckpoint.initial(c.rules(), first), trades, last));
        }
    }
}
