package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The workbook's quick reading of staged instants agrees with {@link Instant#parse} on everything. */
class StagedInstantProperties {

    @Property(tries = 2_000)
    void readsEveryInstantTheStagingTableCanHoldLikeInstantParse(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        // given: whole seconds, milliseconds, microseconds or nanoseconds, as Instant.toString writes them
        int kept = switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
        String text = Instant.ofEpochSecond(epochSecond, kept).toString();

        // when / then
        assertThat(ReconciliationReports.stagedInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }

    @Example
    void theEndOfADayAndALeapSecondReadAsInstantParseReadsThem() {
        for (String text : new String[] {"2026-03-03T24:00:00Z", "2016-12-31T23:59:60Z", "+10000-01-01T00:00:00Z"}) {
            assertThat(ReconciliationReports.stagedInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Example
    void textThatIsNoInstantFailsAsInstantParseDoes() {
        for (String text : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-03T10:60:00.000Z",
            "2026-03-03 10:00:00.000Z", "2026-03-03T10:00:00.0a0Z", "yesterday"}) {
            assertThatThrownBy(() -> ReconciliationReports.stagedInstant(text)).as(text)
                    .isInstanceOf(DateTimeException.class);
        }
    }

    @Example
    void formulaLikeProviderTextGetsALeadingApostrophe() {
        assertThat(ReconciliationReports.safeText("=1+1")).isEqualTo("'=1+1");
        assertThat(ReconciliationReports.safeText("\tx")).isEqualTo("'\tx");
        assertThat(ReconciliationReports.safeText("-303")).isEqualTo("-303");
        assertThat(ReconciliationReports.safeText("-49.39")).isEqualTo("-49.39");
        assertThat(ReconciliationReports.safeText("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(ReconciliationReports.safeText("EURUSD")).isEqualTo("EURUSD");
        assertThat(ReconciliationReports.safeText(null)).isNull();
    }
}
