package com.tradesense.batch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Stays up, fires the jobs on their schedules and serves report downloads.")
final class SchedulerCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Override
    public Integer call() {
        cli.err().println("scheduler: not implemented yet (it arrives with scheduling and operations)");
        return ExitCodes.FAILED;
    }
}
