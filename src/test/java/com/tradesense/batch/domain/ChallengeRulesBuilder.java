package com.tradesense.batch.domain;

import java.time.Instant;

/** Challenge configuration for tests; defaults are a typical 100k challenge with no deadline. */
public final class ChallengeRulesBuilder {

    private String balance = "100000";
    private String maxDailyDrawdown = "5";
    private String maxTotalDrawdown = "10";
    private String profitTarget = "8";
    private int minTradingDays = 0;
    private Instant expiresAt;

    private ChallengeRulesBuilder() {
    }

    public static ChallengeRulesBuilder aChallenge() {
        return new ChallengeRulesBuilder();
    }

    public ChallengeRulesBuilder withBalance(String amount) {
        this.balance = amount;
        return this;
    }

    public ChallengeRulesBuilder withMaxDailyDrawdown(String pct) {
        this.maxDailyDrawdown = pct;
        return this;
    }

    public ChallengeRulesBuilder withMaxTotalDrawdown(String pct) {
        this.maxTotalDrawdown = pct;
        return this;
    }

    public ChallengeRulesBuilder withProfitTarget(String pct) {
        this.profitTarget = pct;
        return this;
    }

    public ChallengeRulesBuilder withMinTradingDays(int days) {
        this.minTradingDays = days;
        return this;
    }

    public ChallengeRulesBuilder expiringAt(String instant) {
        this.expiresAt = Instant.parse(instant);
        return this;
    }

    public ChallengeRules build() {
        return new ChallengeRules(Money.parse(balance), Money.parseDecimal(maxDailyDrawdown),
                Money.parseDecimal(maxTotalDrawdown), Money.parseDecimal(profitTarget), minTradingDays, expiresAt);
    }
}
