package com.tradesense.batch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Stays up and fires the jobs on their schedules (jobs folder), after catching up the nightly"
                + " dates missed while it was down.",
                "PostgreSQL: clustered, any number of instances, each fire runs once. SQLite: one instance per database"
                        + " file (a second one exits 3).",
                "Serves /actuator/health and /actuator/prometheus on server.port (default 8080). SIGTERM stops a running"
                        + " job at its next chunk boundary, restartable."})
final class SchedulerCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Override
    public Integer call() throws InterruptedException {
        SchedulerLauncher.Started started = SchedulerLauncher.start(cli.springArguments(), cli.clock(), cli.out(),
                cli.err());
        if (started.context() == null) {
            return started.exitCode();
        }
        CountDownLatch closed = new CountDownLatch(1);
        started.context().addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (started.context().isActive()) {
            closed.await();
        }
        return ExitCodes.COMPLETED;
    }
}
