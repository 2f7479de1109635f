package com.tradesense.batch.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one job for one business date.",
                "A date already completed exits 0 saying so, except daily-pnl (which restates when the ledger changed)"
                        + " and --rerun (which forces a new run).",
                "Exit status: 0 completed, 1 failed, 2 bad arguments or input, 3 another run of the same job and date"
                        + " is in progress, 4 completed with findings that need a person."})
final class RunCommand implements Callable<Integer> {

    private static final Pattern PARAMETER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*=.*");

    @ParentCommand
    TradeSenseCli cli;

    @Parameters(index = "0", paramLabel = "<job>", description = "One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = JobNameCandidates.class)
    String job;

    @Parameters(index = "1..*", paramLabel = "key=value", description = "Job parameters, e.g. provider=MT5-LIVE-1 file=/inbox/x.csv")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The business date (a UTC day that has ended).")
    String date;

    @Option(names = "--rerun", description = "Force a new run of a completed date (reports get a new version).")
    boolean rerun;

    @Option(names = "--restart", description = "Restart the failed execution of this job and date from where it stopped.")
    boolean restart;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0",
            description = "Restart a failed run up to N times, waiting --retry-backoff, doubled each time.")
    int retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "The first wait before a retry, ISO-8601 (default: ${DEFAULT-VALUE}).")
    String retryBackoff;

    @Override
    public Integer call() {
        JobRequest request = validate();
        Duration backoff = backoff();
        return cli.withApplication(org.springframework.boot.WebApplicationType.NONE, context -> {
            JobLauncherService launcher = context.getBean(JobLauncherService.class);
            for (int attempt = 1; ; attempt++) {
                int status = launcher.run(request, cli.out(), cli.err());
                if (status != ExitCodes.FAILED || attempt > retries) {
                    return status;
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
                cli.err().println("run: attempt " + attempt + " of " + (retries + 1) + " failed; restarting in " + wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return status;
                }
            }
        });
    }

    private Duration backoff() {
        try {
            Duration duration = Duration.parse(retryBackoff);
            if (!duration.isNegative() && !duration.isZero() && retries >= 0 && retries <= 20) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new UsageException("--retries must be 0 to 20 and --retry-backoff a positive ISO-8601 duration such as"
                + " PT1M (got " + retries + ", '" + retryBackoff + "')");
    }

    JobRequest validate() {
        List<String> problems = new ArrayList<>();
        JobNames known = JobNames.find(job);
        if (known == null) {
            problems.add("unknown job '" + job + "' (known: " + String.join(", ", JobNames.names()) + ")");
        }
        LocalDate businessDate = null;
        try {
            businessDate = BusinessDateArgument.parse("--date", date);
            BusinessDateArgument.requireEnded("--date", businessDate, cli.clock());
        } catch (UsageException e) {
            problems.add(e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String parameter : parameters) {
            if (!PARAMETER.matcher(parameter).matches()) {
                problems.add("job parameter '" + parameter + "' is not of the form key=value");
                continue;
            }
            int eq = parameter.indexOf('=');
            values.put(parameter.substring(0, eq), parameter.substring(eq + 1));
        }
        if (rerun && restart) {
            problems.add("--rerun and --restart cannot be combined");
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return new JobRequest(known, businessDate, values, rerun, restart);
    }

    static final class JobNameCandidates extends ArrayList<String> {
        JobNameCandidates() {
            super(JobNames.names());
        }
    }
}
