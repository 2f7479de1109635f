package com.tradesense.batch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the append-only trade ledger, as far as the rules need it. Money fields are brought to scale 2 and
 * quantity and price to scale 8 (the column scales), so figures come out the same whichever engine stored them.
 *
 * @param commission a cost, never negative
 * @param swap signed
 * @param realizedPnl signed, gross (before commission and swap)
 */
public record LedgerTrade(
        UUID id,
        long sequenceNumber,
        Instant executedAt,
        String symbol,
        TradeSide side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal commission,
        BigDecimal swap,
        BigDecimal realizedPnl) {

    /** Replays read trades by business time first; the ledger's append order only breaks ties. */
    public static final Comparator<LedgerTrade> REPLAY_ORDER =
            Comparator.comparing(LedgerTrade::executedAt).thenComparingLong(LedgerTrade::sequenceNumber);

    public static final int QUANTITY_SCALE = 8;

    public LedgerTrade {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        quantity = Objects.requireNonNull(quantity, "quantity").setScale(QUANTITY_SCALE, RoundingMode.HALF_EVEN);
        price = Objects.requireNonNull(price, "price").setScale(QUANTITY_SCALE, RoundingMode.HALF_EVEN);
        commission = Money.of(Objects.requireNonNull(commission, "commission"));
        swap = Money.of(Objects.requireNonNull(swap, "swap"));
        realizedPnl = Money.of(Objects.requireNonNull(realizedPnl, "realizedPnl"));
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity.toPlainString());
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price.toPlainString());
        }
        if (commission.signum() < 0) {
            throw new IllegalArgumentException("commission is a cost and must not be negative, was " + commission);
        }
    }

    /** The trade's effect on equity: realized P&L + swap − commission. */
    public BigDecimal effect() {
        return realizedPnl.add(swap).subtract(commission);
    }

    /** The business date of its execution (never of its arrival in the ledger). */
    public BusinessDate businessDate() {
        return BusinessDate.of(executedAt);
    }

    /** A trade wins when its gross realized P&L is positive. */
    public boolean isWinning() {
        return realizedPnl.signum() > 0;
    }

    public boolean isLosing() {
        return realizedPnl.signum() < 0;
    }
}
