package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.tradesense.batch.cli.SchedulerLauncher;
import com.tradesense.batch.testing.ChildProcess;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two schedulers on one PostgreSQL database form one Quartz cluster: every scheduled fire happens on exactly one of
 * them, and every job and business date runs exactly once. One member runs in a child JVM, the other in the test JVM
 * (Quartz keeps one scheduler per name per JVM, and cluster members share the name, so two cannot share a JVM).
 */
class PostgresClusteredSchedulerTest {

    private static final Pattern FIRED =
            Pattern.compile("Fired schedule (\\S+) at (\\S+) for business date (\\S+): (\\S+)");

    @TempDir
    Path folder;

    private record Fire(String schedule, Instant at, String businessDate, String outcome, String member) {
    }

    private static List<Fire> fires(String output, String name) {
        List<Fire> fires = new ArrayList<>();
        Matcher matcher = FIRED.matcher(output);
        while (matcher.find()) {
            fires.add(new Fire(matcher.group(1), Instant.parse(matcher.group(2)), matcher.group(3), matcher.group(4), name));
        }
        return fires;
    }

    @Test
    void twoInstancesOnOneDatabaseFireEachTriggerOnceAndRunEachJobAndDateOnce() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.POSTGRESQL)) {
            // given: a trading challenge, and two schedules firing every second
            LedgerFixtures ledger = new LedgerFixtures(database);
            Instant now = Instant.now();
            var challenge = ledger.activeChallenge(ledger.user("cluster@example.com"), now.minus(3, ChronoUnit.DAYS));
            ledger.trade(challenge, now.truncatedTo(ChronoUnit.DAYS).minus(12, ChronoUnit.HOURS), "10.00", "0.00", "1.00");
            SchedulerFixtures.schedule(folder, "nightly", "job: nightly\ncron: \"* * * * * ?\"\n");
            SchedulerFixtures.schedule(folder, "reset-today",
                    "job: daily-reset\ncron: \"* * * * * ?\"\nbusiness-date: fire-day\n");
            List<String> arguments = new ArrayList<>(List.of("scheduler"));
            arguments.addAll(SchedulerFixtures.settings(database, folder, "--tradesense.scheduler.cluster-checkin-ms=2000"));

            ListAppender<ILoggingEvent> inProcess = new ListAppender<>();
            Logger runnerLog = (Logger) LoggerFactory.getLogger(ScheduledJobRunner.class);
            inProcess.start();
            runnerLog.addAppender(inProcess);
            SchedulerLauncher.Started second = null;
            try (ChildProcess first = ChildProcess.start(folder.resolve("first.log"), arguments)) {
                // both members start at the same time, registering the same triggers
                second = SchedulerLauncher.start(arguments.subList(1, arguments.size()), Clock.systemUTC(),
                        new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
                assertThat(second.context()).isNotNull();
                assertThat(first.awaitOutput("Scheduler started (clustered", 90)).as(first.output()).isTrue();
                Instant bothUp = Instant.now();

                // when: the cluster runs for a while
                long deadline = System.nanoTime() + 40_000_000_000L;
                while (System.nanoTime() < deadline) {
                    if (all(first, inProcess).stream().filter(f -> f.at().isAfter(bothUp)).count() >= 10) {
                        break;
                    }
                    Thread.sleep(250);
                }
                first.terminate(60);
                second.context().close();
                second = null;

                // then: no fire happened twice
                List<Fire> all = all(first, inProcess);
                assertThat(all.stream().filter(f -> f.at().isAfter(bothUp)).count())
                        .as("fires while both members were up").isGreaterThanOrEqualTo(10);
                Map<String, List<Fire>> byTrigger = new HashMap<>();
                for (Fire fire : all) {
                    byTrigger.computeIfAbsent(fire.schedule() + "@" + fire.at(), k -> new ArrayList<>()).add(fire);
                }
                assertThat(byTrigger.values()).allSatisfy(same -> assertThat(same).as("fires of one trigger").hasSize(1));
                assertThat(all).noneMatch(f -> f.outcome().equals("FAILED"));

                // and every job and business date ran exactly once, completed
                for (String job : List.of("nightly", "daily-pnl", "challenge-expiry", "daily-reset")) {
                    assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                            + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS <> 'COMPLETED'",
                            job)).as(job + " executions not completed").isEqualTo("0");
                    assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                            + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", job))
                            .as(job + " executions, one per date")
                            .isEqualTo(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", job));
                }
                assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'nightly'"))
                        .isNotEqualTo("0");
                assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events WHERE challenge_id = ?"
                        + " AND event_type = 'DAILY_PNL_CALCULATED'", challenge)).isEqualTo("1");
            } finally {
                if (second != null) {
                    second.context().close();
                }
                runnerLog.detachAppender(inProcess);
            }
        }
    }

    private static List<Fire> all(ChildProcess child, ListAppender<ILoggingEvent> inProcess) throws Exception {
        List<Fire> all = new ArrayList<>(fires(child.output(), "child"));
        StringBuilder lines = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(inProcess.list)) {
            lines.append(event.getFormattedMessage()).append('\n');
        }
        all.addAll(fires(lines.toString(), "in-process"));
        return all;
    }
}
