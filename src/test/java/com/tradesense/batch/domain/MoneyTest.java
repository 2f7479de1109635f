package com.tradesense.batch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesAmountsToScaleTwo() {
        // given
        String text = "100000";

        // when
        BigDecimal amount = Money.parse(text);

        // then
        assertThat(amount).isEqualByComparingTo("100000").hasScaleOf(2);
        assertThat(amount.toPlainString()).isEqualTo("100000.00");
    }

    @Test
    void roundsHalfToEvenWhenParsingMoreThanTwoDecimals() {
        assertThat(Money.parse("0.125")).isEqualTo(new BigDecimal("0.12"));
        assertThat(Money.parse("0.135")).isEqualTo(new BigDecimal("0.14"));
        assertThat(Money.parse("-0.125")).isEqualTo(new BigDecimal("-0.12"));
        assertThat(Money.parse("2.5051")).isEqualTo(new BigDecimal("2.51"));
    }

    @Test
    void rejectsTextThatIsNotAPlainDecimal() {
        assertThatThrownBy(() -> Money.parse("1E+3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1,000.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("+5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1.2.3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesExactDecimalsWithoutRounding() {
        assertThat(Money.parseDecimal("1.08512345")).isEqualTo(new BigDecimal("1.08512345"));
        assertThat(Money.parseDecimal("-.5")).isEqualTo(new BigDecimal("-0.5"));
    }

    @Test
    void formatsInPlainNotationAtScaleTwo() {
        assertThat(Money.format(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Money.format(new BigDecimal("1234.5"))).isEqualTo("1234.50");
    }

    @Test
    void computesPercentagesAtScaleFourHalfEven() {
        // given 1/3 of 100 = 33.333...%, and 1/16 = 6.25%
        // when / then
        assertThat(Money.percentOf(new BigDecimal("1"), new BigDecimal("3"))).isEqualTo(new BigDecimal("33.3333"));
        assertThat(Money.percentOf(new BigDecimal("2"), new BigDecimal("3"))).isEqualTo(new BigDecimal("66.6667"));
        assertThat(Money.percentOf(new BigDecimal("1"), new BigDecimal("16"))).isEqualTo(new BigDecimal("6.2500"));
        // 0.000125 × 100 / 1 = 0.0125 → exactly half way at scale 4 → to even
        assertThat(Money.percentOf(new BigDecimal("0.0000125"), BigDecimal.ONE)).isEqualTo(new BigDecimal("0.0012"));
    }

    @Test
    void drawdownIsZeroWhenEquityIsAtOrAboveTheReference() {
        assertThat(Money.drawdownPct(new BigDecimal("100000.00"), new BigDecimal("100000.00")))
                .isEqualTo(new BigDecimal("0.0000"));
        assertThat(Money.drawdownPct(new BigDecimal("100000.00"), new BigDecimal("120000.00")))
                .isEqualTo(new BigDecimal("0.0000"));
        assertThat(Money.drawdownPct(new BigDecimal("100000.00"), new BigDecimal("95000.00")))
                .isEqualTo(new BigDecimal("5.0000"));
    }

    @Test
    void reachesALimitOnlyWhenExactlyAtOrBeyondIt() {
        BigDecimal start = new BigDecimal("100000.00");
        BigDecimal limit = new BigDecimal("5.00");

        assertThat(Money.drawdownReaches(start, new BigDecimal("95000.00"), limit)).isTrue();
        assertThat(Money.drawdownReaches(start, new BigDecimal("94999.99"), limit)).isTrue();
        assertThat(Money.drawdownReaches(start, new BigDecimal("95000.01"), limit)).isFalse();
    }

    @Test
    void decidesWithoutRoundingWhereARoundedPercentageWouldLie() {
        // given a drawdown of 4.99999...%: rounded to scale 4 it shows as 5.0000
        BigDecimal start = new BigDecimal("99999.99");
        BigDecimal equity = new BigDecimal("95000.00");

        // when
        boolean reaches = Money.drawdownReaches(start, equity, new BigDecimal("5"));

        // then
        assertThat(Money.drawdownPct(start, equity)).isEqualTo(new BigDecimal("5.0000"));
        assertThat(reaches).isFalse();
    }

    @Test
    void refusesAPercentageOfANonPositiveWhole() {
        assertThatThrownBy(() -> Money.reachesPercent(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.drawdownPct(new BigDecimal("-1"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
