package com.tradesense.batch.cli;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Runs the whole end-of-day chain for one business date: daily-pnl, challenge-expiry, then"
                + " daily-reset of the next day. A restart resumes where a failed chain stopped.")
final class NightlyCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The business date (a UTC day that has ended).")
    String date;

    @Override
    public Integer call() {
        LocalDate businessDate = BusinessDateArgument.parse("--date", date);
        BusinessDateArgument.requireEnded("--date", businessDate, cli.clock());
        JobRequest request = new JobRequest(JobNames.NIGHTLY, businessDate, Map.of(), false, false);
        return cli.withApplication(WebApplicationType.NONE,
                context -> context.getBean(JobLauncherService.class).run(request, cli.out(), cli.err()));
    }
}
