package com.tradesense.batch.reports.pdf;

import com.tradesense.batch.reports.data.ReportData;
import com.tradesense.batch.reports.pdf.PdfReportDocument.Align;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.SealVerifier;
import com.tradesense.batch.reports.templates.ReportTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The daily audit PDF: every event of the day by type, the endings with their reasons, totals, reconciliation, seal. */
public final class DailyAuditReport {

    /** The figures of the day, also recorded as the manifest's control totals. */
    public record Figures(long events, long trades, String netPnl, String volume, long failed, long funded) {
    }

    public record Outcome(byte[] pdf, Figures figures) {
    }

    private DailyAuditReport() {
    }

    public static Outcome render(ReportTemplate template, LocalDate businessDate, String reportId, Instant generatedAt,
                                 List<ReportData.ChallengeEvent> events, ReportData.TradeTotals trades,
                                 Optional<List<ReportData.ReconciliationRun>> reconciliation,
                                 Optional<LedgerSeal> seal, SealVerifier.Result sealCheck) {
        Map<String, List<ReportData.ChallengeEvent>> byType = new TreeMap<>();
        for (ReportData.ChallengeEvent event : events) {
            byType.computeIfAbsent(event.event().type(), type -> new ArrayList<>()).add(event);
        }
        List<ReportData.ChallengeEvent> endings = new ArrayList<>();
        endings.addAll(byType.getOrDefault("CHALLENGE_FAILED", List.of()));
        endings.addAll(byType.getOrDefault("CHALLENGE_FUNDED", List.of()));
        endings.sort((a, b) -> a.event().occurredAt().compareTo(b.event().occurredAt()));
        Figures figures = new Figures(events.size(), trades.count(), trades.netPnl().toPlainString(),
                trades.volume().toPlainString(), byType.getOrDefault("CHALLENGE_FAILED", List.of()).size(),
                byType.getOrDefault("CHALLENGE_FUNDED", List.of()).size());

        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("report", reportId);
        placeholders.put("generated", template.instant(generatedAt));
        placeholders.put("date", template.date(businessDate));
        String title = template.text("title");
        byte[] pdf = PdfReportDocument.render(template, title, generatedAt, placeholders, document -> {
            ReportTemplate t = document.template();
            document.title(title, t.text("subtitle", placeholders));
            document.heading(t.text("sections.summary"));
            PdfReportDocument.Table summary = document.table(t.columns("summary"), new float[] {3f, 2f},
                    new Align[] {Align.LEFT, Align.RIGHT});
            summary.row(t.text("labels.events"), String.valueOf(figures.events()));
            for (Map.Entry<String, List<ReportData.ChallengeEvent>> type : byType.entrySet()) {
                summary.row("  " + type.getKey(), String.valueOf(type.getValue().size()));
            }
            summary.row(t.text("labels.trades"), String.valueOf(figures.trades()));
            summary.row(t.text("labels.net-pnl"), t.money(trades.netPnl()));
            summary.row(t.text("labels.volume"), t.quantity(trades.volume()));
            summary.row(t.text("labels.challenges-failed"), String.valueOf(figures.failed()));
            summary.row(t.text("labels.challenges-funded"), String.valueOf(figures.funded()));
            summary.finish();

            document.heading(t.text("sections.endings"));
            if (endings.isEmpty()) {
                document.paragraph(t.text("texts.no-endings"));
            } else {
                PdfReportDocument.Table table = document.table(t.columns("endings"), new float[] {2.2f, 4f, 1.1f, 5.4f},
                        new Align[] {Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT});
                for (ReportData.ChallengeEvent ending : endings) {
                    boolean failed = ending.event().type().equals("CHALLENGE_FAILED");
                    String reason = ending.event().dataText("failure_reason");
                    if (reason == null) {
                        reason = ending.event().dataText("reason");
                    }
                    table.row(failed ? t.colour("problem") : t.colour("ok"), t.tableInstant(ending.event().occurredAt()),
                            ending.challengeId().toString(), failed ? "FAILED" : "FUNDED",
                            (reason == null || ending.event().description().contains(reason) ? "" : reason + ": ")
                                    + ending.event().description());
                }
                table.finish();
            }

            document.heading(t.text("sections.reconciliation"));
            if (reconciliation.isEmpty() || reconciliation.get().isEmpty()) {
                document.paragraph(t.text("texts.no-reconciliation"));
            } else {
                PdfReportDocument.Table table = document.table(t.columns("reconciliation"),
                        new float[] {2f, 4f, 1.2f, 1.2f, 1.2f, 1.6f},
                        new Align[] {Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.LEFT});
                for (ReportData.ReconciliationRun run : reconciliation.get()) {
                    table.row(run.breaks() > 0 ? t.colour("problem") : null, run.provider(), run.file(),
                            String.valueOf(run.rowsRead()), String.valueOf(run.rowsMatched()),
                            String.valueOf(run.breaks()), run.status());
                }
                table.finish();
            }

            document.heading(t.text("sections.seal"));
            document.paragraph(seal.map(s -> ChallengeAuditReport.sealLine(t, s)).orElse(t.text("texts.seal-none")));
            if (!sealCheck.verified()) {
                document.paragraph(sealCheck.firstMismatch().get(), t.colour("problem"));
            }

            document.heading(t.text("sections.events"));
            if (byType.isEmpty()) {
                document.paragraph(t.text("texts.no-events"));
            }
            for (Map.Entry<String, List<ReportData.ChallengeEvent>> type : byType.entrySet()) {
                Map<String, Object> args = Map.of("type", type.getKey(), "count", type.getValue().size());
                document.paragraph(t.text("texts.event-group", args));
                PdfReportDocument.Table table = document.table(t.columns("events"), new float[] {2.2f, 4f, 0.6f, 5.8f},
                        new Align[] {Align.LEFT, Align.LEFT, Align.RIGHT, Align.LEFT});
                for (ReportData.ChallengeEvent event : type.getValue()) {
                    table.row(t.tableInstant(event.event().occurredAt()), event.challengeId().toString(),
                            String.valueOf(event.event().sequenceNumber()), event.event().description());
                }
                table.finish();
            }
        });
        return new Outcome(pdf, figures);
    }
}
