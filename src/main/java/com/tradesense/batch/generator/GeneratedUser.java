package com.tradesense.batch.generator;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code users}, column for column (CONTRACT §1). */
public record GeneratedUser(UUID id, String email, String passwordHash, String role, String status, String metadata,
                            Instant createdAt, Instant updatedAt, Instant deletedAt, long version) {
}
