package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final UUID CHALLENGE = UUID.fromString("3f1c0d2e-0000-4000-8000-000000000001");
    private static final BusinessDate DATE = BusinessDate.parse("2026-03-02");

    @Test
    void spellsTheDocumentedKeys() {
        assertThat(IdempotencyKeys.dailyReset(CHALLENGE, DATE))
                .isEqualTo("DAILY_RESET:3f1c0d2e-0000-4000-8000-000000000001:2026-03-02");
        assertThat(IdempotencyKeys.statusChange(CHALLENGE, ChallengeStatus.FAILED))
                .isEqualTo("STATUS:3f1c0d2e-0000-4000-8000-000000000001:FAILED");
        assertThat(IdempotencyKeys.dailyPnlRestated(CHALLENGE, DATE, 2))
                .isEqualTo("DAILY_PNL_RESTATED:3f1c0d2e-0000-4000-8000-000000000001:2026-03-02:2");
    }

    @Test
    void refusesARestatementNumberedAsTheFirstRevision() {
        assertThatThrownBy(() -> IdempotencyKeys.dailyPnlRestated(CHALLENGE, DATE, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
