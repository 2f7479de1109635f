package com.tradesense.batch.generator;

import com.tradesense.batch.provider.ProviderSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines generated data: the same settings give the same rows and files, byte for byte.
 *
 * @param seed                     the root of every random stream and name-based id
 * @param challenges               how many challenges (users are created as needed, 1–3 challenges each)
 * @param firstDate                the first generated business date (UTC)
 * @param days                     how many consecutive business dates get trades
 * @param tradesPerChallengePerDay the average number of trades of an active challenge on a weekday
 * @param discrepancyRate          the share of export rows that carry an injected break
 * @param toleratedNoiseRate       the share of export rows that differ from the ledger within the default
 *                                 tolerances (and must still match)
 * @param lateTradeRate            the share of trades that reach the ledger hours after they were executed
 * @param providers                the trading servers challenges are spread over, evenly
 */
public record GeneratorSettings(long seed, int challenges, LocalDate firstDate, int days,
                                double tradesPerChallengePerDay, double discrepancyRate, double toleratedNoiseRate,
                                double lateTradeRate, List<ProviderSettings> providers) {

    public static final long DEFAULT_SEED = 20261102L;
    public static final double DEFAULT_TRADES_PER_CHALLENGE_PER_DAY = 3.0;
    public static final double DEFAULT_DISCREPANCY_RATE = 0.02;
    public static final double DEFAULT_TOLERATED_NOISE_RATE = 0.01;

    public GeneratorSettings {
        Objects.requireNonNull(firstDate, "firstDate");
        providers = List.copyOf(providers);
        if (challenges < 0 || days < 1 || days > 3_660) {
            throw new IllegalArgumentException("challenges must be >= 0 and days between 1 and 3660");
        }
        if (tradesPerChallengePerDay < 0 || tradesPerChallengePerDay > 20) {
            throw new IllegalArgumentException("tradesPerChallengePerDay must be between 0 and 20");
        }
        requireShare(discrepancyRate, "discrepancyRate");
        requireShare(toleratedNoiseRate, "toleratedNoiseRate");
        requireShare(lateTradeRate, "lateTradeRate");
        if (discrepancyRate + toleratedNoiseRate > 1) {
            throw new IllegalArgumentException("discrepancyRate + toleratedNoiseRate must not exceed 1");
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
        if (providers.stream().map(ProviderSettings::code).distinct().count() != providers.size()) {
            throw new IllegalArgumentException("provider codes must be unique");
        }
    }

    private static void requireShare(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    /** A small data set: 1,000 challenges over a week from 2026-11-02, 2% breaks, the three default servers. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().seed(seed).challenges(challenges).firstDate(firstDate).days(days)
                .tradesPerChallengePerDay(tradesPerChallengePerDay).discrepancyRate(discrepancyRate)
                .toleratedNoiseRate(toleratedNoiseRate).lateTradeRate(lateTradeRate).providers(providers);
    }

    /** The first instant of the generated period. */
    public Instant periodStart() {
        return firstDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the generated period. */
    public Instant periodEnd() {
        return lastDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public LocalDate lastDate() {
        return firstDate.plusDays(days - 1L);
    }

    public ProviderSettings provider(String code) {
        return providers.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown provider " + code));
    }

    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int challenges = 1_000;
        private LocalDate firstDate = LocalDate.of(2026, 11, 2);
        private int days = 7;
        private double tradesPerChallengePerDay = DEFAULT_TRADES_PER_CHALLENGE_PER_DAY;
        private double discrepancyRate = DEFAULT_DISCREPANCY_RATE;
        private double toleratedNoiseRate = DEFAULT_TOLERATED_NOISE_RATE;
        private double lateTradeRate = 0.02;
        private List<ProviderSettings> providers = ProviderSettings.defaults();

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder challenges(int value) {
            challenges = value;
            return this;
        }

        public Builder firstDate(LocalDate value) {
            firstDate = value;
            return this;
        }

        public Builder days(int value) {
            days = value;
            return this;
        }

        public Builder tradesPerChallengePerDay(double value) {
            tradesPerChallengePerDay = value;
            return this;
        }

        public Builder discrepancyRate(double value) {
            discrepancyRate = value;
            return this;
        }

        public Builder toleratedNoiseRate(double value) {
            toleratedNoiseRate = value;
            return this;
        }

        public Builder lateTradeRate(double value) {
            lateTradeRate = value;
            return this;
        }

        public Builder providers(List<ProviderSettings> value) {
            providers = value;
            return this;
        }

        public GeneratorSettings build() {
            return new GeneratorSettings(seed, challenges, firstDate, days, tradesPerChallengePerDay, discrepancyRate,
                    toleratedNoiseRate, lateTradeRate, providers);
        }
    }
}
