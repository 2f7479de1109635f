package com.tradesense.batch.reports.workbook;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx (Office Open XML spreadsheet) straight to a stream, one row at a time, with nothing but the current
 * row in memory: a million-row sheet costs the time to format its text and deflate it, no more. The sheet XML is
 * encoded into one byte buffer (no character encoder, no per-cell objects) that goes straight into the zip stream.
 *
 * <p>Every sheet has a frozen header row, its column widths and a filter over its rows. A sheet that reaches the row
 * limit continues on "Name (2)", "Name (3)"... with the same header, so no row is ever lost past Excel's last row.
 *
 * <p>Numbers are written as their exact decimal text (a spreadsheet reads them as numbers, never as text), dates and
 * times as spreadsheet serial numbers with a date format, text as inline strings; an empty ({@code null}) value
 * leaves its cell empty. Number formats are registered with {@link #numberFormat(String)}; the styles belong to the
 * writer that made them.
 *
 * <p>Deterministic: zip entries in a fixed order with one fixed time (set as a local date-time, so the JVM's zone
 * never enters the bytes), the document dates given by the caller, fixed compression level.
 */
public final class XlsxWriter implements AutoCloseable {

    /** Excel's last row is 1,048,576; one is the header. */
    public static final int MAX_DATA_ROWS_PER_SHEET = 1_048_575;

    /** Excel keeps at most this many characters in a cell; a longer text would make it repair the file. */
    public static final int MAX_TEXT_LENGTH = 32_767;

    /** A cell style: its index in styles.xml's cellXfs. */
    public static final class Style {
        private final int index;
        private final byte[] attribute;

        private Style(int index) {
            this.index = index;
            this.attribute = index == 0 ? new byte[0] : bytesOf(" s=\"" + index + "\"");
        }
    }

    /** No number format: general numbers and plain text. */
    public static final Style DEFAULT = new Style(0);
    /** The header row: bold, on the header fill. */
    public static final Style HEADER = new Style(1);
    /** Text stored with the quote prefix, so it stays text even when the cell is edited. */
    public static final Style QUOTED = new Style(2);

    /**
     * The header row's look.
     *
     * @param fill      background colour as {@code #RRGGBB}
     * @param text      text colour as {@code #RRGGBB}
     * @param underline whether a thin line runs under each header cell
     */
    public record Header(String fill, String text, boolean underline) {
        public Header {
            hex(fill);
            hex(text);
        }
    }

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final int EXCEL_EPOCH_OFFSET = 25_569; // days from 1899-12-30 to 1970-01-01
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MAX_SHEET_NAME = 31;
    private static final int FIRST_NUMBER_STYLE = 3;

    private static final byte[] ROW_START = bytesOf("<row r=\"");
    private static final byte[] ROW_END = bytesOf("</row>");
    private static final byte[] CELL_START = bytesOf("<c r=\"");
    private static final byte[] INLINE_STRING = bytesOf(" t=\"inlineStr\"><is><t>");
    private static final byte[] INLINE_STRING_PRESERVED = bytesOf(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    private static final byte[] INLINE_STRING_END = bytesOf("</t></is></c>");
    private static final byte[] VALUE_START = bytesOf("><v>");
    private static final byte[] VALUE_END = bytesOf("</v></c>");
    private static final byte[][] COLUMN_NAMES = new byte[26 + 26 * 26][];

    static {
        for (int i = 0; i < COLUMN_NAMES.length; i++) {
            COLUMN_NAMES[i] = bytesOf(columnName(i));
        }
    }

    private final ZipOutputStream zip;
    private final LocalDateTime entryTime;
    private final Instant documentDate;
    private final Header header;
    private final int maxDataRowsPerSheet;
    private final Map<String, Style> numberFormats = new LinkedHashMap<>();
    private final List<String> sheetNames = new ArrayList<>();
    private final Set<String> sheetNamesFolded = new HashSet<>();
    private final List<String> filterRanges = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private int position;

    // the open sheet
    private String sheetName;
    private List<String> headers;
    private int[] widths;
    private int part;
    private boolean inRow;
    private long row;
    private byte[] rowDigits = new byte[0];
    private int column;

    /** A writer whose sheets continue on a new sheet after Excel's last row. */
    public XlsxWriter(OutputStream out, Instant documentDate, Header header) {
        this(out, documentDate, header, MAX_DATA_ROWS_PER_SHEET);
    }

    /**
     * @param out                 receives the file; it stays open (the caller may be digesting it)
     * @param documentDate        the file's creation date and the time of every zip entry
     * @param maxDataRowsPerSheet rows below the header before a sheet continues on the next one; lower than Excel's
     *                            limit only to see continuation sheets without a million rows
     */
    public XlsxWriter(OutputStream out, Instant documentDate, Header header, int maxDataRowsPerSheet) {
        if (maxDataRowsPerSheet < 1 || maxDataRowsPerSheet > MAX_DATA_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("Rows per sheet must be 1 to " + MAX_DATA_ROWS_PER_SHEET + ", not "
                    + maxDataRowsPerSheet);
        }
        // The deflater hands on 512 bytes at a time: a buffer keeps that from becoming one write (and one digest
        // update) each on the caller's stream.
        this.zip = new ZipOutputStream(new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, 64 * 1024), StandardCharsets.UTF_8);
        this.zip.setLevel(Deflater.BEST_SPEED);
        this.entryTime = LocalDateTime.ofInstant(documentDate, ZoneOffset.UTC).withNano(0);
        this.documentDate = documentDate;
        this.header = header;
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
    }

    /** The style of a number format (Excel's format codes); asking twice for one code gives the same style. */
    public Style numberFormat(String formatCode) {
        return numberFormats.computeIfAbsent(formatCode, code -> new Style(FIRST_NUMBER_STYLE + numberFormats.size()));
    }

    /**
     * Starts a sheet with its header row.
     *
     * @param widths column widths in characters, from the first column; columns past the end keep the default width
     */
    public void startSheet(String name, List<String> headers, int[] widths) throws IOException {
        if (sheetName != null) {
            throw new IllegalStateException("Sheet '" + sheetName + "' is still open");
        }
        if (headers.isEmpty() || headers.size() > COLUMN_NAMES.length) {
            throw new IllegalArgumentException("A sheet needs 1 to " + COLUMN_NAMES.length + " columns, not "
                    + headers.size());
        }
        checkSheetName(name);
        this.headers = List.copyOf(headers);
        this.widths = widths.clone();
        this.part = 1;
        openSheet(name);
    }

    /** Starts the next row of the open sheet, on a continuation sheet when this one is full. */
    public void startRow() throws IOException {
        if (sheetName == null) {
            throw new IllegalStateException("No sheet is open");
        }
        if (inRow) {
            endRow();
        }
        if (row - 1 == maxDataRowsPerSheet) {
            closeSheet();
            String name;
            do {
                part++;
                String suffix = " (" + part + ")";
                name = sheetName.substring(0, Math.min(sheetName.length(), MAX_SHEET_NAME - suffix.length())) + suffix;
            } while (sheetNamesFolded.contains(name.toLowerCase(Locale.ROOT)));
            openSheet(name);
        }
        beginRow();
    }

    public void endRow() throws IOException {
        if (inRow) {
            bytes(ROW_END);
            inRow = false;
        }
    }

    /** Text; text that a spreadsheet could take for a formula gets the quote prefix. */
    public void text(String value) throws IOException {
        text(value, looksLikeFormula(value) ? QUOTED : DEFAULT);
    }

    /** Text, cut at {@link #MAX_TEXT_LENGTH} characters. */
    public void text(String value, Style style) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(style);
        int length = Math.min(value.length(), MAX_TEXT_LENGTH);
        // Spreadsheets keep leading and trailing white space only when told to; most texts have none.
        boolean preserve = length > 0 && (value.charAt(0) <= ' ' || value.charAt(length - 1) <= ' ');
        bytes(preserve ? INLINE_STRING_PRESERVED : INLINE_STRING);
        escape(value, length);
        bytes(INLINE_STRING_END);
    }

    public void number(BigDecimal value, Style style) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(style);
        bytes(VALUE_START);
        ascii(value.toPlainString());
        bytes(VALUE_END);
    }

    public void integer(long value) throws IOException {
        integer(value, DEFAULT);
    }

    public void integer(long value, Style style) throws IOException {
        cellStart(style);
        bytes(VALUE_START);
        digits(value);
        bytes(VALUE_END);
    }

    /** A date: give it a style with a date format. */
    public void date(LocalDate value, Style style) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(style);
        bytes(VALUE_START);
        digits(value.toEpochDay() + EXCEL_EPOCH_OFFSET);
        bytes(VALUE_END);
    }

    /**
     * An instant as a UTC date and time to the millisecond: give it a style with a date-time format. A format
     * without milliseconds rounds them, so a caller showing whole seconds truncates the instant first.
     */
    public void instant(Instant value, Style style) throws IOException {
        if (value == null) {
            column++;
            return;
        }
        cellStart(style);
        bytes(VALUE_START);
        long millis = value.toEpochMilli();
        digits(Math.floorDiv(millis, MILLIS_PER_DAY) + EXCEL_EPOCH_OFFSET);
        long ofDay = Math.floorMod(millis, MILLIS_PER_DAY);
        if (ofDay != 0) {
            // The day's fraction to ten places (under 9 µs), rounded half-even in integers: exact, and no BigDecimal
            // per cell. Ten places are what a spreadsheet keeps of a time anyway.
            long scaled = ofDay * 10_000_000_000L;
            long fraction = scaled / MILLIS_PER_DAY;
            long remainder = scaled % MILLIS_PER_DAY;
            if (2 * remainder > MILLIS_PER_DAY || (2 * remainder == MILLIS_PER_DAY && (fraction & 1) == 1)) {
                fraction++;
            }
            int places = 10;
            while (fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            ensure(12);
            buffer[position++] = '.';
            for (int i = places - 1; i >= 0; i--) {
                buffer[position + i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            position += places;
        }
        bytes(VALUE_END);
    }

    /** Ends the open sheet (and its continuation sheets). */
    public void endSheet() throws IOException {
        if (sheetName == null) {
            throw new IllegalStateException("No sheet is open");
        }
        closeSheet();
        sheetName = null;
    }

    @Override
    public void close() throws IOException {
        if (sheetName != null) {
            endSheet();
        }
        writePart("xl/workbook.xml", workbook());
        writePart("xl/_rels/workbook.xml.rels", workbookRelationships());
        writePart("xl/styles.xml", styles());
        String date = documentDate.truncatedTo(ChronoUnit.SECONDS).toString();
        writePart("docProps/core.xml", XML_DECLARATION
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>TradeSense Batch</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:modified></cp:coreProperties>");
        writePart("docProps/app.xml", XML_DECLARATION
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>TradeSense Batch</Application></Properties>");
        writePart("_rels/.rels", XML_DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + REL_NS + "/extended-properties\" Target=\"docProps/app.xml\"/>"
                + "</Relationships>");
        writePart("[Content_Types].xml", contentTypes());
        zip.finish();
        zip.close();
    }

    /** Text a spreadsheet would read as a formula or command when typed or pasted. */
    public static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sheets

    private void openSheet(String name) throws IOException {
        sheetName = sheetName == null ? name : sheetName;
        sheetNames.add(name);
        sheetNamesFolded.add(name.toLowerCase(Locale.ROOT));
        entry("xl/worksheets/sheet" + sheetNames.size() + ".xml");
        StringBuilder start = new StringBuilder(XML_DECLARATION).append("<worksheet xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\"><sheetViews><sheetView workbookViewId=\"0\">"
                        + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                        + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
                        + "<sheetFormatPr defaultRowHeight=\"15\"/>");
        int widthCount = Math.min(widths.length, headers.size());
        if (widthCount > 0) {
            // An empty <cols/> is not allowed: Excel would offer to repair the file.
            start.append("<cols>");
            for (int i = 0; i < widthCount; i++) {
                start.append("<col min=\"").append(i + 1).append("\" max=\"").append(i + 1).append("\" width=\"")
                        .append(widths[i]).append("\" customWidth=\"1\"/>");
            }
            start.append("</cols>");
        }
        start.append("<sheetData>");
        markup(start.toString());
        row = 0;
        beginRow();
        for (String title : headers) {
            text(title, HEADER);
        }
        endRow();
    }

    private void closeSheet() throws IOException {
        endRow();
        String lastColumn = columnName(headers.size() - 1);
        long lastRow = Math.max(row, 2);
        filterRanges.add("$A$1:$" + lastColumn + "$" + lastRow);
        markup("</sheetData><autoFilter ref=\"A1:" + lastColumn + lastRow + "\"/><pageMargins left=\"0.7\""
                + " right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
        flushBuffer();
        zip.closeEntry();
    }

    private void beginRow() throws IOException {
        row++;
        column = 0;
        inRow = true;
        rowDigits = bytesOf(Long.toString(row));
        bytes(ROW_START);
        bytes(rowDigits);
        ensure(2);
        buffer[position++] = '"';
        buffer[position++] = '>';
    }

    private void cellStart(Style style) throws IOException {
        if (!inRow) {
            throw new IllegalStateException("No row is open");
        }
        if (column >= headers.size()) {
            throw new IllegalStateException("Row " + row + " of '" + sheetName + "' has more cells than its "
                    + headers.size() + " columns");
        }
        bytes(CELL_START);
        bytes(COLUMN_NAMES[column++]);
        bytes(rowDigits);
        ensure(1);
        buffer[position++] = '"';
        bytes(style.attribute);
    }

    private void checkSheetName(String name) {
        if (name.isEmpty() || name.length() > MAX_SHEET_NAME || name.startsWith("'") || name.endsWith("'")
                || name.chars().anyMatch(c -> ":\\/?*[]".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("'" + name + "' cannot be a sheet name: 1 to " + MAX_SHEET_NAME
                    + " characters, none of : \\ / ? * [ ], not starting or ending with an apostrophe");
        }
        if (sheetNamesFolded.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The workbook already has a sheet named '" + name + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bytes

    private void ensure(int room) throws IOException {
        if (position + room > buffer.length) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        zip.write(buffer, 0, position);
        position = 0;
    }

    private void bytes(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    /** ASCII text such as a number; one byte per character. */
    private void ascii(String text) throws IOException {
        int length = text.length();
        if (length > buffer.length) {
            markup(text);
            return;
        }
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) text.charAt(i);
        }
    }

    /** Markup of any length, already escaped. */
    private void markup(String text) throws IOException {
        flushBuffer();
        zip.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void digits(long value) throws IOException {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            buffer[position++] = '-';
            value = -value;
        }
        int length = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            length++;
        }
        for (int i = length - 1; i >= 0; i--) {
            buffer[position + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position += length;
    }

    /**
     * The first {@code length} characters as XML text in UTF-8. Characters XML 1.0 cannot carry are dropped (a lone
     * surrogate becomes U+FFFD) rather than corrupting the file; a carriage return is written as a reference, since
     * an XML reader would otherwise turn it into a line feed; "_x" + four hex digits + "_" is how the format escapes
     * characters, so such text gets its underscore escaped to read back as written.
     */
    private void escape(String text, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            ensure(8);
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '&' -> put("&amp;");
                    case '<' -> put("&lt;");
                    case '>' -> put("&gt;");
                    case '\r' -> put("&#13;");
                    case '_' -> put(escapeSequenceAt(text, i, length) ? "_x005F_" : "_");
                    default -> {
                        if (c >= 0x20 || c == '\t' || c == '\n') {
                            buffer[position++] = (byte) c;
                        }
                    }
                }
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | c >> 6);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                buffer[position++] = (byte) (0xF0 | code >> 18);
                buffer[position++] = (byte) (0x80 | code >> 12 & 0x3F);
                buffer[position++] = (byte) (0x80 | code >> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | code & 0x3F);
            } else if (c == 0xFFFE || c == 0xFFFF) {
                // not characters in XML
            } else {
                char unit = Character.isSurrogate(c) ? '\uFFFD' : c;
                buffer[position++] = (byte) (0xE0 | unit >> 12);
                buffer[position++] = (byte) (0x80 | unit >> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | unit & 0x3F);
            }
        }
    }

    private static boolean escapeSequenceAt(String text, int at, int length) {
        if (at + 6 >= length || text.charAt(at + 1) != 'x' || text.charAt(at + 6) != '_') {
            return false;
        }
        for (int i = at + 2; i < at + 6; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void put(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            buffer[position++] = (byte) ascii.charAt(i);
        }
    }

    private static byte[] bytesOf(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String columnName(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index))
                : String.valueOf((char) ('A' + index / 26 - 1)) + (char) ('A' + index % 26);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // parts

    private void entry(String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(entryTime);
        zip.putNextEntry(entry);
    }

    private void writePart(String name, String content) throws IOException {
        entry(name);
        markup(content);
        zip.closeEntry();
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private String workbook() {
        StringBuilder out = new StringBuilder(XML_DECLARATION).append("<workbook xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\"><bookViews><workbookView/></bookViews><sheets>");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<sheet name=\"").append(escaped(sheetNames.get(i))).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        out.append("</sheets>");
        if (!sheetNames.isEmpty()) {
            out.append("<definedNames>");
            for (int i = 0; i < sheetNames.size(); i++) {
                out.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"").append(i)
                        .append("\" hidden=\"1\">").append(escaped("'" + sheetNames.get(i).replace("'", "''")
                                + "'!" + filterRanges.get(i))).append("</definedName>");
            }
            out.append("</definedNames>");
        }
        return out.append("</workbook>").toString();
    }

    private String workbookRelationships() {
        StringBuilder out = new StringBuilder(XML_DECLARATION)
                .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 0; i < sheetNames.size(); i++) {
            out.append("<Relationship Id=\"rId").append(i + 1).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i + 1).append(".xml\"/>");
        }
        out.append("<Relationship Id=\"rId").append(sheetNames.size() + 1).append("\" Type=\"").append(REL_NS)
                .append("/styles\" Target=\"styles.xml\"/>");
        return out.append("</Relationships>").toString();
    }

    private String styles() {
        StringBuilder out = new StringBuilder(XML_DECLARATION).append("<styleSheet xmlns=\"").append(MAIN_NS)
                .append("\">");
        if (!numberFormats.isEmpty()) {
            out.append("<numFmts count=\"").append(numberFormats.size()).append("\">");
            int id = 164; // the first number format id free for custom formats
            for (String code : numberFormats.keySet()) {
                out.append("<numFmt numFmtId=\"").append(id++).append("\" formatCode=\"").append(escaped(code))
                        .append("\"/>");
            }
            out.append("</numFmts>");
        }
        out.append("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                        + "<font><b/><sz val=\"11\"/><color rgb=\"FF").append(hex(header.text()))
                .append("\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
                        + "<fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\">"
                        + "<fgColor rgb=\"FF").append(hex(header.fill())).append("\"/><bgColor indexed=\"64\"/>"
                        + "</patternFill></fill></fills>");
        out.append("<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
                + "<border><left/><right/><top/><bottom style=\"thin\"><color indexed=\"64\"/></bottom><diagonal/>"
                + "</border></borders>");
        out.append("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                        + "</cellStyleXfs><cellXfs count=\"").append(FIRST_NUMBER_STYLE + numberFormats.size())
                .append("\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"")
                .append(header.underline() ? 1 : 0).append("\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"")
                .append(header.underline() ? " applyBorder=\"1\"" : "").append("/>"
                        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>");
        for (int i = 0; i < numberFormats.size(); i++) {
            out.append("<xf numFmtId=\"").append(164 + i)
                    .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        }
        out.append("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                + "</cellStyles></styleSheet>");
        return out.toString();
    }

    private static String hex(String colour) {
        if (colour == null || !colour.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("'" + colour + "' is not a colour written as #RRGGBB");
        }
        return colour.substring(1).toUpperCase(Locale.ROOT);
    }

    private String contentTypes() {
        StringBuilder out = new StringBuilder(XML_DECLARATION)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
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
