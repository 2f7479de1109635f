package com.tradesense.batch.pnl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the challenges into {@code gridSize} ranges of the id space. UUIDs order the same way as uuid values on
 * PostgreSQL and as lowercase text on SQLite, so each range is {@code from <= id < to} on both engines. The ranges
 * depend only on the grid size, so a restarted partition reads exactly the challenges it read before; the same
 * ranges could be handed to remote workers.
 */
public final class ChallengeRangePartitioner implements Partitioner {

    public static final String FROM = "challenge.id.from";
    public static final String TO = "challenge.id.to";

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int grid = Math.max(1, gridSize);
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        String from = null;
        for (int i = 1; i <= grid; i++) {
            String to = i == grid ? null : boundary(i, grid).toString();
            ExecutionContext context = new ExecutionContext();
            if (from != null) {
                context.putString(FROM, from);
            }
            if (to != null) {
                context.putString(TO, to);
            }
            partitions.put("range-" + i + "-of-" + grid, context);
            from = to;
        }
        return partitions;
    }

    /** The i-th of {@code grid} equal steps through the unsigned 64-bit high half of the id space. */
    static UUID boundary(int i, int grid) {
        long step = Long.divideUnsigned(-1L, grid);
        return new UUID(step * i, 0L);
    }
}
