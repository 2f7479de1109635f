package com.tradesense.batch.reconciliation;

import java.util.ArrayList;
import java.util.List;

/**
 * Spots, while a file streams past, the trade ids that may have been seen before, in memory that does not grow with
 * the file: a Bloom filter, which may take a new id for a repeat but never a repeat for a new id. The suspects it
 * keeps (up to a limit) let the database confirm the true duplicates with a few index lookups instead of grouping
 * every row of the file.
 */
final class RepeatedIds {

    static final int DEFAULT_SUSPECT_LIMIT = 100_000;
    private static final int HASHES = 3;
    private static final long MIN_BITS = 1L << 23;
    private static final long MAX_BITS = 1L << 28;

    private final long[] words;
    private final long bitMask;
    private final int suspectLimit;
    private final List<String> suspects = new ArrayList<>();
    private boolean overflowed;

    /** A filter of about two bits per byte of the file (1 to 32 MB), for files of short rows. */
    static RepeatedIds forFileOfSize(long bytes) {
        return new RepeatedIds(bytes * 2, DEFAULT_SUSPECT_LIMIT);
    }

    RepeatedIds(long bits, int suspectLimit) {
        long size = Long.highestOneBit(Math.max(MIN_BITS, Math.min(MAX_BITS, bits)) * 2 - 1);
        this.words = new long[(int) (size >>> 6)];
        this.bitMask = size - 1;
        this.suspectLimit = suspectLimit;
    }

    /** Records the id; remembers it as a suspect when the filter has (probably) seen it already. */
    void add(String id) {
        long h1 = hash(id, 0x9E3779B97F4A7C15L);
        long h2 = hash(id, 0xC2B2AE3D27D4EB4FL) | 1;
        boolean seen = true;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & bitMask;
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if ((words[word] & mask) == 0) {
                seen = false;
                words[word] |= mask;
            }
        }
        if (seen && !overflowed) {
            if (suspects.size() < suspectLimit) {
                suspects.add(id);
            } else {
                overflowed = true;
                suspects.clear();
            }
        }
    }

    /**
     * Every id added more than once is among these (others may be too), unless {@link #overflowed()}: then too many
     * ids looked repeated to be worth listing.
     */
    List<String> suspects() {
        return suspects;
    }

    boolean overflowed() {
        return overflowed;
    }

    private static long hash(String id, long seed) {
        long h = seed;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        // Final mix so that the low bits depend on every byte.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
