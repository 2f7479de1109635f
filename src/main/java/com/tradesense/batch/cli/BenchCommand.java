package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.pnl.EodBenchmark;
import com.tradesense.batch.reports.ReportsBenchmark;
import com.tradesense.batch.reports.templates.ReportTemplates;
import java.util.Locale;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on generated data, each in a new database of its own; prints figures and ratios.",
        subcommands = {BenchCommand.Eod.class, BenchCommand.Reports.class, BenchCommand.Reconciliation.class})
final class BenchCommand implements Runnable {

    @ParentCommand
    TradeSenseCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(cli.out());
    }

    @Command(name = "eod", mixinStandardHelpOptions = true,
            description = {"Times daily-pnl and daily-reset for one business date after a history of generated trades,"
                    + " beside a set-based SQL reference doing the same work, and checks that they agree.",
                    "Run with -Xmx512m to check the heap goal. PostgreSQL (default) needs"
                            + " --spring.datasource.url=jdbc:postgresql://...; a new database is created there."})
    static final class Eod implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--challenges", defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
        int challenges;

        @Option(names = "--trades-per-day", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
        double tradesPerDay;

        @Option(names = "--history-days", defaultValue = "30", description = "Days of trading before the measured date. Default: ${DEFAULT-VALUE}.")
        int historyDays;

        @Option(names = "--seed", defaultValue = "" + GeneratorSettings.DEFAULT_SEED, description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--data", paramLabel = "DATABASE",
                description = {"PostgreSQL only: keep the generated data (after the first close) in this database and"
                        + " measure on a copy of it; a later run with the same name and settings skips generation."})
        String data;

        @picocli.CommandLine.Mixin
        Where where;

        @Override
        public Integer call() {
            TradeSenseCli cli = bench.cli;
            List<String> problems = new ArrayList<>();
            if (data != null && !where.engine.equals("postgresql")) {
                problems.add("--data needs --engine=postgresql");
            }
            if (challenges < 1) {
                problems.add("--challenges must be at least 1");
            }
            if (historyDays < 1 || historyDays > 366) {
                problems.add("--history-days must be between 1 and 366");
            }
            if (!(tradesPerDay >= 0 && tradesPerDay <= 20)) {
                problems.add("--trades-per-day must be between 0 and 20");
            }
            where.check(problems);
            if (!problems.isEmpty()) {
                throw new UsageException(String.join("; ", problems));
            }
            // The measured date is the day before yesterday, so that daily-reset of the next day may run.
            LocalDate day = LocalDate.now(cli.clock().withZone(ZoneOffset.UTC)).minusDays(2);
            if (data == null) {
                EodBenchmark.Settings all = settings(day);
                return withBenchmark(cli, where.settings(where.database(cli)), benchmark -> benchmark.run(all));
            }
            FreshDatabase.Named kept = FreshDatabase.named(cli, data);
            if (kept.existed()) {
                day = keptDate(kept);
                cli.out().printf("bench eod: measuring on a copy of %s (%s)%n", data, kept.comment());
            } else {
                EodBenchmark.Settings prepared = settings(day);
                withBenchmark(cli, where.settings(kept.url()), benchmark -> {
                    benchmark.prepare(prepared);
                    return 0;
                });
                FreshDatabase.comment(cli, data, description(day));
            }
            List<String> settings = where.settings(FreshDatabase.create(cli, where.out, true, "bench", data));
            EodBenchmark.Settings measured = settings(day);
            return withBenchmark(cli, settings, benchmark -> benchmark.measure(measured));
        }

        private EodBenchmark.Settings settings(LocalDate day) {
            return new EodBenchmark.Settings(challenges, tradesPerDay, historyDays, seed, day);
        }

        /** What the kept data was generated with; the measured date comes from it, the rest must match. */
        private String description(LocalDate day) {
            return "challenges=" + challenges + " trades-per-day=" + tradesPerDay + " history-days=" + historyDays
                    + " seed=" + seed + " date=" + day;
        }

        private LocalDate keptDate(FreshDatabase.Named kept) {
            String comment = kept.comment() == null ? "" : kept.comment();
            int at = comment.lastIndexOf(" date=");
            LocalDate day;
            try {
                day = at < 0 ? null : LocalDate.parse(comment.substring(at + 6));
            } catch (java.time.format.DateTimeParseException e) {
                day = null;
            }
            if (day == null || !comment.equals(description(day))) {
                throw new UsageException("the database " + data + " holds other data (" + comment
                        + "); give the same settings or another --data name");
            }
            return day;
        }

        private interface Step {
            int apply(EodBenchmark benchmark) throws java.sql.SQLException;
        }

        private static int withBenchmark(TradeSenseCli cli, List<String> settings, Step step) {
            return cli.withApplication(WebApplicationType.NONE, settings, context -> {
                try {
                    return step.apply(new EodBenchmark(context.getBean(DataSource.class), context.getBean(Dialect.class),
                            context.getBean(JobLauncherService.class), cli.out()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }
    }

    @Command(name = "reports", mixinStandardHelpOptions = true,
            description = {"The challenge audit PDF of a large ledger and the finance workbook of many rows, on"
                    + " synthetic data in memory (no database); run with -Xmx512m to check the heap goal."})
    static final class Reports implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--trades", defaultValue = "10000", description = "Trades in the audited challenge. Default: ${DEFAULT-VALUE}.")
        int trades;

        @Option(names = "--events", defaultValue = "12000", description = "Events of the audited challenge. Default: ${DEFAULT-VALUE}.")
        int events;

        @Option(names = "--rows", defaultValue = "1000000", description = "Daily P&L rows of the workbook. Default: ${DEFAULT-VALUE}.")
        long rows;

        @Option(names = "--templates", paramLabel = "DIR", defaultValue = "./reports-templates",
                description = "Report templates folder. Default: ${DEFAULT-VALUE}.")
        Path templates;

        @Override
        public Integer call() throws Exception {
            if (trades < 0 || events < 0 || rows < 0) {
                throw new UsageException("--trades, --events and --rows must not be negative");
            }
            ReportTemplates reportTemplates = new ReportTemplates(templates);
            ReportsBenchmark.PdfFigures pdf = ReportsBenchmark.challengePdf(trades, events, reportTemplates);
            bench.cli.out().println(String.format(Locale.ROOT, "challenge audit PDF: %d trades, %d events: %d ms, %d pages, %d bytes",
                    pdf.trades(), pdf.events(), pdf.millis(), pdf.pages(), pdf.bytes()));
            ReportsBenchmark.WorkbookFigures workbook = ReportsBenchmark.financeWorkbook(rows, reportTemplates);
            bench.cli.out().println(String.format(Locale.ROOT,
                    "finance workbook: %d rows in %d ms = %.0f rows/s, peak heap %d MB (max heap %d MB), %d bytes",
                    workbook.rows(), workbook.millis(), workbook.rowsPerSecond(), workbook.peakHeapBytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, workbook.bytes()));
            return ExitCodes.COMPLETED;
        }
    }

    @Command(name = "reconciliation", mixinStandardHelpOptions = true,
            description = {"Generates a provider export with about 1% discrepancies of every break type and its ledger,"
                    + " reconciles it and prints rows/s for parse+load, match, persist and the workbook, beside a"
                    + " reference: the file bulk-loaded into an unlogged table plus one FULL OUTER JOIN producing the"
                    + " same break counts.",
                    "Run with -Xmx512m to check the heap goal. PostgreSQL (default) needs"
                            + " --spring.datasource.url=jdbc:postgresql://...; a new database is created there."})
    static final class Reconciliation implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the export. Default: ${DEFAULT-VALUE}.")
        int rows;

        @Option(names = "--row-padding", defaultValue = "0", paramLabel = "CHARS",
                description = "Characters of an extra quoted comment column on every export row, which the reader"
                        + " ignores: a larger file from the same ledger. Default: ${DEFAULT-VALUE}.")
        int padding;

        @picocli.CommandLine.Mixin
        Where where;

        @Override
        public Integer call() {
            if (rows < 100) {
                throw new UsageException("--rows must be at least 100");
            }
            if (padding < 0 || padding > 100_000) {
                throw new UsageException("--row-padding must be between 0 and 100000");
            }
            List<String> problems = new ArrayList<>();
            where.check(problems);
            if (!problems.isEmpty()) {
                throw new UsageException(String.join("; ", problems));
            }
            TradeSenseCli cli = bench.cli;
            FreshDatabase database = where.database(cli);
            List<String> settings = where.settings(database);
            return cli.withApplication(WebApplicationType.NONE, settings, context ->
                    new com.tradesense.batch.reconciliation.ReconciliationBenchmark(context.getBean(DataSource.class),
                            context.getBean(Dialect.class), database.folder, cli.out()).run(rows, padding)
                            ? ExitCodes.COMPLETED : ExitCodes.FAILED);
        }
    }

    /** Where a benchmark runs: the engine and the folder of its own new database. */
    static final class Where {

        @Option(names = "--engine", defaultValue = "postgresql", description = "postgresql or sqlite. Default: ${DEFAULT-VALUE}.")
        String engine;

        @Option(names = "--out", defaultValue = "bench-output", description = "Folder for the run's files. Default: ${DEFAULT-VALUE}.")
        Path out;

        void check(List<String> problems) {
            if (!engine.equals("postgresql") && !engine.equals("sqlite")) {
                problems.add("--engine=" + engine + " is not postgresql or sqlite");
            }
        }

        FreshDatabase database(TradeSenseCli cli) {
            return FreshDatabase.create(cli, out, engine.equals("postgresql"), "bench");
        }

        List<String> settings(FreshDatabase database) {
            List<String> settings = new ArrayList<>(database.settings);
            settings.add("--logging.level.com.tradesense=WARN");
            return settings;
        }

        List<String> settings(String postgresUrl) {
            return List.of("--spring.datasource.url=" + postgresUrl, "--logging.level.com.tradesense=WARN");
        }
    }
}
