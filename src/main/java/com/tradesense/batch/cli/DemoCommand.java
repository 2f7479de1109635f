package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.demo.DemoSummary;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Creates a new database in its own output folder (never an existing one), generates realistic"
                + " data, runs the nightly chain for every generated day and prints a summary.",
                "Embedded SQLite by default; --postgres with --spring.datasource.url=jdbc:postgresql://... creates a new"
                        + " database on that server instead."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-output",
            description = "The folder under which this run's own folder is made (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--challenges", paramLabel = "N", defaultValue = "300", description = "Challenges to generate (default: ${DEFAULT-VALUE}).")
    int challenges;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "Business days of trading, ending yesterday (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GeneratorSettings.DEFAULT_SEED,
            description = "The generator's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serve", description = "When done, start the report download portal on the demo's reports"
            + " (server.port, default 8080) with printed demo logins; stops with Ctrl-C.")
    boolean serve;

    @Option(names = "--postgres", description = "Run on the PostgreSQL server of --spring.datasource.url, in a new database.")
    boolean postgres;

    @Override
    public Integer call() {
        if (challenges < 1 || challenges > 1_000_000) {
            throw new UsageException("--challenges=" + challenges + " must be between 1 and 1000000");
        }
        if (days < 1 || days > 366) {
            throw new UsageException("--days=" + days + " must be between 1 and 366");
        }
        FreshDatabase database = FreshDatabase.create(cli, out, postgres, "demo");
        Path folder = database.folder;
        List<String> settings = new ArrayList<>(database.settings);
        settings.add("--tradesense.reports-folder=" + folder.resolve("reports"));
        settings.add("--tradesense.reconciliation.inbox=" + folder.resolve("inbox"));
        // The demo prints its own progress and summary; per-file log lines would bury them.
        settings.add("--logging.level.com.tradesense=WARN");
        String where = database.description;
        LocalDate today = LocalDate.now(cli.clock().withZone(ZoneOffset.UTC));
        GeneratorSettings data = GeneratorSettings.builder().seed(seed).challenges(challenges).days(days)
                .firstDate(today.minusDays(days)).build();
        cli.out().println("Demo in " + folder + " (database " + where + ")");
        int outcome = cli.withApplication(WebApplicationType.NONE, settings, context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            long started = System.nanoTime();
            cli.out().printf("Generating %d challenges over %d days from %s (seed %d)...%n", challenges, days,
                    data.firstDate(), seed);
            Map<String, Long> counts = DatabaseLoader.load(dataSource, data);
            cli.out().println("Loaded " + counts);
            JobLauncherService launcher = context.getBean(JobLauncherService.class);
            int worst = ExitCodes.COMPLETED;
            for (LocalDate date = data.firstDate(); !date.isAfter(data.lastDate()); date = date.plusDays(1)) {
                java.io.StringWriter said = new java.io.StringWriter();
                int status = launcher.run(new JobRequest(JobNames.NIGHTLY, date, Map.of(), false, false),
                        new java.io.PrintWriter(said, true), cli.err());
                cli.out().printf("  nightly %s: %s%n", date, status == ExitCodes.COMPLETED ? "completed"
                        : status == ExitCodes.NEEDS_ATTENTION ? "completed with findings" : "FAILED (exit " + status + ")");
                if (status == ExitCodes.NEEDS_ATTENTION) {
                    worst = ExitCodes.NEEDS_ATTENTION;
                } else if (status != ExitCodes.COMPLETED) {
                    cli.err().println(said.toString().strip());
                    return status;
                }
            }
            try {
                new DemoSummary(dataSource, context.getBean(Dialect.class)).print(cli.out());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot summarise the demo: " + e.getMessage(), e);
            }
            reconcile(context, data, folder.resolve("inbox"));
            int reports = reports(launcher, data);
            if (reports != ExitCodes.COMPLETED && reports != ExitCodes.NEEDS_ATTENTION) {
                return reports;
            }
            cli.out().println("Reports (audit PDFs, daily audit PDFs, finance workbooks, manifests, reconciliation"
                    + " workbooks and summaries): " + folder.resolve("reports").toAbsolutePath());
            cli.out().printf("Demo finished in %.1f s; everything is in %s%n", (System.nanoTime() - started) / 1e9,
                    folder.toAbsolutePath());
            // Findings are expected in generated data: the demo itself succeeded.
            return worst == ExitCodes.NEEDS_ATTENTION ? ExitCodes.COMPLETED : worst;
        });
        if (serve && (outcome == ExitCodes.COMPLETED || outcome == ExitCodes.NEEDS_ATTENTION)) {
            List<String> portal = new ArrayList<>(settings);
            portal.removeIf(setting -> setting.startsWith("--logging.level.com.tradesense="));
            return PortalServer.serve(cli, portal, true);
        }
        return outcome;
    }


    /** Writes every provider's export for every generated day (with injected discrepancies) and reconciles it. */
    private void reconcile(org.springframework.context.ConfigurableApplicationContext context, GeneratorSettings data,
                           Path inbox) {
        com.tradesense.batch.reconciliation.ReconciliationService reconciliation =
                context.getBean(com.tradesense.batch.reconciliation.ReconciliationService.class);
        com.tradesense.batch.generator.ExportWriter exports = new com.tradesense.batch.generator.ExportWriter(data);
        cli.out().println("Reconciliation against the providers' exports:");
        for (com.tradesense.batch.provider.ProviderSettings provider : data.providers()) {
            long matched = 0;
            long rows = 0;
            java.util.Map<String, Long> breaks = new java.util.TreeMap<>();
            for (LocalDate date = data.firstDate(); !date.isAfter(data.lastDate()); date = date.plusDays(1)) {
                Path file = exports.write(provider, date, inbox);
                var result = reconciliation.reconcile(provider.code(), date, file);
                rows += result.rowsRead();
                matched += result.rowsMatched();
                result.breaksByType().forEach((type, count) -> breaks.merge(type.name(), count, Long::sum));
            }
            cli.out().printf("  %-14s %6d rows, %6d matched, breaks %s%n", provider.code(), rows, matched,
                    breaks.isEmpty() ? "none" : breaks);
        }
    }

    /** Renders the audit and finance reports of every generated day. */
    private int reports(JobLauncherService launcher, GeneratorSettings data) {
        int worst = ExitCodes.COMPLETED;
        for (LocalDate date = data.firstDate(); !date.isAfter(data.lastDate()); date = date.plusDays(1)) {
            java.io.StringWriter said = new java.io.StringWriter();
            int status = launcher.run(new JobRequest(JobNames.AUDIT_REPORT, date, Map.of(), false, false),
                    new java.io.PrintWriter(said, true), new java.io.PrintWriter(said, true));
            if (status == ExitCodes.NEEDS_ATTENTION) {
                worst = status;
            } else if (status != ExitCodes.COMPLETED) {
                cli.err().println("audit-report for " + date + " failed: " + said.toString().strip());
                return status;
            }
        }
        return worst;
    }
}
