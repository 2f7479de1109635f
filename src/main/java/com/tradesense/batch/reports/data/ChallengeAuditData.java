package com.tradesense.batch.reports.data;

import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.reports.seal.LedgerSeal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Everything the challenge audit report shows, read in one go. Trades are in replay order, events in sequence order. */
public record ChallengeAuditData(Challenge challenge, List<Event> events, List<LedgerTrade> trades,
                                 Optional<LedgerSeal> seal) {

    public record Challenge(UUID id, UUID userId, String email, String status, String failureReason,
                            ChallengeRules rules, BigDecimal currentEquity, BigDecimal maxEquityEver,
                            BigDecimal dailyStartEquity, String currency, String provider, String providerAccountId,
                            Instant createdAt, Instant startedAt, Instant endedAt) {
    }

    /** An event with its payload parsed into texts (amounts stay exact decimal strings). */
    public record Event(UUID id, long sequenceNumber, String type, Instant occurredAt, String description,
                        Map<String, Object> data) {

        public String dataText(String key) {
            Object value = data.get(key);
            return value == null ? null : String.valueOf(value);
        }

        public BigDecimal dataDecimal(String key) {
            String text = dataText(key);
            if (text == null) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
