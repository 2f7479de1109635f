package com.tradesense.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} and {@code bench eod} end to end on small data, on the embedded database. */
class DemoAndBenchCommandTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TradeSenseCli.execute(args, NOW, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void demoMakesANewDatabaseInItsOwnFolderEveryTimeAndPrintsASummary(@TempDir Path out) throws Exception {
        // when
        Outcome first = run("demo", "--out=" + out, "--challenges=40", "--days=3");
        Outcome second = run("demo", "--out=" + out, "--challenges=40", "--days=3");

        // then
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("Challenges by status:", "Risk alerts by type:", "Total net P&L",
                "nightly 2026-03-07", "nightly 2026-03-09");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(first.out()).contains("Reconciliation against the providers' exports:", "reconciliation workbooks")
                .containsPattern("  MT5-LIVE-1 +[0-9]+ rows, +[0-9]+ matched, breaks (\\{|none)")
                .containsPattern("  CTRADER-EU +[0-9]+ rows, +[0-9]+ matched, breaks (\\{|none)")
                .containsPattern("  MATCH-GENERIC +[0-9]+ rows, +[0-9]+ matched, breaks (\\{|none)");
        try (Stream<Path> runs = Files.list(out)) {
            List<Path> folders = runs.toList();
            assertThat(folders).hasSize(2);
            assertThat(folders).allMatch(folder -> Files.exists(folder.resolve("tradesense.db")));
            for (String report : List.of("RECONCILIATION_WORKBOOK", "RECONCILIATION_SUMMARY")) {
                try (Stream<Path> files = Files.walk(folders.get(0))) {
                    assertThat(files.filter(f -> f.getParent().getFileName().toString().equals(report)))
                            .as(report + " files of every provider").hasSizeGreaterThanOrEqualTo(3);
                }
            }
        }
        // the same seed gives the same summary
        assertThat(second.out().lines().filter(line -> line.startsWith("  ")).toList())
                .isEqualTo(first.out().lines().filter(line -> line.startsWith("  ")).toList());
    }

    @Test
    void benchEodPrintsTheTableAndAgreesWithTheReference(@TempDir Path out) {
        // when
        Outcome outcome = run("bench", "eod", "--engine=sqlite", "--challenges=40", "--history-days=2",
                "--trades-per-day=3", "--out=" + out);

        // then
        assertThat(outcome.status()).as(outcome.err() + outcome.out()).isZero();
        assertThat(outcome.out()).contains("rows/s", "reference s", "ratio", "daily-pnl", "daily-reset", "agreement:")
                .contains("peak heap used");
    }

    @Test
    void benchReconciliationPrintsEveryPhaseAndAgreesWithTheReference(@TempDir Path out) {
        // when
        Outcome outcome = run("bench", "reconciliation", "--engine=sqlite", "--rows=2000", "--out=" + out);

        // then
        assertThat(outcome.status()).as(outcome.err() + outcome.out()).isZero();
        assertThat(outcome.out()).contains("| parse + load |", "| match |", "| persist |",
                "| parse + load + match + persist |", "| workbook + PDF (on its own) |",
                "| reference: bulk load + FULL OUTER JOIN |", "ratio to reference:", "peak heap used",
                "break counts agree");
    }

    @Test
    void benchRefusesAnUnknownEngine(@TempDir Path out) {
        Outcome outcome = run("bench", "eod", "--engine=oracle", "--out=" + out);
        assertThat(outcome.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err()).contains("--engine=oracle");
    }
}
