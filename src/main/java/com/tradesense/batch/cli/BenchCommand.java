package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.pnl.EodBenchmark;
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
        subcommands = {BenchCommand.Eod.class})
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

        @Option(names = "--engine", defaultValue = "postgresql", description = "postgresql or sqlite. Default: ${DEFAULT-VALUE}.")
        String engine;

        @Option(names = "--out", defaultValue = "bench-output", description = "Folder for the run's files. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() {
            TradeSenseCli cli = bench.cli;
            List<String> problems = new ArrayList<>();
            if (challenges < 1) {
                problems.add("--challenges must be at least 1");
            }
            if (historyDays < 1 || historyDays > 366) {
                problems.add("--history-days must be between 1 and 366");
            }
            if (!(tradesPerDay >= 0 && tradesPerDay <= 20)) {
                problems.add("--trades-per-day must be between 0 and 20");
            }
            if (!engine.equals("postgresql") && !engine.equals("sqlite")) {
                problems.add("--engine=" + engine + " is not postgresql or sqlite");
            }
            if (!problems.isEmpty()) {
                throw new UsageException(String.join("; ", problems));
            }
            FreshDatabase database = FreshDatabase.create(cli, out, engine.equals("postgresql"), "bench");
            List<String> settings = new ArrayList<>(database.settings);
            settings.add("--logging.level.com.tradesense=WARN");
            // The measured date is the day before yesterday, so that daily-reset of the next day may run.
            LocalDate day = LocalDate.now(cli.clock().withZone(ZoneOffset.UTC)).minusDays(2);
            return cli.withApplication(WebApplicationType.NONE, settings, context -> {
                try {
                    return new EodBenchmark(context.getBean(DataSource.class), context.getBean(Dialect.class),
                            context.getBean(JobLauncherService.class), cli.out())
                            .run(new EodBenchmark.Settings(challenges, tradesPerDay, historyDays, seed, day));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }
    }
}
