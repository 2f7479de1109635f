package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GB export is read in constant memory ({@link LargeExportPipelineTest} runs the whole reconciliation over
 * such a file). Heavy: enabled with {@code -Dtradesense.heavy=true} (tag "heavy"), never part of the default run.
 */
@Tag("heavy")
@EnabledIfSystemProperty(named = "tradesense.heavy", matches = "true")
class LargeExportMemoryTest {

    @TempDir
    Path temp;

    @Test
    void aOneGigabyteExportIsReadRowByRowWithoutGrowingTheHeap() throws IOException {
        // given: about 1 GB of generic rows, with an unreadable one every 100,000
        Path file = temp.resolve("MATCH-GENERIC_2026-03-03.csv");
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("provider_trade_id,account,symbol,side,quantity,price,commission,swap,realized_pnl,executed_at,"
                    + "comment\r\n");
            while (Files.size(file) < 1L << 30 || rows % 1000 != 0) {
                for (int i = 0; i < 1000; i++, rows++) {
                    out.write(rows + ",ACC-" + (rows % 5000) + ",EURUSD," + (rows % 2 == 0 ? "BUY" : "SELL") + ","
                            + (rows % 100_000 == 7 ? "n/a" : "1.25") + ",1.08450,3.10,-0.25,12.50,"
                            + "2026-03-03T10:15:30.125Z,\"a comment, quoted, to make rows wider than they need be\"\r\n");
                }
                out.flush();
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        AtomicLong peak = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        var memory = ManagementFactory.getMemoryMXBean();

        // when
        ExportReader.Outcome outcome = new ExportReader(ExportReaderTest.generic()).read(file, row -> {
            if (row.invalid()) {
                invalid.incrementAndGet();
            }
            if (row.line() % 1_000_000 == 0) {
                // What stays reachable, not what the collector has yet to sweep.
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            }
        });

        // then
        assertThat(outcome.rowsRead()).isEqualTo(rows);
        assertThat(invalid.get()).isEqualTo((rows + 99_993) / 100_000);
        assertThat(peak.get() - before).as("heap growth while reading %,d rows", rows).isLessThan(32L << 20);
    }
}
