package com.tradesense.batch.reset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An active challenge with its ledger equity as of the reset day's 00:00Z. */
record ResetCandidate(UUID challengeId, long version, String currency, BigDecimal previousDailyStartEquity,
                      LocalDate previousResetDate, BigDecimal equityAtMidnight) {
}
