package com.tradesense.batch.pnl;

/**
 * The SQL test for a late arrival: a trade executed before a boundary but appended after a closing's watermark.
 *
 * <p>Asked directly ("is there a trade with a sequence number above the watermark and a time before the boundary?")
 * the database walks the challenge's whole history of trades before the boundary. Counting instead reads only the
 * trades appended after the watermark, twice: all of them, and those executed at or after the boundary. A late trade
 * exists exactly when the first count is larger — and both ranges hold only the trades since the closing, so the
 * test costs what the day costs, not what the history does.
 */
public final class LateTrades {

    private LateTrades() {
    }

    /**
     * A boolean SQL condition over the given challenge-id and watermark expressions; the boundary instant is its one
     * bind parameter.
     */
    public static String condition(String challengeId, String watermark) {
        return ("(SELECT COUNT(*) FROM trades lt WHERE lt.challenge_id = %1$s AND lt.sequence_number > %2$s)"
                + " > (SELECT COUNT(*) FROM trades lt WHERE lt.challenge_id = %1$s AND lt.sequence_number > %2$s"
                + " AND lt.executed_at >= ?)").formatted(challengeId, watermark);
    }
}
