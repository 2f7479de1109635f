package com.tradesense.batch.cli;

import com.tradesense.batch.scheduling.MetadataPurge;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Removes Spring Batch and Quartz bookkeeping older than --older-than (default"
                + " tradesense.purge.older-than, P90D). Financial tables are never touched.",
                "Kept: failed or stopped runs awaiting restart, running ones, and the newest completed date of each job."})
final class PurgeCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--older-than", paramLabel = "DURATION", description = "An ISO-8601 duration such as P90D or P30DT12H.")
    String olderThan;

    @Override
    public Integer call() {
        Duration age = null;
        if (olderThan != null) {
            try {
                age = Duration.parse(olderThan);
            } catch (DateTimeParseException e) {
                throw new UsageException("--older-than '" + olderThan + "' is not an ISO-8601 duration such as P90D");
            }
            if (age.isNegative() || age.isZero()) {
                throw new UsageException("--older-than must be positive");
            }
        }
        Duration chosen = age;
        return cli.withApplication(WebApplicationType.NONE, context -> {
            Duration effective = chosen != null ? chosen
                    : context.getEnvironment().getProperty("tradesense.purge.older-than", Duration.class, Duration.ofDays(90));
            context.getBean(MetadataPurge.class).purge(cli.clock().instant().minus(effective), cli.out());
            return ExitCodes.COMPLETED;
        });
    }
}
