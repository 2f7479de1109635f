package com.tradesense.batch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Creates a new embedded database in its own output folder, generates realistic data, runs the"
                + " nightly chain over several days, reconciles and writes the reports.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Override
    public Integer call() {
        cli.err().println("demo: not implemented yet (it arrives with the end-of-day jobs)");
        return ExitCodes.FAILED;
    }
}
