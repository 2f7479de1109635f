package com.tradesense.batch.reports.templates;

import java.awt.Color;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wording, formats and colours of one report, read from its template file. Keys are the file's nested names
 * joined with dots ({@code sections.timeline}, {@code columns.trades}). Every value was checked when the file was
 * read, so a report never fails half-way on a bad format.
 */
public final class ReportTemplate {

    private final String source;
    private final Map<String, Object> values;
    private final byte[] logoImage;

    ReportTemplate(String source, Map<String, Object> values) {
        this(source, values, null);
    }

    ReportTemplate(String source, Map<String, Object> values, byte[] logoImage) {
        this.source = source;
        this.values = Map.copyOf(values);
        this.logoImage = logoImage == null ? null : logoImage.clone();
    }

    /** The logo picture's bytes (PNG or JPEG) when the template names one; otherwise the logo is the text. */
    public java.util.Optional<byte[]> logoImage() {
        return java.util.Optional.ofNullable(logoImage).map(byte[]::clone);
    }

    /** Where the template was read from (the folder's file, or the built-in copy). */
    public String source() {
        return source;
    }

    public String text(String key) {
        Object value = values.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("No text '" + key + "' in the report template " + source);
        }
        return s;
    }

    /** A text with {@code {name}} placeholders filled in. */
    public String text(String key, Map<String, ?> arguments) {
        String text = text(key);
        for (Map.Entry<String, ?> argument : arguments.entrySet()) {
            text = text.replace("{" + argument.getKey() + "}", String.valueOf(argument.getValue()));
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    public List<String> columns(String key) {
        Object value = values.get("columns." + key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("No column list '" + key + "' in the report template " + source);
        }
        return (List<String>) list;
    }

    public Color colour(String key) {
        return Color.decode(text("colours." + key));
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : decimalFormat(text("formats.money")).format(amount);
    }

    public String percent(BigDecimal pct) {
        return pct == null ? "" : decimalFormat(text("formats.percent")).format(pct);
    }

    public String quantity(BigDecimal quantity) {
        return quantity == null ? "" : decimalFormat(text("formats.quantity")).format(quantity);
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofPattern(text("formats.date"), Locale.ROOT).format(date);
    }

    public String instant(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern(text("formats.instant"), Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(instant);
    }

    /** An instant in a table cell (the column header names the zone). */
    public String tableInstant(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern(text("formats.table-instant"), Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(instant);
    }

    /** The spreadsheet number format of a kind (money, percent, quantity) for workbooks. */
    public String excelFormat(String kind) {
        return text("formats.excel-" + kind);
    }

    static DecimalFormat decimalFormat(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setParseBigDecimal(true);
        format.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        return format;
    }
}
