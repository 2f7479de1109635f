package com.tradesense.batch.domain;

import static com.tradesense.batch.domain.ChallengeStatus.ACTIVE;
import static com.tradesense.batch.domain.ChallengeStatus.FAILED;
import static com.tradesense.batch.domain.ChallengeStatus.FUNDED;
import static com.tradesense.batch.domain.ChallengeStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChallengeStatusTest {

    @Test
    void allowsExactlyTheContractTransitions() {
        Set<String> allowed = new java.util.TreeSet<>();
        for (ChallengeStatus from : ChallengeStatus.values()) {
            for (ChallengeStatus to : ChallengeStatus.values()) {
                if (from.canTransitionTo(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder("PENDING->ACTIVE", "ACTIVE->FUNDED", "ACTIVE->FAILED");
    }

    @Test
    void treatsFundedAndFailedAsFinal() {
        assertThat(EnumSet.allOf(ChallengeStatus.class)).filteredOn(ChallengeStatus::isFinal)
                .containsExactlyInAnyOrder(FAILED, FUNDED);
    }

    @Test
    void refusesToLeaveAFinalState() {
        assertThatThrownBy(() -> FUNDED.transitionTo(FAILED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FAILED.transitionTo(ACTIVE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PENDING.transitionTo(FUNDED)).isInstanceOf(IllegalStateException.class);
        assertThat(ACTIVE.transitionTo(FUNDED)).isEqualTo(FUNDED);
    }

    @Test
    void keepsTheContractNamesAndOrderOfEnumeratedValues() {
        assertThat(ChallengeStatus.values()).extracting(Enum::name)
                .containsExactly("PENDING", "ACTIVE", "FAILED", "FUNDED");
        assertThat(FailureReason.values()).extracting(Enum::name)
                .containsExactly("DAILY_DRAWDOWN_EXCEEDED", "TOTAL_DRAWDOWN_EXCEEDED", "EXPIRED");
        assertThat(EventType.values()).extracting(Enum::name).containsExactly("TRADE_EXECUTED",
                "CHALLENGE_STATUS_CHANGED", "CHALLENGE_FAILED", "CHALLENGE_FUNDED", "RISK_VIOLATION_DETECTED",
                "DAILY_PNL_CALCULATED", "DAILY_RESET_PERFORMED", "DAILY_PNL_RESTATED");
        assertThat(AlertType.values()).extracting(Enum::name).containsExactly("HIGH_DRAWDOWN",
                "TOTAL_DRAWDOWN_EXCEEDED", "PROFIT_TARGET_REACHED", "INACTIVE_TRADING", "UNUSUAL_ACTIVITY",
                "RISK_SCORE_SPIKE");
        assertThat(AlertSeverity.values()).extracting(Enum::name)
                .containsExactly("LOW", "MEDIUM", "HIGH", "CRITICAL");
        assertThat(AlertStatus.values()).extracting(Enum::name)
                .containsExactly("ACTIVE", "ACKNOWLEDGED", "RESOLVED");
    }
}
