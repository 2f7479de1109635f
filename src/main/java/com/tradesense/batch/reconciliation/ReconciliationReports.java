package com.tradesense.batch.reconciliation;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.workbook.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The finance workbook of one run and its one-page PDF summary for sign-off. The workbook streams through
 * {@link XlsxWriter} (a million matched rows never sit in memory) and reads the run's staging and found-break tables,
 * so it is written on the run's connection before those go.
 *
 * <p>Text from a provider file that a spreadsheet could take for a formula ({@code = + - @}, tab, carriage return
 * at the start) is written with a leading apostrophe and as an explicitly quoted text cell: the apostrophe keeps it
 * inert in whatever the figures are copied into next, the quote prefix keeps it text when the cell is edited.
 */
final class ReconciliationReports {

    /** Excel's last row is 1,048,576; one is the header. */
    static final int MAX_DATA_ROWS_PER_SHEET = XlsxWriter.MAX_DATA_ROWS_PER_SHEET;

    /** Bold on light grey with a line under it. */
    private static final XlsxWriter.Header HEADER = new XlsxWriter.Header("#C0C0C0", "#000000", true);

    private final Dialect dialect;
    private final ReconciliationProvider provider;
    private final int maxRowsPerSheet;

    ReconciliationReports(Dialect dialect, ReconciliationProvider provider) {
        this(dialect, provider, MAX_DATA_ROWS_PER_SHEET);
    }

    ReconciliationReports(Dialect dialect, ReconciliationProvider provider, int maxRowsPerSheet) {
        this.dialect = dialect;
        this.provider = provider;
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    static String safeText(String text) {
        return XlsxWriter.looksLikeFormula(text) ? "'" + text : text;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // workbook

    /**
     * @param createdAt the file's document date and zip entry times: the same run rendered again with the same
     *                  time gives the same bytes
     */
    void writeWorkbook(Connection c, ReconciliationResult run, Instant createdAt, OutputStream out)
            throws IOException {
        try (XlsxWriter xlsx = new XlsxWriter(out, createdAt, HEADER, maxRowsPerSheet)) {
            Styles styles = new Styles(xlsx);
            summary(xlsx, styles, run);
            breaks(xlsx, styles, c, run);
            unmatchedLedger(xlsx, styles, c);
            unmatchedProvider(xlsx, styles, c);
            invalidRows(xlsx, styles, c);
            matched(xlsx, styles, c);
            actions(xlsx, styles, c, run);
        } catch (SQLException e) {
            throw new IOException("Cannot read the run's rows for the workbook: " + e.getMessage(), e);
        }
    }

    private static final class Styles {
        final XlsxWriter.Style money;
        final XlsxWriter.Style decimal;
        final XlsxWriter.Style integer;
        final XlsxWriter.Style date;
        final XlsxWriter.Style instant;
        final XlsxWriter.Style seconds;

        Styles(XlsxWriter xlsx) {
            money = xlsx.numberFormat("#,##0.00;-#,##0.00");
            decimal = xlsx.numberFormat("0.00######");
            integer = xlsx.numberFormat("#,##0");
            date = xlsx.numberFormat("yyyy-mm-dd");
            instant = xlsx.numberFormat("yyyy-mm-dd hh:mm:ss.000");
            seconds = xlsx.numberFormat("0.000");
        }
    }

    /** One sheet (continuing on "Name (2)"... past the row limit), written row by row in a fluent style. */
    private static final class Table {
        final XlsxWriter xlsx;
        final Styles styles;

        Table(XlsxWriter xlsx, Styles styles, String name, List<String> headers, int... widths) throws IOException {
            this.xlsx = xlsx;
            this.styles = styles;
            xlsx.startSheet(name, headers, widths);
        }

        Table next() throws IOException {
            xlsx.startRow();
            return this;
        }

        Table text(String value) throws IOException {
            String safe = safeText(value);
            // Identity, not equals: safeText returns the same string when nothing needed guarding.
            xlsx.text(safe, safe == value ? XlsxWriter.DEFAULT : XlsxWriter.QUOTED);
            return this;
        }

        Table money(BigDecimal value) throws IOException {
            xlsx.number(value, styles.money);
            return this;
        }

        Table decimal(BigDecimal value) throws IOException {
            xlsx.number(value, styles.decimal);
            return this;
        }

        Table integer(long value) throws IOException {
            xlsx.integer(value, styles.integer);
            return this;
        }

        Table seconds(BigDecimal value) throws IOException {
            xlsx.number(value, styles.seconds);
            return this;
        }

        Table date(LocalDate value) throws IOException {
            xlsx.date(value, styles.date);
            return this;
        }

        /** Shown in UTC, the ledger's time; never the time zone of the machine writing the file. */
        Table instant(Instant value) throws IOException {
            xlsx.instant(value, styles.instant);
            return this;
        }

        void finish() throws IOException {
            xlsx.endSheet();
        }
    }

    private void summary(XlsxWriter xlsx, Styles styles, ReconciliationResult run) throws IOException {
        Table t = new Table(xlsx, styles, "Summary", List.of("Item", "Value", "Ledger", "Provider", "Difference"),
                34, 48, 16, 16, 16);
        t.next().text("Provider").text(run.provider());
        t.next().text("Business date").date(run.businessDate());
        t.next().text("Provider day starts (UTC)").instant(provider.settings().dayStart(run.businessDate()));
        t.next().text("Provider day ends (UTC)").instant(provider.settings().dayEnd(run.businessDate()));
        t.next().text("Provider time zone").text(provider.settings().zoneId().getId());
        t.next().text("File name").text(run.fileName());
        t.next().text("File SHA-256").text(run.sha256());
        t.next().text("Run id").text(run.runId().toString());
        t.next().text("Status").text(run.status().name());
        t.next().text("Rows read").integer(run.rowsRead());
        t.next().text("Non-trade rows skipped").integer(run.rowsSkipped());
        t.next().text("Matched").integer(run.rowsMatched());
        t.next().text("Breaks").integer(run.breaksCount());
        for (BreakType type : BreakType.values()) {
            t.next().text("Breaks: " + type.name()).integer(run.breaksByType().getOrDefault(type, 0L));
        }
        t.next().text("Realized P&L total").text(null).money(run.ledgerPnl()).money(run.providerPnl())
                .money(difference(run.ledgerPnl(), run.providerPnl()));
        t.next().text("Commission total").text(null).money(run.ledgerCommission()).money(run.providerCommission())
                .money(difference(run.ledgerCommission(), run.providerCommission()));
        Tolerances tolerances = provider.tolerances();
        t.next().text("Tolerance: amounts").decimal(tolerances.amount());
        t.next().text("Tolerance: prices").decimal(tolerances.price());
        t.next().text("Tolerance: quantities").decimal(tolerances.quantity());
        t.next().text("Tolerance: time (seconds)").seconds(BigDecimal.valueOf(tolerances.time().toMillis(), 3));
        t.finish();
    }

    private static BigDecimal difference(BigDecimal ledger, BigDecimal provider) {
        return ledger == null || provider == null ? null : provider.subtract(ledger);
    }

    private void breaks(XlsxWriter xlsx, Styles styles, Connection c, ReconciliationResult run)
            throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Breaks", List.of("Type", "Provider trade id", "Challenge", "Field",
                "Ledger value", "Provider value", "Difference", "First seen", "Age (days)", "Status", "Line",
                "Write-off requested by", "Raw row"), 22, 18, 38, 14, 26, 26, 14, 12, 10, 12, 8, 20, 60);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT break_type, provider_trade_id, challenge_id, field, ledger_value, provider_value,
                       first_seen_date, status, line_number, write_off_requested_by, raw_text
                FROM reconciliation_breaks WHERE last_seen_run_id = ?
                ORDER BY break_type, provider_trade_id, line_number""")) {
            ps.setFetchSize(2_000);
            dialect.setUuid(ps, 1, run.runId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID challenge = dialect.getUuid(rs, "challenge_id");
                    LocalDate firstSeen = dialect.getDate(rs, "first_seen_date");
                    String field = rs.getString("field");
                    String ledger = rs.getString("ledger_value");
                    String exported = rs.getString("provider_value");
                    long line = rs.getLong("line_number");
                    boolean hasLine = !rs.wasNull();
                    t.next().text(rs.getString("break_type")).text(rs.getString("provider_trade_id"))
                            .text(challenge == null ? null : challenge.toString()).text(field).text(ledger)
                            .text(exported);
                    valueDifference(t, field, ledger, exported);
                    t.date(firstSeen).integer(ChronoUnit.DAYS.between(firstSeen, run.businessDate()))
                            .text(rs.getString("status"));
                    if (hasLine) {
                        t.integer(line);
                    } else {
                        t.text(null);
                    }
                    t.text(rs.getString("write_off_requested_by")).text(rs.getString("raw_text"));
                }
            }
        }
        t.finish();
    }

    private static void valueDifference(Table t, String field, String ledger, String exported)
            throws IOException {
        if (ledger == null || exported == null || field == null) {
            t.text(null);
            return;
        }
        try {
            if (field.equals("executed_at")) {
                Duration d = Duration.between(Instant.parse(ledger), Instant.parse(exported));
                t.seconds(BigDecimal.valueOf(d.toMillis(), 3));
                return;
            }
            t.decimal(new BigDecimal(exported).subtract(new BigDecimal(ledger)));
        } catch (RuntimeException notNumeric) {
            t.text(null);
        }
    }

    private void unmatchedLedger(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Unmatched – ledger", List.of("Provider trade id", "Challenge",
                "Symbol", "Side", "Quantity", "Price", "Commission", "Swap", "Realized P&L", "Executed at (UTC)"),
                18, 38, 10, 6, 12, 12, 12, 12, 14, 24);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.provider_trade_id, t.challenge_id, t.symbol, t.side, t.quantity, t.price, t.commission,
                       t.swap, t.realized_pnl, t.executed_at
                FROM recon_found f JOIN trades t ON t.provider = ? AND t.provider_trade_id = f.provider_trade_id
                WHERE f.break_type = 'MISSING_IN_PROVIDER' ORDER BY t.executed_at, t.provider_trade_id""")) {
            ps.setFetchSize(2_000);
            ps.setString(1, provider.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.next().text(rs.getString("provider_trade_id"))
                            .text(String.valueOf(dialect.getUuid(rs, "challenge_id"))).text(rs.getString("symbol"))
                            .text(rs.getString("side")).decimal(dialect.getDecimal(rs, "quantity"))
                            .decimal(dialect.getDecimal(rs, "price")).money(dialect.getDecimal(rs, "commission"))
                            .money(dialect.getDecimal(rs, "swap")).money(dialect.getDecimal(rs, "realized_pnl"))
                            .instant(dialect.getInstant(rs, "executed_at"));
                }
            }
        }
        t.finish();
    }

    private void unmatchedProvider(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Unmatched – provider", List.of("Line", "Provider trade id", "Account",
                "Symbol", "Side", "Quantity", "Price", "Commission", "Swap", "Realized P&L", "Executed at (UTC)"),
                8, 18, 14, 10, 6, 12, 12, 12, 12, 14, 24);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.* FROM recon_staging s
                WHERE s.error IS NULL
                  AND NOT EXISTS (SELECT 1 FROM trades t WHERE t.provider = ?
                                  AND t.provider_trade_id = s.provider_trade_id)
                ORDER BY s.line_no""")) {
            ps.setFetchSize(2_000);
            ps.setString(1, provider.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.next().integer(rs.getLong("line_no")).text(rs.getString("provider_trade_id"))
                            .text(rs.getString("account")).text(rs.getString("symbol")).text(rs.getString("side"))
                            .decimal(new BigDecimal(rs.getString("quantity")))
                            .decimal(new BigDecimal(rs.getString("price")))
                            .money(new BigDecimal(rs.getString("commission")))
                            .money(new BigDecimal(rs.getString("swap")))
                            .money(new BigDecimal(rs.getString("realized_pnl")))
                            .instant(Instant.parse(rs.getString("executed_at")));
                }
            }
        }
        t.finish();
    }

    private void invalidRows(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Invalid rows", List.of("Line", "Provider trade id", "Field", "Value",
                "Problem", "Raw row"), 8, 18, 14, 20, 60, 80);
        try (PreparedStatement ps = c.prepareStatement("SELECT line_no, provider_trade_id, error_field, error_value,"
                + " error, raw_text FROM recon_staging WHERE error IS NOT NULL ORDER BY line_no")) {
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.next().integer(rs.getLong("line_no")).text(rs.getString("provider_trade_id"))
                            .text(rs.getString("error_field")).text(rs.getString("error_value"))
                            .text(rs.getString("error")).text(rs.getString("raw_text"));
                }
            }
        }
        t.finish();
    }

    private void matched(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Matched", List.of("Provider trade id", "Challenge", "Symbol", "Side",
                "Quantity", "Price (ledger)", "Price (provider)", "Realized P&L (ledger)", "Realized P&L (provider)",
                "Commission (ledger)", "Commission (provider)", "Executed at (ledger, UTC)",
                "Executed at (provider, UTC)"), 18, 38, 10, 6, 12, 14, 14, 14, 14, 14, 14, 24, 24);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.provider_trade_id, t.challenge_id, t.symbol, t.side, t.quantity, t.price,
                       s.price AS s_price, t.realized_pnl, s.realized_pnl AS s_pnl, t.commission,
                       s.commission AS s_commission, t.executed_at, s.executed_at AS s_executed_at
                FROM recon_staging s
                JOIN trades t ON t.provider = ? AND t.provider_trade_id = s.provider_trade_id
                WHERE s.error IS NULL
                  AND NOT EXISTS (SELECT 1 FROM recon_found f WHERE f.provider_trade_id = s.provider_trade_id)""")) {
            ps.setFetchSize(5_000);
            ps.setString(1, provider.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.next().text(rs.getString("provider_trade_id"))
                            .text(String.valueOf(dialect.getUuid(rs, "challenge_id"))).text(rs.getString("symbol"))
                            .text(rs.getString("side")).decimal(dialect.getDecimal(rs, "quantity"))
                            .decimal(dialect.getDecimal(rs, "price")).decimal(new BigDecimal(rs.getString("s_price")))
                            .money(dialect.getDecimal(rs, "realized_pnl")).money(new BigDecimal(rs.getString("s_pnl")))
                            .money(dialect.getDecimal(rs, "commission"))
                            .money(new BigDecimal(rs.getString("s_commission")))
                            .instant(dialect.getInstant(rs, "executed_at"))
                            .instant(Instant.parse(rs.getString("s_executed_at")));
                }
            }
        }
        t.finish();
    }

    /** What people did to this provider's breaks since the previous run: the audit trail finance signs off. */
    private void actions(XlsxWriter xlsx, Styles styles, Connection c, ReconciliationResult run)
            throws SQLException, IOException {
        Table t = new Table(xlsx, styles, "Break actions", List.of("When (UTC)", "Action", "By", "Reason",
                "Break type", "Provider trade id", "Break status"), 24, 20, 16, 50, 22, 18, 14);
        Instant since = Instant.EPOCH;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT MAX(p.started_at) AS since FROM reconciliation_runs p, reconciliation_runs r
                WHERE r.id = ? AND p.provider = r.provider AND p.id <> r.id AND p.started_at <= r.started_at
                  AND p.status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS')""")) {
            dialect.setUuid(ps, 1, run.runId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && dialect.getInstant(rs, "since") != null) {
                    since = dialect.getInstant(rs, "since");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.acted_at, a.action, a.actor, a.reason, b.break_type, b.provider_trade_id, b.status
                FROM reconciliation_break_actions a JOIN reconciliation_breaks b ON b.id = a.break_id
                WHERE b.provider = ? AND a.acted_at > ?
                ORDER BY a.acted_at""")) {
            ps.setString(1, provider.code());
            dialect.setInstant(ps, 2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.next().instant(dialect.getInstant(rs, "acted_at")).text(rs.getString("action"))
                            .text(rs.getString("actor")).text(rs.getString("reason")).text(rs.getString("break_type"))
                            .text(rs.getString("provider_trade_id")).text(rs.getString("status"));
                }
            }
        }
        t.finish();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PDF

    void writePdf(ReconciliationResult run, OutputStream out) throws IOException {
        Document document = new Document(PageSize.A4, 42, 42, 42, 42);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Reconciliation " + run.provider() + " " + run.businessDate());
            document.open();
            Font title = new Font(Font.HELVETICA, 15, Font.BOLD);
            Font normal = new Font(Font.HELVETICA, 9);
            Font bold = new Font(Font.HELVETICA, 9, Font.BOLD);
            document.add(new Paragraph("Trade reconciliation — " + run.provider() + ", business date "
                    + run.businessDate(), title));
            document.add(new Paragraph("Run " + run.runId() + " · status " + run.status(), normal));
            document.add(new Paragraph(" ", normal));
            PdfPTable facts = new PdfPTable(new float[] {2.2f, 5f});
            facts.setWidthPercentage(100);
            fact(facts, "File", run.fileName(), bold, normal);
            fact(facts, "SHA-256", run.sha256(), bold, normal);
            fact(facts, "Provider day (UTC)", provider.settings().dayStart(run.businessDate()) + " – "
                    + provider.settings().dayEnd(run.businessDate()) + " (" + provider.settings().zoneId() + ")",
                    bold, normal);
            fact(facts, "Rows read", Long.toString(run.rowsRead()) + " (" + run.rowsSkipped()
                    + " non-trade rows skipped)", bold, normal);
            fact(facts, "Matched", Long.toString(run.rowsMatched()), bold, normal);
            fact(facts, "Breaks", Long.toString(run.breaksCount()), bold, normal);
            Tolerances tol = provider.tolerances();
            fact(facts, "Tolerances", "amounts " + tol.amount().toPlainString() + ", prices "
                    + tol.price().toPlainString() + ", quantities " + tol.quantity().toPlainString() + ", time "
                    + BigDecimal.valueOf(tol.time().toMillis(), 3).stripTrailingZeros().toPlainString() + " s",
                    bold, normal);
            document.add(facts);
            document.add(new Paragraph(" ", normal));
            PdfPTable totals = new PdfPTable(new float[] {2.2f, 1.6f, 1.6f, 1.6f});
            totals.setWidthPercentage(100);
            for (String h : List.of("Totals", "Ledger", "Provider", "Difference")) {
                totals.addCell(cell(h, bold, Element.ALIGN_LEFT));
            }
            totalRow(totals, "Realized P&L", run.ledgerPnl(), run.providerPnl(), normal);
            totalRow(totals, "Commission", run.ledgerCommission(), run.providerCommission(), normal);
            document.add(totals);
            document.add(new Paragraph(" ", normal));
            PdfPTable types = new PdfPTable(new float[] {3f, 1f, 3f, 1f});
            types.setWidthPercentage(100);
            types.addCell(cell("Break type", bold, Element.ALIGN_LEFT));
            types.addCell(cell("Count", bold, Element.ALIGN_RIGHT));
            types.addCell(cell("Break type", bold, Element.ALIGN_LEFT));
            types.addCell(cell("Count", bold, Element.ALIGN_RIGHT));
            for (BreakType type : BreakType.values()) {
                types.addCell(cell(type.name(), normal, Element.ALIGN_LEFT));
                types.addCell(cell(Long.toString(run.breaksByType().getOrDefault(type, 0L)), normal,
                        Element.ALIGN_RIGHT));
            }
            if (BreakType.values().length % 2 == 1) {
                types.addCell(cell("", normal, Element.ALIGN_LEFT));
                types.addCell(cell("", normal, Element.ALIGN_LEFT));
            }
            document.add(types);
            document.add(new Paragraph(" ", normal));
            document.add(new Paragraph("The workbook of this run lists every break, the unmatched and invalid rows"
                    + " and the matched pairs.", normal));
            document.add(new Paragraph(" ", normal));
            document.add(new Paragraph("Prepared by: ______________________   Date: ____________", normal));
            document.add(new Paragraph(" ", normal));
            document.add(new Paragraph("Approved by: ______________________   Date: ____________", normal));
        } catch (DocumentException e) {
            throw new IOException("Cannot write the reconciliation summary PDF: " + e.getMessage(), e);
        } finally {
            document.close();
        }
    }

    private static void fact(PdfPTable table, String name, String value, Font bold, Font normal) {
        table.addCell(cell(name, bold, Element.ALIGN_LEFT));
        table.addCell(cell(value == null ? "" : value, normal, Element.ALIGN_LEFT));
    }

    private static void totalRow(PdfPTable table, String name, BigDecimal ledger, BigDecimal provider, Font font) {
        table.addCell(cell(name, font, Element.ALIGN_LEFT));
        table.addCell(cell(amount(ledger), font, Element.ALIGN_RIGHT));
        table.addCell(cell(amount(provider), font, Element.ALIGN_RIGHT));
        table.addCell(cell(amount(difference(ledger, provider)), font, Element.ALIGN_RIGHT));
    }

    private static String amount(BigDecimal value) {
        return value == null ? "" : String.format(java.util.Locale.ROOT, "%,.2f", value);
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        return cell;
    }
}
