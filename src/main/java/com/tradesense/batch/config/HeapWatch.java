package com.tradesense.batch.config;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every 50 ms while a benchmark runs, for its "peak heap" figure. Summing the memory pools'
 * own peaks would overstate it: each pool peaks at its own moment.
 */
public final class HeapWatch extends Thread {

    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;

    public HeapWatch() {
        super("heap-watch");
        setDaemon(true);
    }

    /** Starts a watch. */
    public static HeapWatch started() {
        HeapWatch watch = new HeapWatch();
        watch.start();
        return watch;
    }

    @Override
    public void run() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while (running) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public void stopWatching() {
        running = false;
    }

    /** The highest used heap seen so far, in bytes. */
    public long peakBytes() {
        return peak.get();
    }
}
