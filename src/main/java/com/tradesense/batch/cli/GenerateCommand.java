package com.tradesense.batch.cli;

import com.tradesense.batch.generator.CsvTableSink;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.ExportSink;
import com.tradesense.batch.generator.GeneratedChallenge;
import com.tradesense.batch.generator.GeneratedPayment;
import com.tradesense.batch.generator.GeneratedTrade;
import com.tradesense.batch.generator.GeneratedUser;
import com.tradesense.batch.generator.GenerationSink;
import com.tradesense.batch.generator.Generator;
import com.tradesense.batch.generator.GeneratorSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates a realistic, reproducible data set: users, challenges, payments and trades, and the"
                + " trading servers' daily export files with injected breaks.",
                "The same options always give the same rows and files. --out writes tables/<table>.csv and"
                        + " exports/<server>/<server>_<date>.csv with their .expected.csv manifests; --load inserts the"
                        + " rows into the configured database (schema migrated first unless"
                        + " --tradesense.database.migrate-on-start=false). At least one of them is needed.",
                "Exit status: 0 done, 1 failed (e.g. the database already holds rows of the same seed),"
                        + " 2 bad arguments."})
final class GenerateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GenerateCommand.class);
    static final int PROGRESS_EVERY_CHALLENGES = 1_000;

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--challenges", paramLabel = "N", defaultValue = "200",
            description = "How many challenges (users get 1-3 each). Default: ${DEFAULT-VALUE}.")
    int challenges;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "How many consecutive business dates get trades. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--first-date", paramLabel = "YYYY-MM-DD",
            description = "The first generated business date. Default: so that the last generated date is yesterday"
                    + " (UTC), the latest day that has ended.")
    String firstDate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GeneratorSettings.DEFAULT_SEED,
            description = "The root of all randomness. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--trades-per-day", paramLabel = "X",
            defaultValue = "" + GeneratorSettings.DEFAULT_TRADES_PER_CHALLENGE_PER_DAY,
            description = "Average trades of an active challenge on a weekday, 0 to 20. Default: ${DEFAULT-VALUE}.")
    double tradesPerDay;

    @Option(names = "--discrepancy-rate", paramLabel = "SHARE",
            defaultValue = "" + GeneratorSettings.DEFAULT_DISCREPANCY_RATE,
            description = "Share of export rows carrying an injected break, from 0 to 1 less the share of"
                    + " within-tolerance noise (" + GeneratorSettings.DEFAULT_TOLERATED_NOISE_RATE + ")."
                    + " Default: ${DEFAULT-VALUE}.")
    double discrepancyRate;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the table CSVs and the export files here.")
    Path out;

    @Option(names = "--load", description = "Load the rows into the configured database.")
    boolean load;

    @Override
    public Integer call() {
        GeneratorSettings settings = validate();
        if (!load) {
            Map<String, Long> counts = generate(settings, null);
            report(settings, counts);
            return ExitCodes.COMPLETED;
        }
        return cli.withApplication(WebApplicationType.NONE, context -> {
            Map<String, Long> counts = generate(settings, context.getBean(DataSource.class));
            report(settings, counts);
            return ExitCodes.COMPLETED;
        });
    }

    GeneratorSettings validate() {
        List<String> problems = new ArrayList<>();
        if (challenges < 1 || challenges > 100_000_000) {
            problems.add("--challenges=" + challenges + " must be between 1 and 100000000");
        }
        if (days < 1 || days > 3_660) {
            problems.add("--days=" + days + " must be between 1 and 3660");
        }
        LocalDate first = null;
        if (firstDate != null) {
            try {
                first = BusinessDateArgument.parse("--first-date", firstDate);
            } catch (UsageException e) {
                problems.add(e.getMessage());
            }
        } else if (days >= 1) {
            // The clock is read here only: the generated period ends with the latest business date that has ended.
            first = LocalDate.now(cli.clock().withZone(ZoneOffset.UTC)).minusDays(days);
        }
        if (!(tradesPerDay >= 0 && tradesPerDay <= 20)) {
            problems.add("--trades-per-day=" + tradesPerDay + " must be between 0 and 20");
        }
        double noise = GeneratorSettings.DEFAULT_TOLERATED_NOISE_RATE;
        if (!(discrepancyRate >= 0 && discrepancyRate + noise <= 1)) {
            problems.add("--discrepancy-rate=" + discrepancyRate + " must be between 0 and " + (1 - noise)
                    + " (the rest of the rows carry within-tolerance noise)");
        }
        if (out == null && !load) {
            problems.add("nothing to do: give --out DIR, --load or both");
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return GeneratorSettings.builder().seed(seed).challenges(challenges).days(days).firstDate(first)
                .tradesPerChallengePerDay(tradesPerDay).discrepancyRate(discrepancyRate).build();
    }

    private Map<String, Long> generate(GeneratorSettings settings, DataSource dataSource) {
        log.info("Generating {} challenges over {} days from {} (seed {}){}{}", settings.challenges(),
                settings.days(), settings.firstDate(), settings.seed(), out == null ? "" : " into " + out,
                dataSource == null ? "" : " and loading them into the database");
        List<GenerationSink> sinks = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        Connection connection = null;
        try {
            CountingSink counter = new CountingSink(settings.challenges());
            sinks.add(counter);
            if (out != null) {
                CsvTableSink tables = new CsvTableSink(out.resolve("tables"));
                closeables.add(tables);
                sinks.add(tables);
                ExportSink exports = new ExportSink(settings, out.resolve("exports"));
                closeables.add(exports);
                sinks.add(exports);
            }
            DatabaseLoader loader = null;
            if (dataSource != null) {
                connection = dataSource.getConnection();
                loader = new DatabaseLoader(connection);
                closeables.add(loader);
                sinks.add(loader);
            }
            Generator.generate(settings, GenerationSink.all(sinks.toArray(GenerationSink[]::new)));
            return loader != null ? loader.rowCounts() : counter.counts();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        } finally {
            closeAll(closeables, connection);
        }
    }

    private static void closeAll(List<AutoCloseable> closeables, Connection connection) {
        RuntimeException failure = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            AutoCloseable closeable = closeables.get(i);
            try {
                closeable.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("Cannot close " + closeable, e) : failure;
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = failure == null ? new IllegalStateException("Cannot close the connection", e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void report(GeneratorSettings settings, Map<String, Long> counts) {
        StringBuilder line = new StringBuilder("Generated ");
        counts.forEach((table, count) -> line.append(count).append(' ').append(table).append(", "));
        line.setLength(line.length() - 2);
        line.append(" for ").append(settings.firstDate()).append(" to ").append(settings.lastDate());
        if (load) {
            line.append("; loaded into the database");
        }
        if (out != null) {
            line.append("; files in ").append(out.toAbsolutePath());
        }
        cli.out().println(line);
    }

    /** Counts rows per table and logs a progress line every {@value #PROGRESS_EVERY_CHALLENGES} challenges. */
    private static final class CountingSink implements GenerationSink {

        private final int total;
        private final long startNanos = System.nanoTime();
        private long users;
        private long challenges;
        private long payments;
        private long trades;

        CountingSink(int total) {
            this.total = total;
        }

        @Override
        public void user(GeneratedUser user) {
            users++;
        }

        @Override
        public void challenge(GeneratedChallenge challenge) {
            // The line is logged when the next challenge starts, so the previous one's rows are all counted.
            if (challenges > 0 && challenges % PROGRESS_EVERY_CHALLENGES == 0) {
                progress();
            }
            challenges++;
        }

        @Override
        public void payment(GeneratedPayment payment) {
            payments++;
        }

        @Override
        public void trade(GeneratedTrade trade) {
            trades++;
        }

        @Override
        public void finish() {
            progress();
        }

        private void progress() {
            long millis = (System.nanoTime() - startNanos) / 1_000_000L;
            log.info("{}/{} challenges ({} users, {} payments, {} trades) after {}.{} s", challenges, total, users,
                    payments, trades, millis / 1_000, String.format(Locale.ROOT, "%03d", millis % 1_000));
        }

        Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("users", users);
            counts.put("challenges", challenges);
            counts.put("payments", payments);
            counts.put("trades", trades);
            return counts;
        }
    }
}
