package com.tradesense.batch.expiry;

import java.time.Instant;
import java.util.UUID;

/** An active challenge and the time of its last trade (null when it never traded). */
record InactiveChallenge(UUID challengeId, Instant lastTradeAt, Instant startedAt) {
}
