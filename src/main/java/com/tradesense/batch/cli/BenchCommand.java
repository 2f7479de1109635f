package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reconciliation.ReconciliationBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Performance measurements on generated data; meant for a scratch database (they leave their data behind). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs a benchmark on generated data.",
        subcommands = {BenchCommand.Reconciliation.class})
final class BenchCommand implements Runnable {

    @ParentCommand
    TradeSenseCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(cli.out());
    }

    @Command(name = "reconciliation", mixinStandardHelpOptions = true,
            description = {"Generates a provider export with about 1% discrepancies of every break type and its ledger,"
                    + " reconciles it and prints rows/s per phase, next to a reference: the file copied into an"
                    + " unlogged table plus one FULL OUTER JOIN producing the same break counts."})
    static final class Reconciliation implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the export (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--work-dir", defaultValue = "./bench", description = "Where the export and reports go.")
        Path workDir;

        @Override
        public Integer call() {
            if (rows < 100) {
                throw new UsageException("--rows must be at least 100");
            }
            return parent.cli.withApplication(WebApplicationType.NONE, context -> {
                ReconciliationBenchmark benchmark = new ReconciliationBenchmark(context.getBean(DataSource.class),
                        context.getBean(Dialect.class), workDir, parent.cli.out());
                return benchmark.run(rows) ? ExitCodes.COMPLETED : ExitCodes.FAILED;
            });
        }
    }
}
