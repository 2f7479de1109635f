package com.tradesense.batch.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * The documented idempotency keys of the events the jobs write. Each key names one cause, so writing the same event
 * twice collides on {@code challenge_events.idempotency_key}, and {@link EventIds} turns the key into the event id.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** {@code DAILY_PNL:<challenge_id>:<date>}: the first calculation of a challenge's day (revision 1). */
    public static String dailyPnl(UUID challengeId, BusinessDate date) {
        return "DAILY_PNL:" + id(challengeId) + ":" + date;
    }

    /** {@code DAILY_PNL_RESTATED:<challenge_id>:<date>:<revision>}, revision 2 and up. */
    public static String dailyPnlRestated(UUID challengeId, BusinessDate date, int revision) {
        if (revision < 2) {
            throw new IllegalArgumentException("A restatement is revision 2 or later (the calculation is 1), was "
                    + revision);
        }
        return "DAILY_PNL_RESTATED:" + id(challengeId) + ":" + date + ":" + revision;
    }

    /** {@code DAILY_RESET:<challenge_id>:<date>}. */
    public static String dailyReset(UUID challengeId, BusinessDate date) {
        return "DAILY_RESET:" + id(challengeId) + ":" + date;
    }

    /** {@code STATUS:<challenge_id>:<to-status>}: a status is entered at most once, so the target names the change. */
    public static String statusChange(UUID challengeId, ChallengeStatus to) {
        return "STATUS:" + id(challengeId) + ":" + Objects.requireNonNull(to, "to");
    }

    private static String id(UUID challengeId) {
        return Objects.requireNonNull(challengeId, "challengeId").toString();
    }
}
