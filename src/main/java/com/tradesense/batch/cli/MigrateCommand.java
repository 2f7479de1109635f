package com.tradesense.batch.cli;

import com.tradesense.batch.db.Migrations;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
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
        return cli.withApplication(WebApplicationType.NONE, java.util.List.of("--tradesense.database.migrate-on-start=false"),
                context -> {
            Migrations.Result result = Migrations.migrate(context.getBean(DataSource.class));
            if (result.baselineVersion() != null) {
                cli.out().println("Recognised a schema installed from the canonical file at version " + result.baselineVersion());
            }
            if (result.appliedVersions().isEmpty()) {
                cli.out().println("Schema is up to date at version " + result.currentVersion() + "; nothing to apply");
            } else {
                cli.out().println("Applied " + String.join(", ", result.appliedVersions()) + "; schema is at version "
                        + result.currentVersion());
            }
            return ExitCodes.COMPLETED;
        });
    }
}
