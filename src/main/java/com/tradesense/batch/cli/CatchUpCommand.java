package com.tradesense.batch.cli;

import com.tradesense.batch.nightly.CatchUpService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "catch-up", mixinStandardHelpOptions = true,
        description = "Runs nightly for every business date after the last completed one (or the configured first"
                + " date, tradesense.eod.first-date), in order, up to yesterday or --through, stopping at the first"
                + " failure.")
final class CatchUpCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--through", paramLabel = "YYYY-MM-DD", description = "The last business date to run (default: yesterday).")
    String through;

    @Override
    public Integer call() {
        LocalDate last;
        if (through != null) {
            last = BusinessDateArgument.parse("--through", through);
            BusinessDateArgument.requireEnded("--through", last, cli.clock());
        } else {
            last = LocalDate.now(cli.clock().withZone(ZoneOffset.UTC)).minusDays(1);
        }
        return cli.withApplication(WebApplicationType.NONE,
                context -> context.getBean(CatchUpService.class).catchUp(last, cli.out(), cli.err()));
    }
}
