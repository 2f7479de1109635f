package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reader's own reading of ISO-8601 times agrees with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, and the
 * staging table's own writing of instants with {@link Instant#toString()}.
 */
class ExportTimeProperties {

    @Provide
    Arbitrary<String> wellFormedTimes() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-30T00:00:00Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        Arbitrary<Integer> offsetMinutes = Arbitraries.integers().between(-17 * 60 - 59, 17 * 60 + 59);
        Arbitrary<String> pattern = Arbitraries.of("uuuu-MM-dd'T'HH:mm:ssXXX", "uuuu-MM-dd'T'HH:mm:ss.SSSXXX",
                "uuuu-MM-dd'T'HH:mm:ss.SXXX", "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX", "uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
        return Combinators.combine(seconds, nanos, offsetMinutes, pattern).as((s, n, o, p) -> OffsetDateTime
                .ofInstant(Instant.ofEpochSecond(s, n), java.time.ZoneOffset.ofTotalSeconds(o * 60))
                .format(DateTimeFormatter.ofPattern(p)));
    }

    /** Texts of the common shape with numbers in and out of range and offsets well and badly written. */
    @Provide
    Arbitrary<String> commonShapes() {
        Arbitrary<String> two = Arbitraries.integers().between(0, 61).map(i -> String.format("%02d", i));
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i));
        Arbitrary<String> fraction = Arbitraries.of("", ".", ".5", ".123", ".1234567890", ".12a");
        Arbitrary<String> offset = Arbitraries.of("Z", "z", "+00:00", "-18:00", "+18:00", "+05:30", "-09:60", "+1:00",
                "+01", "+01:00:00", "");
        return Combinators.combine(year, two, two, two, two, two, fraction, offset)
                .as((y, mo, d, h, mi, s, f, z) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + z);
    }

    @Property
    void readsEveryWellFormedTimeAsTheIsoFormatterDoes(@ForAll("wellFormedTimes") String text) {
        assertThat(ExportReader.isoInstant(text))
                .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }

    @Property
    void acceptsAndRefusesExactlyWhatTheIsoFormatterDoes(@ForAll("commonShapes") String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> ExportReader.isoInstant(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(ExportReader.isoInstant(text)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Property
    void writesEveryInstantAsInstantToStringDoes(@ForAll("instants") Instant instant) {
        assertThat(ReconciliationService.text(instant)).isEqualTo(instant.toString());
    }
}
