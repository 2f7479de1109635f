package com.tradesense.batch.reconciliation;

/**
 * A break one run found, before it is merged with the breaks already known. Its identity across runs is
 * {@link #key}: provider, trade id, type and field (a row without a readable trade id is identified by its day and
 * line instead).
 *
 * <p>One file may hold several unreadable rows of one trade id failing on the same field, or an id three times or
 * more; each such row is a break of its own. Such a row's key carries its line; once the run has found them all, the
 * earliest row of each identity takes the plain key ({@link #identity}), so that the usual case keeps the identity
 * of CONTRACT §5 and only the further rows are told apart by their line.
 */
record FoundBreak(String key, String identity, BreakType type, String providerTradeId, String field,
                  String ledgerValue, String providerValue, Long line, String rawText) {

    static FoundBreak of(String provider, java.time.LocalDate businessDate, BreakType type, String providerTradeId,
                         String field, String ledgerValue, String providerValue, Long line, String rawText) {
        String id = providerTradeId != null ? "id:" + providerTradeId : "line:" + businessDate + ":" + line;
        String identity = provider + "|" + id + "|" + type + "|" + (field == null ? "" : field);
        boolean perRow = providerTradeId != null && line != null
                && (type == BreakType.INVALID_ROW || type == BreakType.DUPLICATE_IN_EXPORT);
        String key = perRow ? identity + "|line:" + line : identity;
        return new FoundBreak(key, identity, type, providerTradeId, field, ledgerValue, providerValue, line, rawText);
    }
}
