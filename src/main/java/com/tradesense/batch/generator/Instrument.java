package com.tradesense.batch.generator;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tradable symbol with the figures that make generated trades look like a broker's: price level and precision,
 * contract size, lot step and the typical commission.
 *
 * @param typicalMove    a typical absolute relative price move between opening and closing a position
 * @param dailyVolatility the relative standard deviation of the price from one day to the next
 * @param commissionPerLot the round-turn commission per lot in USD; crypto charges a share of the notional instead
 */
record Instrument(String symbol, AssetClass assetClass, double basePrice, int digits, double contractSize,
                  BigDecimal lotStep, BigDecimal minLot, BigDecimal maxLot, double typicalMove, double dailyVolatility,
                  double commissionPerLot) {

    enum AssetClass { FX, INDEX, METAL, CRYPTO }

    /** Markets except crypto close over the (UTC) weekend. */
    boolean tradesAtWeekends() {
        return assetClass == AssetClass.CRYPTO;
    }

    static final List<Instrument> ALL = List.of(
            fx("EURUSD", 1.0850, 5),
            fx("GBPUSD", 1.2700, 5),
            fx("USDJPY", 151.50, 3),
            fx("AUDUSD", 0.6550, 5),
            fx("USDCHF", 0.8800, 5),
            fx("USDCAD", 1.3600, 5),
            fx("EURGBP", 0.8550, 5),
            index("US30", 39_000.0, 1),
            index("NAS100", 18_000.0, 2),
            index("GER40", 18_500.0, 1),
            new Instrument("XAUUSD", AssetClass.METAL, 2_350.0, 2, 100, new BigDecimal("0.01"), new BigDecimal("0.01"),
                    new BigDecimal("20.00"), 0.004, 0.009, 7.0),
            new Instrument("XAGUSD", AssetClass.METAL, 28.0, 3, 5_000, new BigDecimal("0.01"), new BigDecimal("0.01"),
                    new BigDecimal("20.00"), 0.006, 0.015, 7.0),
            new Instrument("BTCUSD", AssetClass.CRYPTO, 65_000.0, 2, 1, new BigDecimal("0.01"), new BigDecimal("0.01"),
                    new BigDecimal("10.00"), 0.012, 0.030, 0.0),
            new Instrument("ETHUSD", AssetClass.CRYPTO, 3_400.0, 2, 1, new BigDecimal("0.01"), new BigDecimal("0.01"),
                    new BigDecimal("100.00"), 0.015, 0.038, 0.0));

    private static Instrument fx(String symbol, double price, int digits) {
        return new Instrument(symbol, AssetClass.FX, price, digits, 100_000, new BigDecimal("0.01"),
                new BigDecimal("0.01"), new BigDecimal("50.00"), 0.0025, 0.005, 7.0);
    }

    private static Instrument index(String symbol, double price, int digits) {
        return new Instrument(symbol, AssetClass.INDEX, price, digits, 1, new BigDecimal("0.1"),
                new BigDecimal("0.1"), new BigDecimal("200.0"), 0.004, 0.010, 0.5);
    }
}
