package com.tradesense.batch.reconciliation;

import com.tradesense.batch.provider.ExportFormat;
import com.tradesense.batch.provider.ProviderSettings;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a provider export one row at a time (constant memory, whatever the file's size) and hands each trade row
 * to a handler in ledger terms. Columns are found by header name, in any order and letter case; extra columns are
 * ignored; the header is the first line holding every required column, so title lines above it are fine. UTF-8
 * with or without a byte-order mark, CRLF or LF, RFC 4180 quoting (separators and line breaks inside quotes).
 *
 * <p>A row that cannot be read is handed over as invalid (with its line, field and raw text) and reading goes on;
 * a file that cannot be read at all raises {@link ExportFileException}.
 */
public final class ExportReader {

    /** Receives the rows in file order. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ExportRow row) throws Exception;
    }

    /** What was read: trade rows (valid or not), non-trade rows skipped, and the header's line. */
    public record Outcome(long rowsRead, long rowsSkipped, long headerLine) {
    }

    private enum Column { ID, ACCOUNT, SYMBOL, SIDE, QUANTITY, PRICE, COMMISSION, FEE, SWAP, PNL, TIME }

    /** Far beyond the ledger's widest column (20 digits); longer numbers are refused before they reach a table. */
    static final int MAX_DECIMAL_LENGTH = 100;

    private final ReconciliationProvider provider;
    private final ProviderSettings settings;
    private final Map<Column, String> names;
    private final DateTimeFormatter localTime;

    public ExportReader(ReconciliationProvider provider) {
        this.provider = provider;
        this.settings = provider.settings();
        this.names = columnNames(settings.format());
        this.localTime = settings.timePattern() == null ? null
                : DateTimeFormatter.ofPattern(settings.timePattern(), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT);
    }

    private static Map<Column, String> columnNames(ExportFormat format) {
        Map<Column, String> map = new java.util.EnumMap<>(Column.class);
        switch (format) {
            case GENERIC -> {
                map.put(Column.ID, "provider_trade_id");
                map.put(Column.ACCOUNT, "account");
                map.put(Column.SYMBOL, "symbol");
                map.put(Column.SIDE, "side");
                map.put(Column.QUANTITY, "quantity");
                map.put(Column.PRICE, "price");
                map.put(Column.COMMISSION, "commission");
                map.put(Column.SWAP, "swap");
                map.put(Column.PNL, "realized_pnl");
                map.put(Column.TIME, "executed_at");
            }
            case MT5 -> {
                map.put(Column.TIME, "time");
                map.put(Column.ID, "deal");
                map.put(Column.SYMBOL, "symbol");
                map.put(Column.SIDE, "type");
                map.put(Column.QUANTITY, "volume");
                map.put(Column.PRICE, "price");
                map.put(Column.COMMISSION, "commission");
                map.put(Column.FEE, "fee");
                map.put(Column.SWAP, "swap");
                map.put(Column.PNL, "profit");
            }
            case CTRADER -> {
                map.put(Column.ID, "deal id");
                map.put(Column.SYMBOL, "symbol");
                map.put(Column.SIDE, "closing direction");
                map.put(Column.TIME, "closing time");
                map.put(Column.PRICE, "closing price");
                map.put(Column.QUANTITY, "closing quantity");
                map.put(Column.SWAP, "swap");
                map.put(Column.COMMISSION, "commissions");
                map.put(Column.PNL, "gross");
            }
        }
        return map;
    }

    /** The column names a header must hold, as the format spells them. */
    public List<String> requiredColumns() {
        return names.entrySet().stream().filter(e -> e.getKey() != Column.FEE).map(Map.Entry::getValue).toList();
    }

    public Outcome read(Path file, RowHandler handler) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ExportFileException(name + ": the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExportFileException(name + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ExportFileException(name + ": the file is not readable (permissions)");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(settings.separator()).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        try (InputStream in = Files.newInputStream(file);
             TextOnlyReader reader = new TextOnlyReader(new InputStreamReader(in, strictUtf8()), name);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            return read(name, reader, parser, format, handler);
        } catch (ExportFileException e) {
            throw e;
        } catch (CharacterCodingException e) {
            throw new ExportFileException(name + ": not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof ExportFileException.Refused refused) {
                throw new ExportFileException(refused.getMessage(), e);
            }
            if (cause instanceof CharacterCodingException) {
                throw new ExportFileException(name + ": not UTF-8 text", e);
            }
            throw new ExportFileException(name + ": cannot be read: " + cause.getMessage(), e);
        } catch (IllegalStateException e) {
            // commons-csv reports malformed quoting this way
            throw new ExportFileException(name + ": malformed CSV: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ExportFileException(name + ": " + e.getMessage(), e);
        }
    }

    private Outcome read(String name, TextOnlyReader reader, CSVParser parser, CSVFormat format, RowHandler handler)
            throws Exception {
        Iterator<CSVRecord> records = parser.iterator();
        long previousEnd = 0;
        Map<Column, Integer> index = null;
        long headerLine = 0;
        int headerWidth = 0;
        long rowsRead = 0;
        long skipped = 0;
        boolean anyRecord = false;
        List<String> closestMissing = null;
        long closestLine = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            long end = parser.getCurrentLineNumber();
            long line = startLine(record, previousEnd, end);
            previousEnd = end;
            reader.recordRead(end + 1);
            anyRecord = true;
            if (index == null) {
                checkServer(name, record);
                Map<String, Integer> header = new HashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    header.putIfAbsent(normalise(record.get(i)), i);
                }
                List<String> missing = requiredColumns().stream().filter(c -> !header.containsKey(c)).toList();
                if (missing.isEmpty()) {
                    index = new java.util.EnumMap<>(Column.class);
                    for (Map.Entry<Column, String> entry : names.entrySet()) {
                        Integer position = header.get(entry.getValue());
                        if (position != null) {
                            index.put(entry.getKey(), position);
                        }
                    }
                    headerLine = line;
                    headerWidth = record.size();
                    continue;
                }
                checkSeparator(name, record, line);
                if (closestMissing == null || missing.size() < closestMissing.size()) {
                    closestMissing = missing;
                    closestLine = line;
                }
                continue;
            }
            ExportRow row = parse(record, index, line, format, headerWidth);
            if (row == null) {
                skipped++;
                continue;
            }
            rowsRead++;
            handler.row(row);
        }
        if (!anyRecord) {
            throw new ExportFileException(name + ": the file is empty");
        }
        if (index == null) {
            throw new ExportFileException(name + ": no header line with the " + settings.format().code()
                    + " columns " + requiredColumns() + " (provider " + settings.code() + "); the closest, line "
                    + closestLine + ", lacks " + closestMissing);
        }
        return new Outcome(rowsRead, skipped, headerLine);
    }

    /** The first physical line of a record: the parser's line after it, less the line breaks inside its values. */
    private static long startLine(CSVRecord record, long previousEnd, long end) {
        long inside = 0;
        // By index: iterating a record copies its values into a new list.
        for (int v = 0; v < record.size(); v++) {
            String value = record.get(v);
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) == '\n') {
                    inside++;
                }
            }
        }
        return Math.max(end - inside, previousEnd + 1);
    }

    /** An MT5 report names its server in a title line; a file of another server is refused outright. */
    private void checkServer(String name, CSVRecord record) {
        if (record.size() == 0) {
            return;
        }
        String first = record.get(0).trim();
        if (first.regionMatches(true, 0, "Server:", 0, 7)) {
            String server = first.substring(7).trim();
            if (!server.isEmpty() && !server.equalsIgnoreCase(settings.code())) {
                throw new ExportFileException(name + ": line " + record.getRecordNumber() + " says the file is the"
                        + " export of server '" + server + "', not of provider " + settings.code());
            }
        }
    }

    private void checkSeparator(String name, CSVRecord record, long line) {
        if (record.size() != 1) {
            return;
        }
        String text = normalise(record.get(0));
        for (char other : new char[] {',', ';', '\t', '|'}) {
            if (other == settings.separator()) {
                continue;
            }
            List<String> fields = Arrays.stream(text.split(Pattern.quote(String.valueOf(other))))
                    .map(ExportReader::normalise).toList();
            if (fields.containsAll(requiredColumns())) {
                throw new ExportFileException(name + ": line " + line + " is a header separated by '"
                        + printable(other) + "', but provider " + settings.code() + " is configured with '"
                        + printable(settings.separator()) + "' (tradesense.providers." + settings.code()
                        + ".separator)");
            }
        }
    }

    private static String printable(char c) {
        return c == '\t' ? "tab" : String.valueOf(c);
    }

    private static String normalise(String header) {
        String text = header.strip();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1).strip();
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** A trade row, an invalid row, or {@code null} for a non-trade row (an MT5 balance or credit operation). */
    private ExportRow parse(CSVRecord record, Map<Column, Integer> index, long line, CSVFormat format,
                            int headerWidth) {
        String raw = rawText(record);
        RowParse row = new RowParse(record, index, line, raw);
        String id = row.text(Column.ID);
        if (settings.format() == ExportFormat.MT5) {
            String type = row.text(Column.SIDE);
            String lower = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
            if (!lower.equals("buy") && !lower.equals("sell")) {
                if (lower.isEmpty() && (id == null || id.isBlank())) {
                    return row.invalid(id, "side", type, "the row has no deal and no type");
                }
                return null;
            }
        }
        if (id == null || id.isBlank()) {
            return row.invalid(null, "provider_trade_id", id, "the trade id is empty");
        }
        id = id.strip();
        if (record.size() < headerWidth && index.values().stream().anyMatch(i -> i >= record.size())) {
            return row.invalid(id, null, null, "the row has " + record.size() + " fields, the header "
                    + headerWidth);
        }
        try {
            String account = row.text(Column.ACCOUNT);
            String symbol = row.required(Column.SYMBOL, "symbol").strip();
            String side = side(row.required(Column.SIDE, "side"));
            if (side == null) {
                throw new FieldProblem("side", row.text(Column.SIDE), "is neither buy nor sell");
            }
            BigDecimal quantity = row.decimal(Column.QUANTITY, "quantity");
            if (quantity.signum() <= 0) {
                throw new FieldProblem("quantity", row.text(Column.QUANTITY), "is not a positive quantity");
            }
            BigDecimal price = row.decimal(Column.PRICE, "price");
            if (price.signum() <= 0) {
                throw new FieldProblem("price", row.text(Column.PRICE), "is not a positive price");
            }
            BigDecimal commission = row.decimal(Column.COMMISSION, "commission");
            if (index.containsKey(Column.FEE) && row.text(Column.FEE) != null && !row.text(Column.FEE).isBlank()) {
                commission = commission.add(row.decimal(Column.FEE, "commission"));
            }
            if (settings.costsNegative()) {
                commission = commission.negate();
            }
            BigDecimal swap = row.decimal(Column.SWAP, "swap");
            BigDecimal pnl = row.decimal(Column.PNL, "realized_pnl");
            String timeText = row.required(Column.TIME, "executed_at").strip();
            Instant executedAt;
            Instant alternative = null;
            try {
                if (localTime == null) {
                    executedAt = isoInstant(timeText);
                } else {
                    List<Instant> candidates = settings.candidateInstants(LocalDateTime.parse(timeText, localTime));
                    executedAt = candidates.get(0);
                    alternative = candidates.size() > 1 ? candidates.get(1) : null;
                }
            } catch (DateTimeParseException e) {
                throw new FieldProblem("executed_at", timeText, "is not a valid time ("
                        + (localTime == null ? "ISO-8601 with offset" : settings.timePattern()) + " expected)");
            }
            return new ExportRow(line, id, provider.ledgerAccount(account == null ? null : account.strip()), symbol,
                    side, quantity, price, commission, swap, pnl, executedAt, alternative, null, null, null, raw);
        } catch (FieldProblem problem) {
            return row.invalid(id, problem.field, problem.value, "'" + (problem.value == null ? "" : problem.value)
                    + "' " + problem.getMessage());
        }
    }

    /** The row as it stood in the file (quoted where a value needs it), built without a printer per row. */
    private String rawText(CSVRecord record) {
        StringBuilder text = new StringBuilder(128);
        char separator = settings.separator();
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            String value = record.get(i);
            boolean quote = false;
            for (int k = 0; k < value.length() && !quote; k++) {
                char c = value.charAt(k);
                quote = c == separator || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) {
                text.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                text.append(value);
            }
        }
        return text.toString();
    }

    /**
     * An ISO-8601 time with offset. The shape nearly every export writes, {@code 2026-03-03T10:15:30[.fraction]} and
     * {@code Z} or {@code ±hh:mm}, is read directly: the general parser costs more than the rest of the row. Any
     * other text, and any value out of range, goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which decides.
     */
    static Instant isoInstant(String text) {
        Instant instant = commonIsoInstant(text);
        return instant != null ? instant
                : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static Instant commonIsoInstant(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, 2);
            int minutes = digits(text, i + 4, 2);
            if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
                return null;
            }
            offset = (text.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos);
    }

    /** The decimal digits at {@code [from, from + count)} as a number, or -1 if any is not a digit. */
    static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Digits with an optional sign and at most one decimal point; no exponent, no thousands separators. */
    static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            i++;
        }
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    private static String side(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "buy", "b" -> "BUY";
            case "sell", "s" -> "SELL";
            default -> null;
        };
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static final class FieldProblem extends Exception {
        final String field;
        final String value;

        FieldProblem(String field, String value, String message) {
            super(message, null, false, false);
            this.field = field;
            this.value = value;
        }
    }

    private final class RowParse {
        final CSVRecord record;
        final Map<Column, Integer> index;
        final long line;
        final String raw;

        RowParse(CSVRecord record, Map<Column, Integer> index, long line, String raw) {
            this.record = record;
            this.index = index;
            this.line = line;
            this.raw = raw;
        }

        String text(Column column) {
            Integer position = index.get(column);
            return position == null || position >= record.size() ? null : record.get(position);
        }

        String required(Column column, String field) throws FieldProblem {
            String text = text(column);
            if (text == null || text.isBlank()) {
                throw new FieldProblem(field, text, "is empty");
            }
            return text;
        }

        BigDecimal decimal(Column column, String field) throws FieldProblem {
            String text = required(column, field).strip();
            if (!isDecimal(text)) {
                throw new FieldProblem(field, text, "is not a number");
            }
            if (text.length() > MAX_DECIMAL_LENGTH) {
                throw new FieldProblem(field, text, "has more digits than any ledger amount");
            }
            return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }

        ExportRow invalid(String id, String field, String value, String message) {
            return new ExportRow(line, id, null, null, null, null, null, null, null, null, null, null, field, value,
                    "line " + line + (field == null ? "" : ", field " + field) + ": " + message, raw);
        }
    }

    /**
     * Refuses binary content early (a NUL character never occurs in a text export) and a record that never ends: an
     * unclosed quote would otherwise make the parser gather the rest of the file, however large, into one value.
     */
    static final class TextOnlyReader extends FilterReader {
        /** Far above any real trade row; what the parser may read ahead of a record is well below it. */
        static final long MAX_RECORD_CHARS = 1_000_000;

        private final String name;
        private boolean first = true;
        private long sinceRecord;
        private long recordLine = 1;

        TextOnlyReader(Reader in, String name) {
            super(new java.io.BufferedReader(in, 1 << 16));
            this.name = name;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0 && first) {
                first = false;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, count - 1);
                    count--;
                    if (count == 0) {
                        return read(buffer, offset, length);
                    }
                }
            }
            for (int i = offset; i < offset + count; i++) {
                if (buffer[i] == '\u0000') {
                    throw new ExportFileException.Refused(name + ": not a text file (NUL character found)");
                }
            }
            if (count > 0) {
                sinceRecord += count;
                if (sinceRecord > MAX_RECORD_CHARS) {
                    throw new ExportFileException.Refused(name + ": line " + recordLine + ": a record runs on for more"
                            + " than " + MAX_RECORD_CHARS + " characters (a quote that is never closed?)");
                }
            }
            return count;
        }

        /** The parser handed out a record; the next one starts at {@code nextLine}. */
        void recordRead(long nextLine) {
            sinceRecord = 0;
            recordLine = nextLine;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0];
        }
    }
}
