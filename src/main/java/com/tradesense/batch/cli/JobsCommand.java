package com.tradesense.batch.cli;

import com.tradesense.batch.scheduling.JobSchedule;
import com.tradesense.batch.scheduling.JobScheduleException;
import com.tradesense.batch.scheduling.JobSchedules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists the jobs and their schedules (built-in defaults, replaced by the files of the jobs folder),"
                + " with the next fire times.")
final class JobsCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "jobs",
            description = "The schedules folder (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--next", paramLabel = "N", defaultValue = "2", description = "How many next fire times to show.")
    int next;

    @Override
    public Integer call() {
        Map<String, JobSchedule> schedules;
        try {
            schedules = JobSchedules.load(folder);
        } catch (JobScheduleException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = cli.out();
        out.println("Jobs:");
        for (JobNames job : JobNames.values()) {
            out.printf("  %-22s %s%n", job.jobName(), job.description());
        }
        out.println();
        out.println("Schedules (" + folder + "):");
        Instant now = cli.clock().instant();
        for (JobSchedule schedule : schedules.values()) {
            out.printf("  %-36s %-22s cron '%s' %s%s%n", schedule.id(), schedule.job(), schedule.cron(), schedule.zone(),
                    schedule.enabled() ? "" : "  (disabled)");
            if (!schedule.parameters().isEmpty()) {
                out.println("      parameters: " + schedule.parameters());
            }
            if (schedule.waitsFor() != null) {
                out.println("      waits for: inbox/" + schedule.waitsFor().file() + " (every " + schedule.waitsFor().poll()
                        + ", until " + schedule.waitsFor().deadline() + " after the fire, then NO_DATA and an alert)");
            }
            if (schedule.retries() > 0) {
                out.println("      retries: " + schedule.retries() + ", backoff " + schedule.retryBackoff() + " doubling");
            }
            Instant fire = now;
            for (int i = 0; i < next && schedule.enabled(); i++) {
                fire = schedule.nextFireAfter(fire);
                if (fire == null) {
                    break;
                }
                out.println("      next: " + fire + "  business date " + schedule.businessDate().dateOf(fire, schedule.zone()));
            }
        }
        return ExitCodes.COMPLETED;
    }
}
