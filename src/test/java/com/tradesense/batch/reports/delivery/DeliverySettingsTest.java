package com.tradesense.batch.reports.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    private final DeliverySettings settings = new DeliverySettings(List.of(" Audit@Example.com", "audit@example.com", ""),
            "reports@example.com", Duration.ofMinutes(1), Duration.ofMinutes(10));

    @Test
    void backoffDoublesWithEveryFailureUpToTheCap() {
        // when / then
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.backoff(500)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void auditorAddressesAreTrimmedLowerCasedAndListedOnce() {
        // then
        assertThat(settings.auditors()).containsExactly("audit@example.com");
    }
}
