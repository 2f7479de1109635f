package com.tradesense.batch.domain;

import static com.tradesense.batch.domain.LedgerTradeBuilder.aTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTradeTest {

    @Test
    void effectIsRealizedPnlPlusSwapMinusCommission() {
        // given
        LedgerTrade trade = aTrade().pnl("-1200.00").swap("-3.50").commission("7.00").build();

        // when / then
        assertThat(trade.effect()).isEqualTo(new BigDecimal("-1210.50"));
    }

    @Test
    void belongsToTheUtcDateOfItsExecution() {
        assertThat(aTrade().at("2026-03-02T23:59:59.999Z").build().businessDate())
                .isEqualTo(BusinessDate.parse("2026-03-02"));
    }

    @Test
    void replaysByExecutionTimeThenBySequenceNumber() {
        // given a late arrival: a higher sequence number for an earlier execution
        LedgerTrade late = aTrade().at("2026-03-02T09:00:00Z").sequence(30).build();
        LedgerTrade second = aTrade().at("2026-03-02T10:00:00Z").sequence(20).build();
        LedgerTrade first = aTrade().at("2026-03-02T10:00:00Z").sequence(10).build();
        List<LedgerTrade> trades = new ArrayList<>(List.of(first, second, late));

        // when
        trades.sort(LedgerTrade.REPLAY_ORDER);

        // then
        assertThat(trades).containsExactly(late, first, second);
    }

    @Test
    void keepsTheColumnScales() {
        LedgerTrade trade = aTrade().quantity("1.5").price("1.085").pnl("10").build();

        assertThat(trade.quantity().toPlainString()).isEqualTo("1.50000000");
        assertThat(trade.price().toPlainString()).isEqualTo("1.08500000");
        assertThat(trade.realizedPnl().toPlainString()).isEqualTo("10.00");
    }

    @Test
    void rejectsANegativeCommissionOrANonPositiveQuantity() {
        assertThatThrownBy(() -> aTrade().commission("-1").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aTrade().quantity("0").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aTrade().price("0").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
