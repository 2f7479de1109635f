package com.tradesense.batch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Creates or upgrades the schema and exits. A database installed from a canonical schema file is"
                + " recognised as being at that file's version.",
                "Without --spring.datasource.url the embedded SQLite file (tradesense.database.sqlite-file) is used."})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Override
    public Integer call() {
        cli.err().println("migrate: not wired yet");
        return ExitCodes.FAILED;
    }
}
