package com.tradesense.batch.generator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Derives every random stream and id from the settings' seed and the position of what is generated, so that a
 * challenge's data never depends on how many values an earlier challenge drew, on threads or on batch sizes.
 */
final class Seeds {

    static final long USER = 1;
    static final long CHALLENGE = 2;
    static final long CHALLENGE_DAY = 3;
    static final long PAYMENT = 4;
    static final long MARKET = 5;
    static final long EXPORT = 6;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long stream, long... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1));
        for (long part : parts) {
            h = mix(h ^ (part + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(h);
    }

    /** A name-based (version 3) UUID: the same seed and name always give the same id. */
    static UUID uuid(long seed, String kind, long... parts) {
        StringBuilder name = new StringBuilder(48).append("tradesense:").append(seed).append(':').append(kind);
        for (long part : parts) {
            name.append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** 64-bit FNV-1a, stable across JVMs (unlike identity hashes). */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
