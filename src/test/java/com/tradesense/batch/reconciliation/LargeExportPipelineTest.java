package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GB export goes through the whole run (load, match, persist, workbook and PDF) in a JVM whose heap is a quarter
 * of the file. Heavy: enabled with {@code -Dtradesense.heavy=true} (tag "heavy"), never part of the default run.
 */
@Tag("heavy")
@EnabledIfSystemProperty(named = "tradesense.heavy", matches = "true")
class LargeExportPipelineTest {

    private static final Pattern EXPORT_BYTES = Pattern.compile("export: ([0-9,]+) bytes");
    private static final Pattern PEAK_HEAP = Pattern.compile("peak heap used: ([0-9,]+) MB \\(max ([0-9,]+) MB\\)");

    @TempDir
    Path temp;

    @Test
    void aOneGigabyteExportIsReconciledEndToEndWithinAQuarterGigabyteOfHeap() throws Exception {
        // given: 250,000 ledger trades whose export rows carry a 4,300-character comment (the reader ignores it)
        List<String> command = List.of("bench", "reconciliation", "--engine=sqlite", "--rows=250000",
                "--row-padding=4300", "--out=" + temp.resolve("bench"));

        // when: the benchmark command reconciles the file in a JVM of 256 MB heap
        String output;
        try (ChildProcess child = ChildProcess.start(temp.resolve("bench.log"), 256, command)) {
            assertThat(child.process().waitFor(15, TimeUnit.MINUTES)).as("finished within 15 minutes").isTrue();
            output = child.output();
            assertThat(child.process().exitValue()).as(output).isZero();
        }

        // then
        Matcher bytes = EXPORT_BYTES.matcher(output);
        assertThat(bytes.find()).as(output).isTrue();
        assertThat(Long.parseLong(bytes.group(1).replace(",", ""))).isGreaterThan(1L << 30);
        assertThat(output).contains("engine SQLITE, 250,000 rows, 2,500 breaks, 247,500 matched")
                .contains("break counts agree");
        Matcher heap = PEAK_HEAP.matcher(output);
        assertThat(heap.find()).as(output).isTrue();
        assertThat(Long.parseLong(heap.group(2).replace(",", ""))).as("the child's heap limit").isLessThanOrEqualTo(256);
    }
}
