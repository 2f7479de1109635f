package com.tradesense.batch.reports.workbook;

import com.tradesense.batch.reports.templates.ReportTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The finance workbook of a business date: daily P&L per challenge, the day's payments, challenge counts by status and
 * totals. Spreadsheet standards: a frozen header row with filters on every sheet, real numbers and real dates (never
 * numbers as text), and text that a spreadsheet could take for a formula ({@code = + - @}, tab, carriage return at
 * the start) stored with the quote prefix so it stays text even when the cell is edited.
 *
 * <p>Rows stream from the source to the file; a million-row day needs no more memory than one row. Deterministic:
 * fixed document dates (the generation time) and zip entry times.
 */
public final class FinanceWorkbook {

    /** Control totals, also recorded in the manifest. Amounts per currency as exact decimal text. */
    public record Totals(long pnlRows, long paymentRows, Map<String, String> netPnlByCurrency,
                         Map<String, String> paymentsSucceededByCurrency, Map<String, String> refundedByCurrency,
                         long paymentsFailed) {
    }

    private static final int[] PNL_WIDTHS = {13, 38, 9, 10, 15, 15, 15, 13, 13, 12, 10, 8, 14, 16, 9};
    private static final int[] PAYMENT_WIDTHS = {20, 38, 15, 30, 12, 9, 12, 12, 20, 38};

    private FinanceWorkbook() {
    }

    public static Totals write(ReportTemplate template, Instant generatedAt, FinanceRows.Source<FinanceRows.Pnl> pnl,
                               List<FinanceRows.Payment> payments, Map<String, Long> challengesByStatus,
                               OutputStream out) throws IOException {
        XlsxWriter.Header header = new XlsxWriter.Header(template.text("colours.header"),
                template.text("colours.header-text"), false);
        TreeMap<String, BigDecimal> net = new TreeMap<>();
        TreeMap<String, BigDecimal> succeeded = new TreeMap<>();
        TreeMap<String, BigDecimal> refunded = new TreeMap<>();
        long[] pnlRows = {0};
        long failed = 0;
        try (XlsxWriter xlsx = new XlsxWriter(out, generatedAt, header)) {
            XlsxWriter.Style money = xlsx.numberFormat(template.excelFormat("money"));
            XlsxWriter.Style percent = xlsx.numberFormat(template.excelFormat("percent"));
            XlsxWriter.Style quantity = xlsx.numberFormat(template.excelFormat("quantity"));
            XlsxWriter.Style date = xlsx.numberFormat(template.excelFormat("date"));
            XlsxWriter.Style instant = xlsx.numberFormat(template.excelFormat("instant"));
            xlsx.startSheet(template.text("sheets.daily-pnl"), template.columns("daily-pnl"), PNL_WIDTHS);
            try {
                pnl.forEach(row -> {
                    xlsx.startRow();
                    xlsx.date(row.businessDate(), date);
                    xlsx.text(row.challengeId().toString());
                    xlsx.text(row.currency());
                    xlsx.text(row.status());
                    xlsx.number(row.openingEquity(), money);
                    xlsx.number(row.closingEquity(), money);
                    xlsx.number(row.lowestEquity(), money);
                    xlsx.number(row.netPnl(), money);
                    xlsx.number(row.realizedPnl(), money);
                    xlsx.number(row.commission(), money);
                    xlsx.number(row.swap(), money);
                    xlsx.integer(row.trades());
                    xlsx.number(row.volume(), quantity);
                    xlsx.number(row.drawdownUsedPct(), percent);
                    xlsx.integer(row.revision());
                    xlsx.endRow();
                    pnlRows[0]++;
                    if (row.netPnl() != null) {
                        net.merge(row.currency(), row.netPnl(), BigDecimal::add);
                    }
                });
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Cannot read the daily P&L rows: " + e.getMessage(), e);
            }
            xlsx.endSheet();

            xlsx.startSheet(template.text("sheets.payments"), template.columns("payments"), PAYMENT_WIDTHS);
            for (FinanceRows.Payment p : payments) {
                xlsx.startRow();
                xlsx.instant(seconds(p.createdAt()), instant);
                xlsx.text(p.id().toString());
                xlsx.text(p.provider());
                xlsx.text(p.providerPaymentId());
                xlsx.text(p.status());
                xlsx.text(p.currency());
                xlsx.number(p.amount(), money);
                xlsx.number(p.refundedAmount(), money);
                xlsx.instant(seconds(p.refundedAt()), instant);
                xlsx.text(p.challengeId() == null ? "" : p.challengeId().toString());
                xlsx.endRow();
                if ("SUCCESS".equals(p.status())) {
                    succeeded.merge(p.currency(), p.amount(), BigDecimal::add);
                } else if ("FAILED".equals(p.status())) {
                    failed++;
                }
                if (p.refundedAmount() != null && p.refundedAmount().signum() > 0) {
                    refunded.merge(p.currency(), p.refundedAmount(), BigDecimal::add);
                }
            }
            xlsx.endSheet();

            xlsx.startSheet(template.text("sheets.statuses"), template.columns("statuses"), new int[] {16, 14});
            for (Map.Entry<String, Long> status : new TreeMap<>(challengesByStatus).entrySet()) {
                xlsx.startRow();
                xlsx.text(status.getKey());
                xlsx.integer(status.getValue());
                xlsx.endRow();
            }
            xlsx.endSheet();

            xlsx.startSheet(template.text("sheets.totals"), template.columns("totals"), new int[] {32, 10, 18});
            totalRows(xlsx, money, template.text("labels.net-pnl"), net);
            totalRows(xlsx, money, template.text("labels.payments-received"), succeeded);
            totalRows(xlsx, money, template.text("labels.payments-refunded"), refunded);
            xlsx.startRow();
            xlsx.text(template.text("labels.payments-failed"));
            xlsx.text("");
            xlsx.integer(failed);
            xlsx.endRow();
            xlsx.startRow();
            xlsx.text(template.text("labels.challenges"));
            xlsx.text("");
            xlsx.integer(pnlRows[0]);
            xlsx.endRow();
            xlsx.endSheet();
        }
        return new Totals(pnlRows[0], payments.size(), plain(net), plain(succeeded), plain(refunded), failed);
    }

    /** Text a spreadsheet would read as a formula or command when typed or pasted. */
    static boolean looksLikeFormula(String text) {
        return XlsxWriter.looksLikeFormula(text);
    }

    /** The template's times show whole seconds; a spreadsheet would round 12:00:00.600 up to 12:00:01. */
    private static Instant seconds(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.SECONDS);
    }

    private static void totalRows(XlsxWriter xlsx, XlsxWriter.Style money, String label,
                                  Map<String, BigDecimal> byCurrency) throws IOException {
        if (byCurrency.isEmpty()) {
            xlsx.startRow();
            xlsx.text(label);
            xlsx.text("");
            xlsx.number(new BigDecimal("0.00"), money);
            xlsx.endRow();
            return;
        }
        for (Map.Entry<String, BigDecimal> amount : byCurrency.entrySet()) {
            xlsx.startRow();
            xlsx.text(label);
            xlsx.text(amount.getKey());
            xlsx.number(amount.getValue(), money);
            xlsx.endRow();
        }
    }

    private static Map<String, String> plain(TreeMap<String, BigDecimal> amounts) {
        TreeMap<String, String> plain = new TreeMap<>();
        amounts.forEach((currency, amount) -> plain.put(currency, amount.toPlainString()));
        return plain;
    }
}
