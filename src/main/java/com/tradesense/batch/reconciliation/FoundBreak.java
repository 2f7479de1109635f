package com.tradesense.batch.reconciliation;

/**
 * A break one run found, before it is merged with the breaks already known. Its identity across runs is
 * {@link #key}: provider, trade id, type and field (a row without a readable trade id is identified by its day and
 * line instead).
 */
record FoundBreak(String key, BreakType type, String providerTradeId, String field, String ledgerValue,
                  String providerValue, Long line, String rawText) {

    static FoundBreak of(String provider, java.time.LocalDate businessDate, BreakType type, String providerTradeId,
                         String field, String ledgerValue, String providerValue, Long line, String rawText) {
        String identity = providerTradeId != null ? "id:" + providerTradeId : "line:" + businessDate + ":" + line;
        String key = provider + "|" + identity + "|" + type + "|" + (field == null ? "" : field);
        return new FoundBreak(key, type, providerTradeId, field, ledgerValue, providerValue, line, rawText);
    }
}
