package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MoneyProperties {

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.integers().between(0, 8).flatMap(scale -> Arbitraries.bigDecimals()
                .between(new BigDecimal("-1000000000"), new BigDecimal("1000000000")).ofScale(scale));
    }

    @Provide
    Arbitrary<BigDecimal> positiveAmounts() {
        return Arbitraries.integers().between(0, 6).flatMap(scale -> Arbitraries.bigDecimals()
                .between(BigDecimal.ONE.movePointLeft(scale), new BigDecimal("10000000")).ofScale(scale));
    }

    @Provide
    Arbitrary<BigDecimal> percentages() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-200"), new BigDecimal("999.99")).ofScale(2);
    }

    @Property
    void roundingToMoneyIsHalfEvenAtScaleTwo(@ForAll("amounts") BigDecimal amount) {
        BigDecimal rounded = Money.of(amount);

        assertThat(rounded.scale()).isEqualTo(2);
        assertThat(rounded).isEqualTo(amount.setScale(2, RoundingMode.HALF_EVEN));
        assertThat(amount.subtract(rounded).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    }

    @Property
    void roundingToMoneyIsIdempotent(@ForAll("amounts") BigDecimal amount) {
        assertThat(Money.of(Money.of(amount))).isEqualTo(Money.of(amount));
        assertThat(Money.parse(Money.format(amount))).isEqualTo(Money.of(amount));
    }

    @Property
    void exactTiesRoundToTheEvenCent(@ForAll("amounts") BigDecimal amount) {
        // given a value exactly half way between two cents
        BigDecimal tie = amount.setScale(2, RoundingMode.DOWN).add(new BigDecimal("0.005").multiply(
                BigDecimal.valueOf(amount.signum() < 0 ? -1 : 1)));

        // when
        BigDecimal rounded = Money.of(tie);

        // then
        int lastDigit = rounded.unscaledValue().abs().mod(java.math.BigInteger.TEN).intValue();
        assertThat(lastDigit % 2).isZero();
        assertThat(tie.subtract(rounded).abs()).isEqualByComparingTo("0.005");
    }

    @Property
    void percentComparisonAgreesWithExactDivision(@ForAll("amounts") BigDecimal part,
                                                  @ForAll("positiveAmounts") BigDecimal whole,
                                                  @ForAll("percentages") BigDecimal threshold) {
        // given part / whole × 100, floored at a scale far finer than the threshold's: floor(q) >= t <=> q >= t
        BigDecimal flooredQuotient = part.multiply(BigDecimal.valueOf(100)).divide(whole, 60, RoundingMode.FLOOR);

        // when
        boolean reaches = Money.reachesPercent(part, whole, threshold);

        // then
        assertThat(reaches).isEqualTo(flooredQuotient.compareTo(threshold) >= 0);
    }

    @Property
    void aRatioExactlyAtTheThresholdReachesIt(@ForAll("positiveAmounts") BigDecimal whole,
                                              @ForAll("percentages") BigDecimal threshold) {
        // given a part that is exactly threshold % of whole
        BigDecimal part = threshold.multiply(whole).divide(BigDecimal.valueOf(100));

        // then
        assertThat(Money.reachesPercent(part, whole, threshold)).isTrue();
        assertThat(Money.reachesPercent(part.subtract(new BigDecimal("1E-20")), whole, threshold)).isFalse();
    }
}
