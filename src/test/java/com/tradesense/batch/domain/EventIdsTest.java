package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final UUID CHALLENGE = UUID.fromString("3f1c0d2e-0000-4000-8000-000000000001");

    @Test
    void computesVersion5UuidsAsTheStandardDefinesThem() {
        // RFC 9562's DNS namespace and "python.org" give the widely published 886313e1-... value
        assertThat(EventIds.nameBased(EventIds.DNS_NAMESPACE, "python.org"))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }

    @Test
    void usesTheDocumentedNamespace() {
        assertThat(EventIds.nameBased(EventIds.DNS_NAMESPACE, EventIds.NAMESPACE_NAME))
                .isEqualTo(EventIds.NAMESPACE);
    }

    @Test
    void derivesTheSameIdFromTheSameKeyEveryTime() {
        // given
        String key = IdempotencyKeys.dailyPnl(CHALLENGE, BusinessDate.parse("2026-03-02"));

        // when
        UUID id = EventIds.fromIdempotencyKey(key);

        // then (value cross-checked with an independent version 5 implementation)
        assertThat(key).isEqualTo("DAILY_PNL:3f1c0d2e-0000-4000-8000-000000000001:2026-03-02");
        assertThat(id).isEqualTo(UUID.fromString("41eea21c-14a9-586d-8799-38b73cb45f9d"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(EventIds.fromIdempotencyKey(key)).isEqualTo(id);
    }

    @Test
    void derivesDifferentIdsFromDifferentKeys() {
        assertThat(EventIds.fromIdempotencyKey(IdempotencyKeys.dailyPnl(CHALLENGE, BusinessDate.parse("2026-03-02"))))
                .isNotEqualTo(EventIds.fromIdempotencyKey(
                        IdempotencyKeys.dailyPnl(CHALLENGE, BusinessDate.parse("2026-03-03"))));
    }

    @Test
    void refusesABlankKey() {
        assertThatThrownBy(() -> EventIds.fromIdempotencyKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
