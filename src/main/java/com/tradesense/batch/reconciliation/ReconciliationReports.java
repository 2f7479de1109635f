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
import com.tradesense.batch.reports.templates.ReportTemplate;
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
import java.util.Map;
import java.util.UUID;

/**
 * The finance workbook of one run and its one-page PDF summary for sign-off. The workbook streams through
 * {@link XlsxWriter} (a million matched rows never sit in memory) and reads the run's staging and found-break tables,
 * so it is written on the run's connection before those go.
 *
 * <p>Sheet names, headers, labels, number formats, colours and the PDF's wording come from the report template
 * {@code reconciliation.yml}; the order of the columns is fixed here.
 *
 * <p>Text from a provider file that a spreadsheet could take for a formula ({@code = + - @}, tab, carriage return
 * at the start) is written as an explicitly quoted text cell, which keeps it text when the cell is edited, and, unless
 * it is just a signed number, with a leading apostrophe that keeps it inert in whatever it is copied into next.
 */
final class ReconciliationReports {

    /** Excel's last row is 1,048,576; one is the header. */
    static final int MAX_DATA_ROWS_PER_SHEET = XlsxWriter.MAX_DATA_ROWS_PER_SHEET;

    private final Dialect dialect;
    private final ReconciliationProvider provider;
    private final int maxRowsPerSheet;
    private final ReportTemplate template;

    ReconciliationReports(Dialect dialect, ReconciliationProvider provider, int maxRowsPerSheet,
                          ReportTemplate template) {
        this.dialect = dialect;
        this.provider = provider;
        this.maxRowsPerSheet = maxRowsPerSheet;
        this.template = template;
    }

    /** A signed number written as text (a negative P&L in a break's values, a provider id like -303). */
    private static final java.util.regex.Pattern SIGNED_NUMBER =
            java.util.regex.Pattern.compile("[-+][0-9]+(\\.[0-9]+)?");

    /**
     * Text as the workbook shows it: a leading apostrophe on text a spreadsheet could run as a formula; a signed
     * number runs nothing anywhere and keeps its digits as they are (the cell's quote prefix still keeps it text).
     */
    static String safeText(String text) {
        return XlsxWriter.looksLikeFormula(text) && !SIGNED_NUMBER.matcher(text).matches() ? "'" + text : text;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // workbook

    /**
     * @param createdAt the file's document date and zip entry times: the same run rendered again with the same
     *                  time gives the same bytes
     */
    void writeWorkbook(Connection c, ReconciliationResult run, Instant createdAt, OutputStream out)
            throws IOException {
        XlsxWriter.Header header = new XlsxWriter.Header(template.text("colours.header"),
                template.text("colours.header-text"), true);
        try (XlsxWriter xlsx = new XlsxWriter(out, createdAt, header, maxRowsPerSheet)) {
            Styles styles = new Styles(xlsx, template);
            summary(xlsx, styles, run, crossDay(c, run));
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

        Styles(XlsxWriter xlsx, ReportTemplate template) {
            money = xlsx.numberFormat(template.excelFormat("money"));
            decimal = xlsx.numberFormat(template.excelFormat("decimal"));
            integer = xlsx.numberFormat(template.excelFormat("integer"));
            date = xlsx.numberFormat(template.excelFormat("date"));
            instant = xlsx.numberFormat(template.excelFormat("instant"));
            seconds = xlsx.numberFormat(template.excelFormat("seconds"));
        }
    }

    /** One sheet (continuing on "Name (2)"... past the row limit), written row by row in a fluent style. */
    private static final class Table {
        final XlsxWriter xlsx;
        final Styles styles;

        /** The sheet {@code sheets.<key>} with the headers {@code columns.<key>} of {@code template}. */
        Table(XlsxWriter xlsx, Styles styles, ReportTemplate template, String key, int... widths) throws IOException {
            this.xlsx = xlsx;
            this.styles = styles;
            xlsx.startSheet(template.text("sheets." + key), template.columns(key), widths);
        }

        Table next() throws IOException {
            xlsx.startRow();
            return this;
        }

        Table text(String value) throws IOException {
            if (XlsxWriter.looksLikeFormula(value)) {
                xlsx.text(safeText(value), XlsxWriter.QUOTED);
            } else {
                xlsx.text(value, XlsxWriter.DEFAULT);
            }
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

    /** How many trades of another day's window this run left to that day's file, and reported for it. */
    private record CrossDay(long leftToOtherDay, long reportedForOtherDay) {
    }

    private CrossDay crossDay(Connection c, ReconciliationResult run) throws SQLException {
        long left = 0;
        long reported = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*) AS n FROM reconciliation_cross_day_trades"
                + " WHERE run_id = ? GROUP BY kind")) {
            dialect.setUuid(ps, 1, run.runId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString("kind")) {
                        case ReconciliationService.LEFT_TO_OTHER_DAY -> left = rs.getLong("n");
                        case ReconciliationService.REPORTED_FOR_OTHER_DAY -> reported = rs.getLong("n");
                        default -> { }
                    }
                }
            }
        }
        return new CrossDay(left, reported);
    }

    private String label(String key) {
        return template.text("summary." + key);
    }

    private void summary(XlsxWriter xlsx, Styles styles, ReconciliationResult run, CrossDay crossDay)
            throws IOException {
        Table t = new Table(xlsx, styles, template, "summary", 34, 48, 16, 16, 16);
        t.next().text(label("provider")).text(run.provider());
        t.next().text(label("business-date")).date(run.businessDate());
        t.next().text(label("day-start")).instant(provider.settings().dayStart(run.businessDate()));
        t.next().text(label("day-end")).instant(provider.settings().dayEnd(run.businessDate()));
        t.next().text(label("zone")).text(provider.settings().zoneId().getId());
        t.next().text(label("file-name")).text(run.fileName());
        t.next().text(label("sha256")).text(run.sha256());
        t.next().text(label("run")).text(run.runId().toString());
        t.next().text(label("status")).text(run.status().name());
        t.next().text(label("rows-read")).integer(run.rowsRead());
        t.next().text(label("rows-skipped")).integer(run.rowsSkipped());
        t.next().text(label("matched")).integer(run.rowsMatched());
        t.next().text(label("breaks")).integer(run.breaksCount());
        for (BreakType type : BreakType.values()) {
            t.next().text(template.text("summary.breaks-of-type", Map.of("type", type.name())))
                    .integer(run.breaksByType().getOrDefault(type, 0L));
        }
        t.next().text(label("left-to-other-day")).integer(crossDay.leftToOtherDay());
        t.next().text(label("reported-for-other-day")).integer(crossDay.reportedForOtherDay());
        t.next().text(label("pnl-total")).text(null).money(run.ledgerPnl()).money(run.providerPnl())
                .money(difference(run.ledgerPnl(), run.providerPnl()));
        t.next().text(label("commission-total")).text(null).money(run.ledgerCommission())
                .money(run.providerCommission()).money(difference(run.ledgerCommission(), run.providerCommission()));
        Tolerances tolerances = provider.tolerances();
        t.next().text(label("tolerance-amount")).decimal(tolerances.amount());
        t.next().text(label("tolerance-price")).decimal(tolerances.price());
        t.next().text(label("tolerance-quantity")).decimal(tolerances.quantity());
        t.next().text(label("tolerance-time")).seconds(BigDecimal.valueOf(tolerances.time().toMillis(), 3));
        t.finish();
    }

    private static BigDecimal difference(BigDecimal ledger, BigDecimal provider) {
        return ledger == null || provider == null ? null : provider.subtract(ledger);
    }

    /** A break found by this run, as the Breaks sheet shows it. */
    private record BreakRow(String type, String providerTradeId, UUID challenge, String field, String ledgerValue,
                            String providerValue, LocalDate firstSeen, String status, Long line,
                            String writeOffRequestedBy, String rawText) {
    }

    private void breaks(XlsxWriter xlsx, Styles styles, Connection c, ReconciliationResult run)
            throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "breaks", 22, 18, 38, 14, 26, 26, 14, 12, 10, 12, 8, 20, 60);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT break_type, provider_trade_id, challenge_id, field, ledger_value, provider_value,
                       first_seen_date, status, line_number, write_off_requested_by, raw_text
                FROM reconciliation_breaks WHERE last_seen_run_id = ?
                ORDER BY break_type, provider_trade_id, line_number""")) {
            ps.setFetchSize(2_000);
            dialect.setUuid(ps, 1, run.runId());
            ReadAhead.forEach(ps, rs -> {
                long number = rs.getLong("line_number");
                Long line = rs.wasNull() ? null : number; // a break of no export row (e.g. MISSING_IN_PROVIDER)
                return new BreakRow(rs.getString("break_type"), rs.getString("provider_trade_id"),
                        dialect.getUuid(rs, "challenge_id"), rs.getString("field"), rs.getString("ledger_value"),
                        rs.getString("provider_value"), dialect.getDate(rs, "first_seen_date"),
                        rs.getString("status"), line, rs.getString("write_off_requested_by"),
                        rs.getString("raw_text"));
            }, b -> {
                t.next().text(b.type()).text(b.providerTradeId())
                        .text(b.challenge() == null ? null : b.challenge().toString()).text(b.field())
                        .text(b.ledgerValue()).text(b.providerValue());
                valueDifference(t, b.field(), b.ledgerValue(), b.providerValue());
                t.date(b.firstSeen()).integer(ChronoUnit.DAYS.between(b.firstSeen(), run.businessDate()))
                        .text(b.status());
                if (b.line() != null) {
                    t.integer(b.line());
                } else {
                    t.text(null);
                }
                t.text(b.writeOffRequestedBy()).text(b.rawText());
            });
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

    /** A trade of the ledger or of the export, as the Unmatched sheets show it. */
    private record TradeRow(Long line, String providerTradeId, String challengeOrAccount, String symbol, String side,
                            BigDecimal quantity, BigDecimal price, BigDecimal commission, BigDecimal swap,
                            BigDecimal realizedPnl, Instant executedAt) {

        void write(Table t) throws IOException {
            t.text(symbol).text(side).decimal(quantity).decimal(price).money(commission).money(swap)
                    .money(realizedPnl).instant(executedAt);
        }
    }

    private void unmatchedLedger(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "unmatched-ledger", 18, 38, 10, 6, 12, 12, 12, 12, 14, 24);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.provider_trade_id, t.challenge_id, t.symbol, t.side, t.quantity, t.price, t.commission,
                       t.swap, t.realized_pnl, t.executed_at
                FROM recon_found f JOIN trades t ON t.provider = ? AND t.provider_trade_id = f.provider_trade_id
                WHERE f.break_type = 'MISSING_IN_PROVIDER' ORDER BY t.executed_at, t.provider_trade_id""")) {
            ps.setFetchSize(2_000);
            ps.setString(1, provider.code());
            ReadAhead.forEach(ps, rs -> new TradeRow(null, rs.getString("provider_trade_id"),
                    String.valueOf(dialect.getUuid(rs, "challenge_id")), rs.getString("symbol"), rs.getString("side"),
                    dialect.getDecimal(rs, "quantity"), dialect.getDecimal(rs, "price"),
                    dialect.getDecimal(rs, "commission"), dialect.getDecimal(rs, "swap"),
                    dialect.getDecimal(rs, "realized_pnl"), dialect.getInstant(rs, "executed_at")), trade -> {
                t.next().text(trade.providerTradeId()).text(trade.challengeOrAccount());
                trade.write(t);
            });
        }
        t.finish();
    }

    private void unmatchedProvider(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "unmatched-provider", 8, 18, 14, 10, 6, 12, 12, 12, 12, 14, 24);
        // The rows of this run's MISSING_IN_LEDGER breaks (a repeated id shows each of its rows): looked up among
        // the few found breaks, not by holding the whole export against the whole ledger a second time.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.* FROM recon_staging s
                WHERE s.error IS NULL
                  AND EXISTS (SELECT 1 FROM recon_found f WHERE f.provider_trade_id = s.provider_trade_id
                              AND f.break_type = 'MISSING_IN_LEDGER')
                ORDER BY s.line_no""")) {
            ps.setFetchSize(2_000);
            // The staging table holds the export's values as the reader validated them: exact decimal text and
            // ISO instants.
            ReadAhead.forEach(ps, rs -> new TradeRow(rs.getLong("line_no"), rs.getString("provider_trade_id"),
                    rs.getString("account"), rs.getString("symbol"), rs.getString("side"),
                    new BigDecimal(rs.getString("quantity")), new BigDecimal(rs.getString("price")),
                    new BigDecimal(rs.getString("commission")), new BigDecimal(rs.getString("swap")),
                    new BigDecimal(rs.getString("realized_pnl")), stagedInstant(rs.getString("executed_at"))),
                    trade -> {
                        t.next().integer(trade.line()).text(trade.providerTradeId()).text(trade.challengeOrAccount());
                        trade.write(t);
                    });
        }
        t.finish();
    }

    private record InvalidRow(long line, String providerTradeId, String field, String value, String problem,
                              String rawText) {
    }

    private void invalidRows(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "invalid-rows", 8, 18, 14, 20, 60, 80);
        try (PreparedStatement ps = c.prepareStatement("SELECT line_no, provider_trade_id, error_field, error_value,"
                + " error, raw_text FROM recon_staging WHERE error IS NOT NULL ORDER BY line_no")) {
            ps.setFetchSize(2_000);
            ReadAhead.forEach(ps, rs -> new InvalidRow(rs.getLong("line_no"), rs.getString("provider_trade_id"),
                    rs.getString("error_field"), rs.getString("error_value"), rs.getString("error"),
                    rs.getString("raw_text")), row -> t.next().integer(row.line()).text(row.providerTradeId())
                    .text(row.field()).text(row.value()).text(row.problem()).text(row.rawText()));
        }
        t.finish();
    }

    /**
     * A ledger trade and the export row that matched it. The export's values stay text until the writing thread
     * converts them: the next fetch waits for the reading thread, so it does as little as it can.
     */
    private record MatchedPair(String providerTradeId, UUID challenge, String symbol, String side,
                               BigDecimal quantity, BigDecimal ledgerPrice, String providerPrice,
                               BigDecimal ledgerPnl, String providerPnl, BigDecimal ledgerCommission,
                               String providerCommission, Instant ledgerExecutedAt, String providerExecutedAt) {
    }

    private void matched(XlsxWriter xlsx, Styles styles, Connection c) throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "matched", 18, 38, 10, 6, 12, 14, 14, 14, 14, 14, 14, 24, 24);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.provider_trade_id, t.challenge_id, t.symbol, t.side, t.quantity, t.price,
                       s.price AS s_price, t.realized_pnl, s.realized_pnl AS s_pnl, t.commission,
                       s.commission AS s_commission, t.executed_at, s.executed_at AS s_executed_at
                FROM recon_staging s
                JOIN trades t ON t.provider = ? AND t.provider_trade_id = s.provider_trade_id
                WHERE s.error IS NULL
                  AND NOT EXISTS (SELECT 1 FROM recon_found f WHERE f.provider_trade_id = s.provider_trade_id
                                    AND f.break_type <> 'INVALID_ROW')""")) {
            // Every fetch is a round trip in which either the database or this side waits: few, large ones.
            ps.setFetchSize(20_000);
            ps.setString(1, provider.code());
            ReadAhead.forEach(ps, rs -> new MatchedPair(rs.getString("provider_trade_id"),
                    dialect.getUuid(rs, "challenge_id"), rs.getString("symbol"), rs.getString("side"),
                    dialect.getDecimal(rs, "quantity"), dialect.getDecimal(rs, "price"), rs.getString("s_price"),
                    dialect.getDecimal(rs, "realized_pnl"), rs.getString("s_pnl"),
                    dialect.getDecimal(rs, "commission"), rs.getString("s_commission"),
                    dialect.getInstant(rs, "executed_at"), rs.getString("s_executed_at")), pair -> t.next()
                    .text(pair.providerTradeId()).text(pair.challenge().toString()).text(pair.symbol())
                    .text(pair.side()).decimal(pair.quantity()).decimal(pair.ledgerPrice())
                    .decimal(new BigDecimal(pair.providerPrice())).money(pair.ledgerPnl())
                    .money(new BigDecimal(pair.providerPnl())).money(pair.ledgerCommission())
                    .money(new BigDecimal(pair.providerCommission())).instant(pair.ledgerExecutedAt())
                    .instant(stagedInstant(pair.providerExecutedAt())));
        }
        t.finish();
    }

    /**
     * An instant as the staging table holds it ({@link Instant#toString()}). Whole seconds and milliseconds, what
     * nearly every export has, are read by position; anything else goes through {@link Instant#parse}. A million
     * rows through the general parser cost about half a second.
     */
    static Instant stagedInstant(String text) {
        int length = text.length();
        if ((length == 20 || length == 24) && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z' && (length == 20 || text.charAt(19) == '.')) {
            int year = ExportReader.digits(text, 0, 4);
            int month = ExportReader.digits(text, 5, 2);
            int day = ExportReader.digits(text, 8, 2);
            int hour = ExportReader.digits(text, 11, 2);
            int minute = ExportReader.digits(text, 14, 2);
            int second = ExportReader.digits(text, 17, 2);
            int millis = length == 24 ? ExportReader.digits(text, 20, 3) : 0;
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1)
                    .lengthOfMonth() && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0
                    && second < 60 && millis >= 0) {
                long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L
                        + minute * 60L + second;
                return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
            }
        }
        return Instant.parse(text);
    }

    /** What people did to this provider's breaks since the previous run: the audit trail finance signs off. */
    private void actions(XlsxWriter xlsx, Styles styles, Connection c, ReconciliationResult run)
            throws SQLException, IOException {
        Table t = new Table(xlsx, styles, template, "actions", 24, 20, 16, 50, 22, 18, 14);
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
        Map<String, Object> day = Map.of("provider", run.provider(), "date", run.businessDate());
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(template.text("pdf.document-title", day));
            document.open();
            Font title = new Font(Font.HELVETICA, 15, Font.BOLD);
            Font normal = new Font(Font.HELVETICA, 9);
            Font bold = new Font(Font.HELVETICA, 9, Font.BOLD);
            document.add(new Paragraph(template.text("pdf.title", day), title));
            document.add(new Paragraph(template.text("pdf.run", Map.of("run", run.runId(), "status", run.status())),
                    normal));
            document.add(new Paragraph(" ", normal));
            PdfPTable facts = new PdfPTable(new float[] {2.2f, 5f});
            facts.setWidthPercentage(100);
            fact(facts, pdf("file"), run.fileName(), bold, normal);
            fact(facts, pdf("sha256"), run.sha256(), bold, normal);
            fact(facts, pdf("provider-day"), template.text("pdf.provider-day-value", Map.of(
                    "start", provider.settings().dayStart(run.businessDate()),
                    "end", provider.settings().dayEnd(run.businessDate()), "zone", provider.settings().zoneId())),
                    bold, normal);
            fact(facts, pdf("rows-read"), template.text("pdf.rows-read-value", Map.of("rows", run.rowsRead(),
                    "skipped", run.rowsSkipped())), bold, normal);
            fact(facts, pdf("matched"), Long.toString(run.rowsMatched()), bold, normal);
            fact(facts, pdf("breaks"), Long.toString(run.breaksCount()), bold, normal);
            Tolerances tol = provider.tolerances();
            fact(facts, pdf("tolerances"), template.text("pdf.tolerances-value", Map.of(
                    "amount", tol.amount().toPlainString(), "price", tol.price().toPlainString(),
                    "quantity", tol.quantity().toPlainString(),
                    "time", BigDecimal.valueOf(tol.time().toMillis(), 3).stripTrailingZeros().toPlainString())),
                    bold, normal);
            document.add(facts);
            document.add(new Paragraph(" ", normal));
            PdfPTable totals = new PdfPTable(new float[] {2.2f, 1.6f, 1.6f, 1.6f});
            totals.setWidthPercentage(100);
            for (String h : template.columns("pdf-totals")) {
                totals.addCell(cell(h, bold, Element.ALIGN_LEFT));
            }
            totalRow(totals, pdf("pnl"), run.ledgerPnl(), run.providerPnl(), normal);
            totalRow(totals, pdf("commission"), run.ledgerCommission(), run.providerCommission(), normal);
            document.add(totals);
            document.add(new Paragraph(" ", normal));
            PdfPTable types = new PdfPTable(new float[] {3f, 1f, 3f, 1f});
            types.setWidthPercentage(100);
            List<String> typeHeaders = template.columns("pdf-break-types");
            for (int i = 0; i < 2; i++) {
                types.addCell(cell(typeHeaders.get(0), bold, Element.ALIGN_LEFT));
                types.addCell(cell(typeHeaders.get(1), bold, Element.ALIGN_RIGHT));
            }
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
            document.add(new Paragraph(pdf("note"), normal));
            document.add(new Paragraph(" ", normal));
            document.add(new Paragraph(pdf("prepared-by"), normal));
            document.add(new Paragraph(" ", normal));
            document.add(new Paragraph(pdf("approved-by"), normal));
        } catch (DocumentException e) {
            throw new IOException("Cannot write the reconciliation summary PDF: " + e.getMessage(), e);
        } finally {
            document.close();
        }
    }

    private String pdf(String key) {
        return template.text("pdf." + key);
    }

    private static void fact(PdfPTable table, String name, String value, Font bold, Font normal) {
        table.addCell(cell(name, bold, Element.ALIGN_LEFT));
        table.addCell(cell(value == null ? "" : value, normal, Element.ALIGN_LEFT));
    }

    private void totalRow(PdfPTable table, String name, BigDecimal ledger, BigDecimal provider, Font font) {
        table.addCell(cell(name, font, Element.ALIGN_LEFT));
        table.addCell(cell(template.money(ledger), font, Element.ALIGN_RIGHT));
        table.addCell(cell(template.money(provider), font, Element.ALIGN_RIGHT));
        table.addCell(cell(template.money(difference(ledger, provider)), font, Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        return cell;
    }
}
