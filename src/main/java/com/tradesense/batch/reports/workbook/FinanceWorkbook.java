package com.tradesense.batch.reports.workbook;

import com.tradesense.batch.reports.templates.ReportTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;

/**
 * The finance workbook of a business date: daily P&L per challenge, the day's payments, challenge counts by status and
 * totals. Spreadsheet standards: a frozen header row with filters on every sheet, real numbers and real dates (never
 * numbers as text), and text that a spreadsheet could take for a formula ({@code = + - @}, tab, carriage return at
 * the start) stored with the quote prefix so it stays text even when a cell is edited.
 *
 * <p>Streams rows (a window of 1,000 in memory) so a million-row day fits in a small heap; deterministic: fixed
 * document dates (the generation time) and zip entry times.
 */
public final class FinanceWorkbook {

    /** Control totals, also recorded in the manifest. Amounts per currency as exact decimal text. */
    public record Totals(long pnlRows, long paymentRows, Map<String, String> netPnlByCurrency,
                         Map<String, String> paymentsSucceededByCurrency, Map<String, String> refundedByCurrency,
                         long paymentsFailed) {
    }

    private FinanceWorkbook() {
    }

    public static Totals write(ReportTemplate template, Instant generatedAt, FinanceRows.Source<FinanceRows.Pnl> pnl,
                               List<FinanceRows.Payment> payments, Map<String, Long> challengesByStatus,
                               OutputStream out) throws IOException {
        Path temporary = Files.createTempFile("finance-", ".xlsx");
        try {
            Totals totals;
            SXSSFWorkbook workbook = new SXSSFWorkbook(1_000);
            try {
                workbook.setCompressTempFiles(false);
                Styles styles = new Styles(workbook, template);
                TreeMap<String, BigDecimal> net = new TreeMap<>();
                long[] pnlRows = {0};
                SXSSFSheet pnlSheet = sheet(workbook, template.text("sheets.daily-pnl"), template.columns("daily-pnl"),
                        styles);
                try {
                    pnl.forEach(row -> {
                        SXSSFRow r = pnlSheet.createRow((int) ++pnlRows[0]);
                        date(r, 0, row.businessDate(), styles);
                        text(r, 1, row.challengeId().toString(), styles);
                        text(r, 2, row.currency(), styles);
                        text(r, 3, row.status(), styles);
                        number(r, 4, row.openingEquity(), styles.money);
                        number(r, 5, row.closingEquity(), styles.money);
                        number(r, 6, row.lowestEquity(), styles.money);
                        number(r, 7, row.netPnl(), styles.money);
                        number(r, 8, row.realizedPnl(), styles.money);
                        number(r, 9, row.commission(), styles.money);
                        number(r, 10, row.swap(), styles.money);
                        r.createCell(11).setCellValue(row.trades());
                        number(r, 12, row.volume(), styles.quantity);
                        number(r, 13, row.drawdownUsedPct(), styles.percent);
                        r.createCell(14).setCellValue(row.revision());
                        if (row.netPnl() != null) {
                            net.merge(row.currency(), row.netPnl(), BigDecimal::add);
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("Cannot read the daily P&L rows: " + e.getMessage(), e);
                }
                finish(pnlSheet, template.columns("daily-pnl").size(), pnlRows[0]);

                TreeMap<String, BigDecimal> succeeded = new TreeMap<>();
                TreeMap<String, BigDecimal> refunded = new TreeMap<>();
                long failed = 0;
                SXSSFSheet paymentSheet = sheet(workbook, template.text("sheets.payments"), template.columns("payments"),
                        styles);
                int row = 0;
                for (FinanceRows.Payment p : payments) {
                    SXSSFRow r = paymentSheet.createRow(++row);
                    instant(r, 0, p.createdAt(), styles);
                    text(r, 1, p.id().toString(), styles);
                    text(r, 2, p.provider(), styles);
                    text(r, 3, p.providerPaymentId(), styles);
                    text(r, 4, p.status(), styles);
                    text(r, 5, p.currency(), styles);
                    number(r, 6, p.amount(), styles.money);
                    number(r, 7, p.refundedAmount(), styles.money);
                    instant(r, 8, p.refundedAt(), styles);
                    text(r, 9, p.challengeId() == null ? "" : p.challengeId().toString(), styles);
                    switch (p.status()) {
                        case "SUCCESS" -> succeeded.merge(p.currency(), p.amount(), BigDecimal::add);
                        case "FAILED" -> failed++;
                        default -> {
                        }
                    }
                    if (p.refundedAmount() != null && p.refundedAmount().signum() > 0) {
                        refunded.merge(p.currency(), p.refundedAmount(), BigDecimal::add);
                    }
                }
                finish(paymentSheet, template.columns("payments").size(), row);

                SXSSFSheet statusSheet = sheet(workbook, template.text("sheets.statuses"), template.columns("statuses"),
                        styles);
                row = 0;
                for (Map.Entry<String, Long> status : new TreeMap<>(challengesByStatus).entrySet()) {
                    SXSSFRow r = statusSheet.createRow(++row);
                    text(r, 0, status.getKey(), styles);
                    r.createCell(1).setCellValue(status.getValue());
                }
                finish(statusSheet, 2, row);

                SXSSFSheet totalsSheet = sheet(workbook, template.text("sheets.totals"), template.columns("totals"),
                        styles);
                row = 0;
                row = totalRows(totalsSheet, row, template.text("labels.net-pnl"), net, styles);
                row = totalRows(totalsSheet, row, template.text("labels.payments-received"), succeeded, styles);
                row = totalRows(totalsSheet, row, template.text("labels.payments-refunded"), refunded, styles);
                SXSSFRow failedRow = totalsSheet.createRow(++row);
                text(failedRow, 0, template.text("labels.payments-failed"), styles);
                text(failedRow, 1, "", styles);
                failedRow.createCell(2).setCellValue(failed);
                SXSSFRow challengesRow = totalsSheet.createRow(++row);
                text(challengesRow, 0, template.text("labels.challenges"), styles);
                text(challengesRow, 1, "", styles);
                challengesRow.createCell(2).setCellValue(pnlRows[0]);
                finish(totalsSheet, 3, row);

                Date fixed = Date.from(generatedAt);
                var core = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
                core.setCreated(Optional.of(fixed));
                core.setModified(Optional.of(fixed));
                core.setCreator("TradeSense Batch");
                try (OutputStream file = Files.newOutputStream(temporary)) {
                    workbook.write(file);
                }
                totals = new Totals(pnlRows[0], payments.size(), plain(net), plain(succeeded), plain(refunded), failed);
            } finally {
                workbook.close();
                workbook.dispose();
            }
            DeterministicZip.copy(temporary, out, LocalDateTime.ofInstant(generatedAt, ZoneOffset.UTC));
            return totals;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Map<String, String> plain(TreeMap<String, BigDecimal> amounts) {
        TreeMap<String, String> plain = new TreeMap<>();
        amounts.forEach((currency, amount) -> plain.put(currency, amount.toPlainString()));
        return plain;
    }

    private static int totalRows(SXSSFSheet sheet, int row, String label, Map<String, BigDecimal> byCurrency,
                                 Styles styles) {
        if (byCurrency.isEmpty()) {
            SXSSFRow r = sheet.createRow(++row);
            text(r, 0, label, styles);
            text(r, 1, "", styles);
            number(r, 2, BigDecimal.ZERO, styles.money);
            return row;
        }
        for (Map.Entry<String, BigDecimal> amount : byCurrency.entrySet()) {
            SXSSFRow r = sheet.createRow(++row);
            text(r, 0, label, styles);
            text(r, 1, amount.getKey(), styles);
            number(r, 2, amount.getValue(), styles.money);
        }
        return row;
    }

    private static SXSSFSheet sheet(SXSSFWorkbook workbook, String name, List<String> headers, Styles styles) {
        SXSSFSheet sheet = workbook.createSheet(name);
        SXSSFRow header = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            SXSSFCell cell = header.createCell(i);
            cell.setCellValue(headers.get(i));
            cell.setCellStyle(styles.header);
            // A fixed width per column: autosizing would read every row back, which a streamed sheet cannot.
            sheet.setColumnWidth(i, Math.max(12, Math.min(40, headers.get(i).length() + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void finish(SXSSFSheet sheet, int columns, long lastRow) {
        sheet.setAutoFilter(new CellRangeAddress(0, (int) Math.max(lastRow, 1), 0, columns - 1));
    }

    private static void text(SXSSFRow row, int column, String value, Styles styles) {
        SXSSFCell cell = row.createCell(column);
        String text = value == null ? "" : value;
        cell.setCellValue(text);
        if (looksLikeFormula(text)) {
            cell.setCellStyle(styles.guardedText);
        }
    }

    /** Text a spreadsheet would read as a formula or command when typed or pasted. */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void number(SXSSFRow row, int column, BigDecimal value, CellStyle style) {
        SXSSFCell cell = row.createCell(column);
        if (value != null) {
            // A spreadsheet number is a double; amounts of up to 15 significant digits survive exactly.
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }

    private static void date(SXSSFRow row, int column, LocalDate value, Styles styles) {
        SXSSFCell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
            cell.setCellStyle(styles.date);
        }
    }

    private static void instant(SXSSFRow row, int column, Instant value, Styles styles) {
        SXSSFCell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
            cell.setCellStyle(styles.instant);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle money;
        final CellStyle percent;
        final CellStyle quantity;
        final CellStyle date;
        final CellStyle instant;
        final CellStyle guardedText;

        Styles(SXSSFWorkbook workbook, ReportTemplate template) {
            var format = workbook.createDataFormat();
            XSSFCellStyle headerStyle = (XSSFCellStyle) workbook.createCellStyle();
            headerStyle.setFillForegroundColor(new XSSFColor(template.colour("header"), null));
            headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            XSSFFont font = (XSSFFont) workbook.createFont();
            font.setBold(true);
            font.setColor(new XSSFColor(template.colour("header-text"), null));
            headerStyle.setFont(font);
            header = headerStyle;
            money = style(workbook, format.getFormat(template.excelFormat("money")));
            percent = style(workbook, format.getFormat(template.excelFormat("percent")));
            quantity = style(workbook, format.getFormat(template.excelFormat("quantity")));
            date = style(workbook, format.getFormat(template.excelFormat("date")));
            instant = style(workbook, format.getFormat(template.excelFormat("instant")));
            guardedText = workbook.createCellStyle();
            guardedText.setQuotePrefixed(true);
        }

        private static CellStyle style(SXSSFWorkbook workbook, short format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(format);
            return style;
        }
    }
}
