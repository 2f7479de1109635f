package com.tradesense.batch.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * One trading server as the reconciliation sees it: its code in {@code trades.provider}, the layout of its exports,
 * the time zone its day and its wall-clock times are in, and how its CSV is delimited.
 *
 * @param code           the value of {@code trades.provider} and {@code challenges.provider}, e.g. {@code MT5-LIVE-1}
 * @param format         the export layout
 * @param zoneId         the server's time zone: its day is the local calendar day, and zone-less times are local
 * @param separator      the CSV field separator
 * @param timePattern    the {@link DateTimeFormatter} pattern of zone-less export times; {@code null} for formats
 *                       whose times carry an offset (generic, ISO-8601)
 * @param costsNegative  whether the export shows commission (and fee) as negative numbers, the ledger keeping the
 *                       positive cost
 */
public record ProviderSettings(String code, ExportFormat format, ZoneId zoneId, char separator, String timePattern,
                               boolean costsNegative) {

    public static final String MT5_TIME_PATTERN = "uuuu.MM.dd HH:mm:ss";
    public static final String CTRADER_TIME_PATTERN = "dd/MM/uuuu HH:mm:ss.SSS";

    public ProviderSettings {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(zoneId, "zoneId");
        if (format != ExportFormat.GENERIC && timePattern == null) {
            throw new IllegalArgumentException("Provider " + code + ": a " + format.code()
                    + " export has zone-less times and needs a time pattern");
        }
    }

    public static ProviderSettings mt5(String code, ZoneId zone) {
        return new ProviderSettings(code, ExportFormat.MT5, zone, ',', MT5_TIME_PATTERN, true);
    }

    public static ProviderSettings ctrader(String code, ZoneId zone, char separator) {
        return new ProviderSettings(code, ExportFormat.CTRADER, zone, separator, CTRADER_TIME_PATTERN, true);
    }

    public static ProviderSettings generic(String code, ZoneId zone) {
        return new ProviderSettings(code, ExportFormat.GENERIC, zone, ',', null, false);
    }

    /** The three servers the demo and the tests use, one per export format. */
    public static List<ProviderSettings> defaults() {
        return List.of(
                mt5("MT5-LIVE-1", ZoneId.of("Europe/Athens")),
                ctrader("CTRADER-EU", ZoneId.of("Europe/London"), ';'),
                generic("MATCH-GENERIC", ZoneOffset.UTC));
    }

    /** The formatter of zone-less export times; {@code null} for offset-carrying formats. */
    public DateTimeFormatter timeFormatter() {
        return timePattern == null ? null : DateTimeFormatter.ofPattern(timePattern);
    }

    /** The first instant of the server's day {@code providerDate}. */
    public Instant dayStart(LocalDate providerDate) {
        return providerDate.atStartOfDay(zoneId).toInstant();
    }

    /** The first instant after the server's day {@code providerDate} (days are 23 or 25 hours when clocks change). */
    public Instant dayEnd(LocalDate providerDate) {
        return dayStart(providerDate.plusDays(1));
    }

    /** The server's calendar day that {@code instant} falls in. */
    public LocalDate providerDate(Instant instant) {
        return instant.atZone(zoneId).toLocalDate();
    }

    /**
     * The instants a zone-less wall-clock time of this server can stand for: one normally, two in the repeated hour
     * when clocks go back (the earlier instant first), and for a time inside the skipped hour the instant the
     * wall clock would show had it not jumped. The caller picks the one that agrees with the ledger.
     */
    public List<Instant> candidateInstants(LocalDateTime local) {
        List<ZoneOffset> offsets = zoneId.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return List.of(ZonedDateTime.ofLocal(local, zoneId, null).toInstant());
        }
        return offsets.stream().map(offset -> local.toInstant(offset)).toList();
    }
}
