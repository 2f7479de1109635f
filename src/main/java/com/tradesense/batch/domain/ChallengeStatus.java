package com.tradesense.batch.domain;

/**
 * The challenge state machine: PENDING → ACTIVE, ACTIVE → FUNDED, ACTIVE → FAILED. FUNDED and FAILED are final,
 * also after a restatement. The database enforces the same transitions with a trigger.
 */
public enum ChallengeStatus {
    PENDING,
    ACTIVE,
    FAILED,
    FUNDED;

    public boolean isFinal() {
        return this == FAILED || this == FUNDED;
    }

    public boolean canTransitionTo(ChallengeStatus target) {
        return switch (this) {
            case PENDING -> target == ACTIVE;
            case ACTIVE -> target == FUNDED || target == FAILED;
            case FAILED, FUNDED -> false;
        };
    }

    /** Returns the target status, or throws when the state machine does not allow the move. */
    public ChallengeStatus transitionTo(ChallengeStatus target) {
        if (!canTransitionTo(target)) {
            throw new IllegalStateException("A challenge cannot go from " + this + " to " + target);
        }
        return target;
    }
}
