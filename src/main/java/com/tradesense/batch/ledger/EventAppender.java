package com.tradesense.batch.ledger;

import com.tradesense.batch.db.BulkLoader;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.EventIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends to {@code challenge_events} following the protocol every writer shares (CONTRACT §1): take the
 * challenge's row lock, allocate the next {@code sequence_number}, insert, and retry on a unique violation (a writer
 * that skipped the lock, or a racing append of the same idempotency key).
 *
 * <p>It works inside the caller's transaction, so the event commits or rolls back with the state change it
 * records. On SQLite the immediate write transaction already holds the only write lock.
 */
public final class EventAppender {

    private static final int MAX_ATTEMPTS = 5;

    private static final String FIND_BY_KEY =
            "SELECT id, sequence_number FROM challenge_events WHERE idempotency_key = ?";
    private static final String NEXT_SEQUENCE =
            "SELECT COALESCE(MAX(sequence_number), 0) + 1 AS next_sequence FROM challenge_events WHERE challenge_id = ?";
    private static final String INSERT = """
            INSERT INTO challenge_events (id, challenge_id, sequence_number, event_type, event_data, description,
                                          occurred_at, created_at, correlation_id, causation_id, idempotency_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final java.util.List<String> COLUMNS = java.util.List.of("id", "challenge_id", "sequence_number",
            "event_type", "event_data", "description", "occurred_at", "created_at", "correlation_id", "causation_id",
            "idempotency_key");

    private final Dialect dialect;

    public EventAppender(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Appends the event within the connection's current transaction (auto-commit must be off).
     *
     * @param recordedAt the system time written to {@code created_at}; the caller decides where it comes from
     */
    public AppendedEvent append(Connection connection, NewEvent event, java.time.Instant recordedAt) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("An event is appended inside the transaction of the change it records");
        }
        UUID id = event.idempotencyKey() == null ? UUID.randomUUID() : EventIds.fromIdempotencyKey(event.idempotencyKey());
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<AppendedEvent> existing = findByKey(connection, event.idempotencyKey());
            if (existing.isPresent()) {
                return existing.get();
            }
            lockChallenge(connection, event.challengeId());
            long sequence = nextSequence(connection, event.challengeId());
            Savepoint savepoint = connection.setSavepoint();
            try {
                insert(connection, id, sequence, event, recordedAt);
                connection.releaseSavepoint(savepoint);
                return new AppendedEvent(id, sequence, true);
            } catch (SQLException e) {
                // PostgreSQL aborts the whole transaction on an error unless we roll back to the savepoint.
                connection.rollback(savepoint);
                if (!dialect.isUniqueViolation(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new SQLException("Could not append " + event.eventType() + " to challenge " + event.challengeId()
                + " after " + MAX_ATTEMPTS + " attempts", last);
    }

    private Optional<AppendedEvent> findByKey(Connection connection, String key) throws SQLException {
        if (key == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement(FIND_BY_KEY)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new AppendedEvent(dialect.getUuid(rs, "id"), rs.getLong("sequence_number"), false));
                }
                return Optional.empty();
            }
        }
    }

    private void lockChallenge(Connection connection, UUID challengeId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM challenges WHERE id = ?" + dialect.forUpdate())) {
            dialect.setUuid(ps, 1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No challenge " + challengeId + " to append an event to");
                }
            }
        }
    }

    private long nextSequence(Connection connection, UUID challengeId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(NEXT_SEQUENCE)) {
            dialect.setUuid(ps, 1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong("next_sequence");
            }
        }
    }

    private void insert(Connection connection, UUID id, long sequence, NewEvent event, java.time.Instant recordedAt)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            bind(ps, id, sequence, event, recordedAt);
            ps.executeUpdate();
        }
    }

    private void bind(PreparedStatement ps, UUID id, long sequence, NewEvent event, java.time.Instant recordedAt)
            throws SQLException {
        dialect.setUuid(ps, 1, id);
        dialect.setUuid(ps, 2, event.challengeId());
        ps.setLong(3, sequence);
        ps.setString(4, event.eventType());
        dialect.setJson(ps, 5, event.eventDataJson());
        ps.setString(6, event.description());
        dialect.setInstant(ps, 7, event.occurredAt());
        dialect.setInstant(ps, 8, recordedAt);
        ps.setString(9, event.correlationId());
        dialect.setUuid(ps, 10, event.causationId());
        ps.setString(11, event.idempotencyKey());
    }

    /**
     * Appends many events in one batch. The caller must hold the row lock of every challenge involved (on SQLite the
     * write transaction) and pass each challenge's current highest sequence number; the map is advanced.
     *
     * @return the ids of the appended events, in order
     */
    public java.util.List<UUID> appendLocked(Connection connection, java.util.List<NewEvent> events,
                                             java.util.Map<UUID, Long> lastSequence, java.time.Instant recordedAt)
            throws SQLException {
        java.util.List<UUID> ids = new java.util.ArrayList<>(events.size());
        if (events.isEmpty()) {
            return ids;
        }
        // A bulk load (COPY on PostgreSQL) costs about what INSERT ... SELECT does; multi-row INSERTs cost half as much
        // again, in parsing and planning their VALUES lists.
        String recorded = dialect.text(recordedAt);
        try (BulkLoader loader = BulkLoader.open(dialect, connection, "challenge_events", COLUMNS)) {
            for (NewEvent event : events) {
                UUID id = event.idempotencyKey() == null ? UUID.randomUUID()
                        : EventIds.fromIdempotencyKey(event.idempotencyKey());
                long sequence = lastSequence.merge(event.challengeId(), 1L, Long::sum);
                loader.add(id.toString(), event.challengeId().toString(), Long.toString(sequence), event.eventType(),
                        event.eventDataJson(), event.description(), dialect.text(event.occurredAt()),
                        recorded, event.correlationId(),
                        event.causationId() == null ? null : event.causationId().toString(), event.idempotencyKey());
                ids.add(id);
            }
        }
        return ids;
    }
}
