package com.tradesense.batch.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Event ids derived from idempotency keys, so a restarted job computes the very id an uninterrupted one wrote.
 *
 * <p>The id is a name-based UUID, version 5 (RFC 9562 §5.5: SHA-1 over namespace and name), with the name being the
 * idempotency key in UTF-8 and the namespace {@link #NAMESPACE} {@code 2d088574-9788-5080-a30d-8607d76bde5b}, itself
 * the version 5 UUID of the name {@code tradesense.com/challenge-events} in the standard DNS namespace. Any other
 * system can therefore recompute an event's id from its key, e.g. in Python
 * {@code uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_DNS, "tradesense.com/challenge-events"), key)}.
 */
public final class EventIds {

    /** RFC 9562's namespace for DNS names. */
    static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    static final String NAMESPACE_NAME = "tradesense.com/challenge-events";

    /** Written out rather than computed so that it can never drift: every stored event id depends on it. */
    public static final UUID NAMESPACE = UUID.fromString("2d088574-9788-5080-a30d-8607d76bde5b");

    private EventIds() {
    }

    public static UUID fromIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("An idempotency key must not be blank");
        }
        return nameBased(NAMESPACE, idempotencyKey);
    }

    /** A version 5 UUID of {@code name} in {@code namespace}. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
