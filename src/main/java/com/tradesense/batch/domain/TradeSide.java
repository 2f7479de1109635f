package com.tradesense.batch.domain;

/** {@code trades.side}. */
public enum TradeSide {
    BUY,
    SELL
}
