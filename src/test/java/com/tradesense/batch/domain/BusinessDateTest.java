package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessDateTest {

    private final BusinessDate march2 = BusinessDate.of(2026, 3, 2);

    @Test
    void spansMidnightToMidnightUtcWhateverTheJvmZone() {
        assertThat(march2.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(march2.end()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    }

    @Test
    void containsItsStartButNotItsEnd() {
        assertThat(march2.contains(Instant.parse("2026-03-02T00:00:00Z"))).isTrue();
        assertThat(march2.contains(Instant.parse("2026-03-02T23:59:59.999Z"))).isTrue();
        assertThat(march2.contains(Instant.parse("2026-03-03T00:00:00Z"))).isFalse();
        assertThat(march2.contains(Instant.parse("2026-03-01T23:59:59.999Z"))).isFalse();
    }

    @Test
    void assignsAnInstantToItsUtcDate() {
        // given an instant that is already March 3 in the Chatham Islands (UTC+13:45)
        Instant lateEvening = Instant.parse("2026-03-02T23:30:00Z");

        // when / then
        assertThat(BusinessDate.of(lateEvening)).isEqualTo(march2);
        assertThat(BusinessDate.of(Instant.parse("2026-03-03T00:00:00Z"))).isEqualTo(march2.next());
    }

    @Test
    void hasEndedOnlyOnceTheNextDayBegan() {
        assertThat(march2.hasEnded(Instant.parse("2026-03-02T23:59:59.999Z"))).isFalse();
        assertThat(march2.hasEnded(Instant.parse("2026-03-03T00:00:00Z"))).isTrue();
        assertThat(march2.hasEnded(Instant.parse("2026-03-01T12:00:00Z"))).isFalse();
    }

    @Test
    void stepsAcrossMonthAndYearBoundaries() {
        assertThat(BusinessDate.of(2026, 2, 28).next()).isEqualTo(march2.previous().previous().next());
        assertThat(BusinessDate.of(2025, 12, 31).next()).isEqualTo(BusinessDate.of(2026, 1, 1));
        assertThat(BusinessDate.of(2026, 1, 1).previous()).isEqualTo(BusinessDate.of(2025, 12, 31));
    }

    @Test
    void listsEveryDateOfARangeIncludingWeekends() {
        assertThat(BusinessDate.range(BusinessDate.parse("2026-03-06"), BusinessDate.parse("2026-03-09")))
                .extracting(BusinessDate::toString)
                .containsExactly("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09");
        assertThat(BusinessDate.range(march2, march2.previous())).isEmpty();
    }

    @Test
    void printsAsIsoDate() {
        assertThat(BusinessDate.of(LocalDate.of(2026, 3, 2))).hasToString("2026-03-02");
    }
}
