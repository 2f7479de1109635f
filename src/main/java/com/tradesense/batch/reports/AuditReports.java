package com.tradesense.batch.reports;

import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.archive.ReportFormat;
import com.tradesense.batch.reports.data.ChallengeAuditData;
import com.tradesense.batch.reports.data.ReportData;
import com.tradesense.batch.reports.pdf.ChallengeAuditReport;
import com.tradesense.batch.reports.pdf.DailyAuditReport;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.LedgerSealer;
import com.tradesense.batch.reports.seal.SealVerifier;
import com.tradesense.batch.reports.templates.ReportTemplates;
import com.tradesense.batch.reports.workbook.FinanceWorkbook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Renders and archives the reports of one business date. The generation time comes from the caller (the job's
 * parameters), never from the clock, so the same data and parameters give byte-identical files.
 */
public final class AuditReports {

    /** What a run produced. {@code needsAttention}: the seal chain or a challenge's integrity check failed. */
    public record Result(List<ArchivedReport> reports, ArchivedReport manifest, boolean needsAttention,
                         SealVerifier.Result sealCheck) {
    }

    private final ReportData data;
    private final ReportArchive archive;
    private final ReportTemplates templates;

    public AuditReports(ReportData data, ReportArchive archive, ReportTemplates templates) {
        this.data = data;
        this.archive = archive;
        this.templates = templates;
    }

    /**
     * @param challenge only this challenge's audit PDF (and the manifest); empty: every challenge that ended on the
     *                  date, the daily audit PDF and the finance workbook
     */
    public Result render(LocalDate businessDate, Optional<UUID> challenge, Instant generatedAt, Long jobExecutionId)
            throws Exception {
        SealVerifier.Result sealCheck = new SealVerifier(data.dataSource(), data.dialect()).verify();
        LedgerSealer sealer = new LedgerSealer(data.dataSource(), data.dialect());
        Optional<LedgerSeal> seal = sealer.find(businessDate);
        List<ArchivedReport> produced = new ArrayList<>();
        Map<String, Map<String, Object>> controlTotals = new LinkedHashMap<>();
        boolean needsAttention = !sealCheck.verified();

        List<UUID> challenges = challenge.isPresent() ? List.of(challenge.get()) : data.challengesEndedOn(businessDate);
        for (UUID id : challenges) {
            ChallengeAuditData audit = data.challengeAudit(id, businessDate)
                    .orElseThrow(() -> new IllegalArgumentException("No challenge " + id));
            String reportId = reportId("CA", businessDate, id.toString(), generatedAt);
            ChallengeAuditReport.Outcome outcome = ChallengeAuditReport.render(
                    templates.load(ReportTemplates.CHALLENGE_AUDIT), audit, businessDate, reportId, generatedAt,
                    sealCheck);
            needsAttention |= !outcome.allPassed();
            ArchivedReport report = archive.store(ReportTypes.CHALLENGE_AUDIT, businessDate, id.toString(),
                    ReportFormat.PDF, jobExecutionId, id, generatedAt, out -> out.write(outcome.pdf()));
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("report_id", reportId);
            totals.put("status", audit.challenge().status());
            totals.put("current_equity", audit.challenge().currentEquity().toPlainString());
            totals.put("trades", outcome.trades());
            totals.put("events", outcome.events());
            totals.put("integrity_passed", outcome.allPassed());
            controlTotals.put(report.path(), totals);
            produced.add(report);
        }

        if (challenge.isEmpty()) {
            String reportId = reportId("DA", businessDate, "", generatedAt);
            DailyAuditReport.Outcome daily = DailyAuditReport.render(templates.load(ReportTemplates.DAILY_AUDIT),
                    businessDate, reportId, generatedAt, data.eventsOfDay(businessDate), data.tradesOfDay(businessDate),
                    data.reconciliationRuns(businessDate), seal, sealCheck);
            ArchivedReport dailyReport = archive.store(ReportTypes.DAILY_AUDIT, businessDate, "", ReportFormat.PDF,
                    jobExecutionId, null, generatedAt, out -> out.write(daily.pdf()));
            Map<String, Object> dailyTotals = new LinkedHashMap<>();
            dailyTotals.put("report_id", reportId);
            dailyTotals.put("events", daily.figures().events());
            dailyTotals.put("trades", daily.figures().trades());
            dailyTotals.put("net_pnl", daily.figures().netPnl());
            dailyTotals.put("volume", daily.figures().volume());
            dailyTotals.put("challenges_failed", daily.figures().failed());
            dailyTotals.put("challenges_funded", daily.figures().funded());
            controlTotals.put(dailyReport.path(), dailyTotals);
            produced.add(dailyReport);

            FinanceWorkbook.Totals[] totals = new FinanceWorkbook.Totals[1];
            ArchivedReport workbook = archive.store(ReportTypes.FINANCE_WORKBOOK, businessDate, "", ReportFormat.XLSX,
                    jobExecutionId, null, generatedAt, out -> {
                        try {
                            totals[0] = FinanceWorkbook.write(templates.load(ReportTemplates.FINANCE_WORKBOOK),
                                    generatedAt, consumer -> data.dailyPnl(businessDate, consumer),
                                    data.paymentsOfDay(businessDate), data.challengesByStatus(businessDate), out);
                        } catch (SQLException e) {
                            throw new java.io.IOException("Cannot read the finance figures: " + e.getMessage(), e);
                        }
                    });
            Map<String, Object> workbookTotals = new LinkedHashMap<>();
            workbookTotals.put("daily_pnl_rows", totals[0].pnlRows());
            workbookTotals.put("payment_rows", totals[0].paymentRows());
            workbookTotals.put("net_pnl_by_currency", totals[0].netPnlByCurrency());
            workbookTotals.put("payments_succeeded_by_currency", totals[0].paymentsSucceededByCurrency());
            workbookTotals.put("refunded_by_currency", totals[0].refundedByCurrency());
            workbookTotals.put("payments_failed", totals[0].paymentsFailed());
            controlTotals.put(workbook.path(), workbookTotals);
            produced.add(workbook);
        }

        List<ArchivedReport> ofDate = archive.list(businessDate, businessDate);
        byte[] manifestBytes = ReportManifest.render(businessDate, generatedAt, seal, ofDate, controlTotals);
        ArchivedReport manifest = archive.store(ReportTypes.MANIFEST, businessDate, "manifest-" + businessDate,
                ReportFormat.JSON, jobExecutionId, null, generatedAt, out -> out.write(manifestBytes));
        return new Result(produced, manifest, needsAttention, sealCheck);
    }

    /** A readable id derived from what the report is, so a re-render with the same parameters prints the same id. */
    static String reportId(String prefix, LocalDate businessDate, String subject, Instant generatedAt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((prefix + "|" + businessDate + "|" + subject
                    + "|" + generatedAt).getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + businessDate + "-" + HexFormat.of().formatHex(digest, 0, 4).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
