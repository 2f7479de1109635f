package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes event data as canonical JSON in the manner of RFC 8785 (JCS): no whitespace, object members sorted by
 * their names' UTF-16 code units, strings escaped as JCS prescribes. The same content therefore always gives the same
 * text, whichever order a map was filled in, which makes event data comparable and hashable.
 *
 * <p>Value mapping: {@link BigDecimal} becomes a JSON <em>string</em> in plain notation ({@code "1234.50"}, never an
 * exponent), because the contract carries amounts as exact decimal strings and a JSON number would invite a double;
 * {@link Instant} becomes {@code "2026-11-25T13:45:10.123Z"} (UTC, always milliseconds); {@link LocalDate} and
 * {@link BusinessDate} {@code "YYYY-MM-DD"}; {@link UUID} its canonical lowercase text; enums their name; integral
 * numbers ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@link BigInteger}) JSON numbers; maps (String
 * keys) objects; collections and arrays arrays; booleans and {@code null} themselves. Floating-point values are
 * rejected: a binary double has no place in an amount.
 */
public final class CanonicalJson {

    private static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** The ISO-8601 UTC text with milliseconds the contract and the SQLite columns use. */
    public static String formatInstant(Instant instant) {
        return INSTANT_FORMAT.format(instant);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof BigDecimal d) {
            appendString(out, d.toPlainString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException("Binary floating point is not written; use BigDecimal: " + value);
        } else if (value instanceof Instant i) {
            appendString(out, formatInstant(i));
        } else if (value instanceof LocalDate d) {
            appendString(out, d.toString());
        } else if (value instanceof BusinessDate d) {
            appendString(out, d.toString());
        } else if (value instanceof UUID u) {
            appendString(out, u.toString());
        } else if (value instanceof Enum<?> e) {
            appendString(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof Collection<?> items) {
            appendArray(out, items);
        } else if (value instanceof Object[] items) {
            appendArray(out, List.of(items));
        } else {
            throw new IllegalArgumentException("No canonical JSON form for " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("JSON object keys must be strings, found " + key);
            }
            keys.add(s);
        }
        // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 asks for.
        keys.sort(String::compareTo);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, keys.get(i));
            out.append(':');
            append(out, map.get(keys.get(i)));
        }
        out.append('}');
    }

    private static void appendArray(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, item);
        }
        out.append(']');
    }

    /** RFC 8785 §3.2.2.2: only '"', '\\' and control characters are escaped; everything else is written as is. */
    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new IllegalArgumentException("Lone surrogate at index " + i + " is not valid text");
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("Lone surrogate at index " + i + " is not valid text");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
