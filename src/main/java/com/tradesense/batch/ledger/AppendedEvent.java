package com.tradesense.batch.ledger;

import java.util.UUID;

/**
 * The row an append produced or found.
 *
 * @param appended false when an event with the same idempotency key already existed and nothing was written
 */
public record AppendedEvent(UUID id, long sequenceNumber, boolean appended) {
}
