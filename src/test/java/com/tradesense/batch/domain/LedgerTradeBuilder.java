package com.tradesense.batch.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger trades for tests. Without an explicit sequence number each trade gets the next one, so the append order
 * follows the order the test builds them in.
 */
public final class LedgerTradeBuilder {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private UUID id = UUID.randomUUID();
    private long sequenceNumber = SEQUENCE.incrementAndGet();
    private Instant executedAt = Instant.parse("2026-03-02T10:00:00Z");
    private String symbol = "EURUSD";
    private TradeSide side = TradeSide.BUY;
    private String quantity = "1";
    private String price = "1.08500";
    private String commission = "0";
    private String swap = "0";
    private String pnl = "0";

    private LedgerTradeBuilder() {
    }

    public static LedgerTradeBuilder aTrade() {
        return new LedgerTradeBuilder();
    }

    public LedgerTradeBuilder at(String instant) {
        this.executedAt = Instant.parse(instant);
        return this;
    }

    public LedgerTradeBuilder at(Instant instant) {
        this.executedAt = instant;
        return this;
    }

    public LedgerTradeBuilder sequence(long sequenceNumber) {
        this.sequenceNumber = sequenceNumber;
        return this;
    }

    public LedgerTradeBuilder id(UUID id) {
        this.id = id;
        return this;
    }

    public LedgerTradeBuilder symbol(String symbol) {
        this.symbol = symbol;
        return this;
    }

    public LedgerTradeBuilder side(TradeSide side) {
        this.side = side;
        return this;
    }

    public LedgerTradeBuilder quantity(String quantity) {
        this.quantity = quantity;
        return this;
    }

    public LedgerTradeBuilder price(String price) {
        this.price = price;
        return this;
    }

    public LedgerTradeBuilder pnl(String realizedPnl) {
        this.pnl = realizedPnl;
        return this;
    }

    public LedgerTradeBuilder commission(String commission) {
        this.commission = commission;
        return this;
    }

    public LedgerTradeBuilder swap(String swap) {
        this.swap = swap;
        return this;
    }

    public LedgerTrade build() {
        return new LedgerTrade(id, sequenceNumber, executedAt, symbol, side, Money.parseDecimal(quantity),
                Money.parseDecimal(price), Money.parse(commission), Money.parse(swap), Money.parse(pnl));
    }
}
