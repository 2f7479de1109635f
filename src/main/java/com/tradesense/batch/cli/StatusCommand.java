package com.tradesense.batch.cli;

import com.tradesense.batch.scheduling.RunStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the last runs of each job, the executions running now and the failed ones awaiting a"
                + " restart, from Spring Batch's records.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--last", paramLabel = "N", defaultValue = "5", description = "Runs shown per job (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() {
        if (last < 1) {
            throw new UsageException("--last must be at least 1");
        }
        return cli.withApplication(WebApplicationType.NONE, context -> {
            RunStatus status = context.getBean(RunStatus.class);
            PrintWriter out = cli.out();
            out.println("Last runs:");
            print(out, status.lastRuns(last), false);
            out.println();
            out.println("Running:");
            print(out, status.running(), false);
            out.println();
            List<RunStatus.Run> failed = status.awaitingRestart();
            out.println("Failed or stopped, awaiting restart:");
            print(out, failed, true);
            return ExitCodes.COMPLETED;
        });
    }

    private static void print(PrintWriter out, List<RunStatus.Run> runs, boolean restartHint) {
        if (runs.isEmpty()) {
            out.println("  (none)");
            return;
        }
        out.printf("  %-20s %-10s %-9s %6s %-20s %9s %8s %8s %7s  %s%n", "JOB", "DATE", "STATUS", "EXEC", "STARTED (UTC)",
                "DURATION", "READ", "WRITTEN", "SKIPPED", "EXIT");
        for (RunStatus.Run run : runs) {
            Duration duration = run.duration();
            String exit = run.exitCode() == null ? "" : run.exitCode();
            String message = firstLine(run.exitMessage());
            if (!message.isEmpty()) {
                exit = exit + ": " + message;
            }
            out.printf("  %-20s %-10s %-9s %6d %-20s %9s %8d %8d %7d  %s%n", run.job(),
                    run.businessDate() == null ? "-" : run.businessDate(), run.status(), run.executionId(),
                    run.start() == null ? "-" : run.start().truncatedTo(ChronoUnit.SECONDS).toString(),
                    duration == null ? "-" : format(duration), run.read(), run.written(), run.skipped(), exit);
            if (restartHint && run.businessDate() != null && JobNames.find(run.job()) != null) {
                out.println("      restart: run " + run.job() + " --date=" + run.businessDate() + " --restart");
            }
        }
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? duration.toMillis() / 1000.0 + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
