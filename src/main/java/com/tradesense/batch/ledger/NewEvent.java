package com.tradesense.batch.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append to a challenge's log. With an idempotency key the event's id is derived from the key, so a
 * restarted job writes the very row an uninterrupted one would, and a second append of the same key is a no-op.
 */
public record NewEvent(UUID challengeId, String eventType, String eventDataJson, String description, Instant occurredAt,
                       String correlationId, UUID causationId, String idempotencyKey) {

    public NewEvent {
        Objects.requireNonNull(challengeId, "challengeId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventDataJson, "eventDataJson");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (description.isBlank()) {
            throw new IllegalArgumentException("An event needs a description an auditor can read");
        }
    }
}
