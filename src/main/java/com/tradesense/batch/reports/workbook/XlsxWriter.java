package com.tradesense.batch.reports.workbook;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx (Office Open XML spreadsheet) straight to a stream, one row at a time, with nothing but the current
 * row in memory: a million-row sheet costs the time to format its text and deflate it, no more.
 *
 * <p>Deterministic: zip entries in a fixed order with one fixed time (set as a local date-time, so the JVM's zone
 * never enters the bytes), the document dates given by the caller, fixed compression level. Numbers are written as
 * their exact decimal text (a spreadsheet reads them as numbers), dates and times as spreadsheet serial numbers with a
 * date format, text as inline strings. Every sheet has a frozen header row and a filter over its rows.
 */
final class XlsxWriter implements AutoCloseable {

    /** Cell styles; the order is the index in styles.xml's cellXfs. */
    enum Style { DEFAULT, HEADER, MONEY, PERCENT, QUANTITY, DATE, INSTANT, GUARDED_TEXT }

    /** The number formats of the MONEY..INSTANT styles, and the header colours. */
    record Look(String money, String percent, String quantity, String date, String instant, String headerFill,
                String headerText) {
    }

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final int EXCEL_EPOCH_OFFSET = 25_569; // days from 1899-12-30 to 1970-01-01

    private final ZipOutputStream zip;
    private final Writer xml;
    private final LocalDateTime entryTime;
    private final Instant documentDate;
    private final Look look;
    private final List<String> sheetNames = new ArrayList<>();
    private final List<String> filterRanges = new ArrayList<>();
    private int columns;
    private long row;
    private int column;
    private final StringBuilder reference = new StringBuilder(12);

    XlsxWriter(OutputStream out, Instant documentDate, Look look) {
        this.zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open (the archive digests it)
            }
        }, StandardCharsets.UTF_8);
        this.zip.setLevel(Deflater.BEST_SPEED);
        this.xml = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);
        this.entryTime = LocalDateTime.ofInstant(documentDate, ZoneOffset.UTC).withNano(0);
        this.documentDate = documentDate;
        this.look = look;
    }

    /** Starts a sheet with its header row; column widths in characters. */
    void startSheet(String name, List<String> headers, int[] widths) throws IOException {
        sheetNames.add(name);
        entry("xl/worksheets/sheet" + sheetNames.size() + ".xml");
        columns = headers.size();
        xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN_NS
                + "\" xmlns:r=\"" + REL_NS + "\"><sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
                + "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
        for (int i = 0; i < widths.length; i++) {
            xml.write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + widths[i]
                    + "\" customWidth=\"1\"/>");
        }
        xml.write("</cols><sheetData>");
        row = 0;
        startRow();
        for (String header : headers) {
            text(header, Style.HEADER);
        }
        endRow();
    }

    void startRow() throws IOException {
        row++;
        column = 0;
        xml.write("<row r=\"");
        xml.write(Long.toString(row));
        xml.write("\">");
    }

    void endRow() throws IOException {
        xml.write("</row>");
    }

    void text(String value) throws IOException {
        text(value, looksLikeFormula(value) ? Style.GUARDED_TEXT : Style.DEFAULT);
    }

    private void text(String value, Style style) throws IOException {
        cellStart(style, "inlineStr");
        xml.write("<is><t xml:space=\"preserve\">");
        escape(value == null ? "" : value);
        xml.write("</t></is></c>");
    }

    void number(BigDecimal value, Style style) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(style, null);
        xml.write("<v>");
        xml.write(value.toPlainString());
        xml.write("</v></c>");
    }

    void integer(long value) throws IOException {
        cellStart(Style.DEFAULT, null);
        xml.write("<v>");
        xml.write(Long.toString(value));
        xml.write("</v></c>");
    }

    void date(LocalDate value) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(Style.DATE, null);
        xml.write("<v>");
        xml.write(Long.toString(value.toEpochDay() + EXCEL_EPOCH_OFFSET));
        xml.write("</v></c>");
    }

    /** An instant as a UTC date and time, to the second. */
    void instant(Instant value) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(Style.INSTANT, null);
        long seconds = value.getEpochSecond();
        BigDecimal serial = BigDecimal.valueOf(Math.floorDiv(seconds, 86_400L) + EXCEL_EPOCH_OFFSET)
                .add(BigDecimal.valueOf(Math.floorMod(seconds, 86_400L))
                        .divide(BigDecimal.valueOf(86_400L), 10, java.math.RoundingMode.HALF_EVEN));
        xml.write("<v>");
        xml.write(serial.stripTrailingZeros().toPlainString());
        xml.write("</v></c>");
    }

    void endSheet() throws IOException {
        String lastColumn = columnName(columns - 1);
        String range = "$A$1:$" + lastColumn + "$" + Math.max(row, 2);
        filterRanges.add(range);
        xml.write("</sheetData><autoFilter ref=\"A1:" + lastColumn + Math.max(row, 2) + "\"/>");
        xml.write("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
        xml.write("</worksheet>");
        xml.flush();
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        writePart("xl/workbook.xml", workbook());
        writePart("xl/_rels/workbook.xml.rels", workbookRelationships());
        writePart("xl/styles.xml", styles());
        writePart("docProps/core.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>TradeSense Batch</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + documentDate.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">"
                + documentDate.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "</dcterms:modified></cp:coreProperties>");
        writePart("docProps/app.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>TradeSense Batch</Application></Properties>");
        writePart("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + REL_NS + "/extended-properties\" Target=\"docProps/app.xml\"/>"
                + "</Relationships>");
        writePart("[Content_Types].xml", contentTypes());
        xml.flush();
        zip.finish();
        zip.close();
    }

    /** Text a spreadsheet would read as a formula or command when typed or pasted. */
    static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private void cellStart(Style style, String type) throws IOException {
        reference.setLength(0);
        reference.append(columnName(column++)).append(row);
        xml.write("<c r=\"");
        xml.append(reference);
        xml.write('"');
        if (style != Style.DEFAULT) {
            xml.write(" s=\"");
            xml.write(Integer.toString(style.ordinal()));
            xml.write('"');
        }
        if (type != null) {
            xml.write(" t=\"");
            xml.write(type);
            xml.write('"');
        }
        xml.write('>');
    }

    private static final String[] COLUMN_NAMES = new String[64];

    static {
        for (int i = 0; i < COLUMN_NAMES.length; i++) {
            COLUMN_NAMES[i] = i < 26 ? String.valueOf((char) ('A' + i))
                    : String.valueOf((char) ('A' + i / 26 - 1)) + (char) ('A' + i % 26);
        }
    }

    private static String columnName(int index) {
        return COLUMN_NAMES[index];
    }

    private void escape(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.write("&amp;");
                case '<' -> xml.write("&lt;");
                case '>' -> xml.write("&gt;");
                case '"' -> xml.write("&quot;");
                default -> {
                    // Characters XML 1.0 cannot carry at all are dropped rather than corrupting the file.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        xml.write(c);
                    }
                }
            }
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private void entry(String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(entryTime);
        zip.putNextEntry(entry);
    }

    private void writePart(String name, String content) throws IOException {
        entry(name);
        xml.write(content);
        xml.flush();
        zip.closeEntry();
    }

    private String workbook() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\""
                + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\"><bookViews><workbookView/></bookViews><sheets>");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<sheet name=\"").append(escaped(sheetNames.get(i))).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        out.append("</sheets><definedNames>");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"").append(i)
                    .append("\" hidden=\"1\">").append(escaped("'" + sheetNames.get(i).replace("'", "''") + "'!"
                            + filterRanges.get(i))).append("</definedName>");
        }
        return out.append("</definedNames></workbook>").toString();
    }

    private String workbookRelationships() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<Relationship Id=\"rId").append(i + 1).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i + 1).append(".xml\"/>");
        }
        out.append("<Relationship Id=\"rId").append(sheetNames.size() + 1).append("\" Type=\"").append(REL_NS)
                .append("/styles\" Target=\"styles.xml\"/>");
        return out.append("</Relationships>").toString();
    }

    private String styles() {
        String[] formats = {look.money(), look.percent(), look.quantity(), look.date(), look.instant()};
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<styleSheet xmlns=\"" + MAIN_NS + "\"><numFmts count=\"" + formats.length + "\">");
        for (int i = 0; i < formats.length; i++) {
            out.append("<numFmt numFmtId=\"").append(164 + i).append("\" formatCode=\"").append(escaped(formats[i]))
                    .append("\"/>");
        }
        out.append("</numFmts><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                + "<font><b/><sz val=\"11\"/><color rgb=\"FF").append(hex(look.headerText()))
                .append("\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
                        + "<fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\">"
                        + "<fgColor rgb=\"FF").append(hex(look.headerFill())).append("\"/><bgColor indexed=\"64\"/>"
                        + "</patternFill></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/>"
                        + "<diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\""
                        + " fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"8\">"
                        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\""
                        + " applyFill=\"1\"/>");
        for (int i = 0; i < formats.length; i++) {
            out.append("<xf numFmtId=\"").append(164 + i)
                    .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        }
        out.append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>"
                + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                + "</cellStyles></styleSheet>");
        return out.toString();
    }

    private static String hex(String colour) {
        return colour.substring(1).toUpperCase(java.util.Locale.ROOT);
    }

    private String contentTypes() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<Override PartName=\"/xl/worksheets/sheet").append(i + 1)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return out.append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
                + "</Types>").toString();
    }
}
