package com.tradesense.batch.reports.seal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One link of the ledger's hash chain: the log entries in ({@code fromAppendSeq}, {@code toAppendSeq}] and the
 * chain head after them. {@code sealHash} = SHA-256(previous seal hash bytes ‖ rows hash bytes); the first seal's
 * previous hash is 64 zeros.
 */
public record LedgerSeal(long sealNumber, LocalDate businessDate, long fromAppendSeq, long toAppendSeq,
                         long tradeCount, long eventCount, String previousHash, String rowsHash, String sealHash,
                         String algorithm, Long jobExecutionId, Instant sealedAt) {

    public static final String GENESIS = "0".repeat(64);
    public static final String ALGORITHM = "SHA-256/1";
}
