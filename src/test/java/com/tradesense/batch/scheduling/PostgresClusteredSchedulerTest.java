package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.nio.file.Path;
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

/**
 * Two scheduler JVMs on one PostgreSQL database form one Quartz cluster: every scheduled fire happens on exactly one
 * of them, and every job and business date runs exactly once.
 */
class PostgresClusteredSchedulerTest {

    private static final Pattern FIRED =
            Pattern.compile("Fired schedule (\\S+) at (\\S+) for business date (\\S+): (\\S+)");

    @TempDir
    Path folder;

    private record Fire(String schedule, Instant at, String businessDate, String outcome, String member) {
    }

    private static List<Fire> fires(ChildProcess member, String name) throws Exception {
        List<Fire> fires = new ArrayList<>();
        Matcher matcher = FIRED.matcher(member.output());
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

            try (ChildProcess first = ChildProcess.start(folder.resolve("first.log"), arguments);
                 ChildProcess second = ChildProcess.start(folder.resolve("second.log"), arguments)) {
                assertThat(first.awaitOutput("Scheduler started (clustered", 90)).as(first.output()).isTrue();
                assertThat(second.awaitOutput("Scheduler started (clustered", 90)).as(second.output()).isTrue();
                Instant bothUp = Instant.now();

                // when: the cluster runs for a while
                long deadline = System.nanoTime() + 40_000_000_000L;
                while (System.nanoTime() < deadline) {
                    List<Fire> all = new ArrayList<>(fires(first, "first"));
                    all.addAll(fires(second, "second"));
                    if (all.stream().filter(f -> f.at().isAfter(bothUp)).count() >= 10) {
                        break;
                    }
                    Thread.sleep(250);
                }
                first.terminate(60);
                second.terminate(60);

                // then: no fire happened twice
                List<Fire> all = new ArrayList<>(fires(first, "first"));
                all.addAll(fires(second, "second"));
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
            }
        }
    }
}
