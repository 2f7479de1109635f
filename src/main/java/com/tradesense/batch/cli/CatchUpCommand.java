package com.tradesense.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "catch-up", mixinStandardHelpOptions = true,
        description = "Runs nightly for every business date after the last completed one (or the configured first"
                + " date), in order, up to yesterday or --through, stopping at the first failure.")
final class CatchUpCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--through", paramLabel = "YYYY-MM-DD", description = "The last business date to run (default: yesterday).")
    String through;

    @Override
    public Integer call() {
        if (through != null) {
            LocalDate last = BusinessDateArgument.parse("--through", through);
            BusinessDateArgument.requireEnded("--through", last, cli.clock());
        }
        cli.err().println("catch-up: not implemented yet (it arrives with the end-of-day jobs)");
        return ExitCodes.FAILED;
    }
}
