package com.tradesense.batch.pnl;

import com.tradesense.batch.domain.LedgerTrade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Everything the fast path needs about one challenge of a chunk, read with one statement per kind for the chunk. */
final class ChunkState {

    ChallengeSnapshot challenge;
    DailyClosing previous;
    DailyClosing today;
    boolean lateTrade;
    final List<LedgerTrade> trades = new ArrayList<>();
    boolean hasTradesBeforeDay;
    long watermark;
    boolean laterClosings;
    final List<DailyClosing> history = new ArrayList<>();
    BigDecimal laterEffect = BigDecimal.ZERO;
    long lastEventSequence;
}
