package com.tradesense.batch.cli;

import com.tradesense.batch.TradeSenseBatchApplication;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.db.RunLock;
import com.tradesense.batch.scheduling.JobScheduleException;
import com.tradesense.batch.scheduling.JobSchedules;
import com.tradesense.batch.scheduling.SchedulerRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the scheduler's application context: checks the schedules first (a malformed {@code jobs/} file stops
 * start-up, exit 2), then on PostgreSQL configures Quartz's clustered JDBC store, and on SQLite the in-memory store
 * guarded by a lock file so that a second scheduler on the same database file refuses to start (exit 3).
 */
public final class SchedulerLauncher {

    /** A started scheduler, or why it did not start. */
    public record Started(ConfigurableApplicationContext context, int exitCode) {
    }

    private SchedulerLauncher() {
    }

    public static Started start(List<String> springArguments, Clock clock, PrintWriter out, PrintWriter err) {
        Path jobsFolder = Path.of(setting(springArguments, "tradesense.jobs-folder", "./jobs"));
        try {
            JobSchedules.load(jobsFolder);
        } catch (JobScheduleException e) {
            err.println("scheduler: cannot start: " + e.getMessage());
            return new Started(null, ExitCodes.BAD_INPUT);
        }
        String url = setting(springArguments, "spring.datasource.url", "");
        String sqliteFile = setting(springArguments, "tradesense.database.sqlite-file", "./tradesense.db");
        Dialect.Engine engine = url.isEmpty() ? Dialect.Engine.SQLITE : Dialect.fromUrl(url).engine();
        List<String> arguments = new ArrayList<>(springArguments);
        arguments.add("--tradesense.scheduler.mode=true");
        arguments.add("--spring.main.web-application-type=servlet");
        arguments.add("--tradesense.progress.mode=log");
        arguments.add("--spring.quartz.wait-for-jobs-to-complete-on-shutdown=true");
        RunLock schedulerLock = null;
        if (engine == Dialect.Engine.POSTGRESQL) {
            String quartz = "--spring.quartz.properties.org.quartz.";
            arguments.add("--spring.quartz.job-store-type=jdbc");
            arguments.add("--spring.quartz.scheduler-name=tradesense");
            arguments.add(quartz + "scheduler.instanceId=AUTO");
            arguments.add(quartz + "jobStore.isClustered=true");
            arguments.add(quartz + "jobStore.driverDelegateClass=org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            if (setting(springArguments, "tradesense.database.pool-size", "").isEmpty()) {
                // Quartz's check-ins, the run locks (one connection each, a nightly chain holds two) and the jobs'
                // own connections share the pool: the command-line default would leave too few.
                arguments.add("--tradesense.database.pool-size=12");
            }
            arguments.add(quartz + "jobStore.clusterCheckinInterval="
                    + setting(springArguments, "tradesense.scheduler.cluster-checkin-ms", "5000"));
        } else {
            String file = url.isEmpty() ? sqliteFile
                    : url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
            Optional<RunLock> lock = RunLock.tryAcquire(null, Dialect.fromUrl("jdbc:sqlite:" + file), file, "scheduler");
            if (lock.isEmpty()) {
                err.println("scheduler: another scheduler is already running on the SQLite database " + Path.of(file)
                        .toAbsolutePath() + "; only one may run per database file (use PostgreSQL to run several)");
                return new Started(null, ExitCodes.ALREADY_RUNNING);
            }
            schedulerLock = lock.get();
            arguments.add("--spring.quartz.job-store-type=memory");
        }
        // A key given twice on the command line binds as "a,b": the settings imposed here replace the user's.
        List<String> imposed = arguments.subList(springArguments.size(), arguments.size()).stream()
                .map(a -> a.substring(0, a.indexOf('=') + 1)).toList();
        List<String> effective = new ArrayList<>(springArguments.stream()
                .filter(a -> imposed.stream().noneMatch(a::startsWith)).toList());
        effective.addAll(arguments.subList(springArguments.size(), arguments.size()));
        arguments = effective;
        SpringApplication application = new SpringApplication(TradeSenseBatchApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (schedulerLock != null) {
                schedulerLock.close();
            }
            throw e;
        }
        if (schedulerLock != null) {
            RunLock held = schedulerLock;
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    held.close();
                }
            });
        }
        try {
            context.getBean(SchedulerRuntime.class).start(clock);
        } catch (Exception e) {
            context.close();
            err.println("scheduler: cannot start: " + e.getMessage());
            return new Started(null, ExitCodes.FAILED);
        }
        out.println("scheduler: started; schedules from " + jobsFolder.toAbsolutePath());
        return new Started(context, ExitCodes.COMPLETED);
    }

    private static String setting(List<String> arguments, String key, String fallback) {
        for (String argument : arguments) {
            if (argument.startsWith("--" + key + "=")) {
                return argument.substring(key.length() + 3);
            }
        }
        String environment = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""));
        return environment == null || environment.isBlank() ? fallback : environment;
    }
}
