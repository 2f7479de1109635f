package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.TradeSenseBatchApplication;
import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.SchedulerLauncher;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** What the scheduler does around the jobs, on every engine: catch-up, retries, waiting for input, alerts, purge. */
abstract class SchedulerJobsContractTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-20T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private TestDatabase database;
    private LedgerFixtures ledger;
    private CliRunner cli;
    private UUID challenge;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        cli = new CliRunner(database, LATER);
        challenge = ledger.activeChallenge(ledger.user("scheduled@example.com"), STARTED);
        for (int day = 2; day <= 9; day++) {
            ledger.trade(challenge, Instant.parse("2026-03-0" + day + "T10:00:00Z"), "25.00", "0.00", "1.00");
        }
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** A non-web application context over the test database, whose waits are recorded instead of slept (unless null). */
    private ConfigurableApplicationContext context(List<Duration> sleeps) throws Exception {
        SpringApplication application = new SpringApplication(TradeSenseBatchApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        if (sleeps != null) {
            application.addInitializers(context -> context.getBeanFactory().registerSingleton("recordingSleeper",
                    (Sleeper) sleeps::add));
        }
        return application.run(SchedulerFixtures.settings(database, folder).toArray(String[]::new));
    }

    private List<String> completedNightlyDatesInRunOrder() throws SQLException {
        List<String> dates = new ArrayList<>();
        for (int n = 1; ; n++) {
            String date = ledger.queryString("""
                    SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e
                    JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                    JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = 'business.date'
                      AND (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION b JOIN BATCH_JOB_INSTANCE bi
                           ON bi.JOB_INSTANCE_ID = b.JOB_INSTANCE_ID
                           WHERE bi.JOB_NAME = 'nightly' AND b.STATUS = 'COMPLETED'
                             AND b.JOB_EXECUTION_ID < e.JOB_EXECUTION_ID) = ?""", n - 1);
            if (date == null) {
                return dates;
            }
            dates.add(date);
        }
    }

    @Test
    void startingAfterThreeDaysDownCatchesUpEveryMissedNightInOrderBeforeResumingTheSchedule() throws Exception {
        // given: nightly closed 2026-03-06, then no scheduler ran until 2026-03-10 06:00 UTC
        assertThat(cli.run("nightly", "--date=2026-03-06").status()).isZero();
        Clock restart = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

        // when
        SchedulerLauncher.Started started = SchedulerLauncher.start(SchedulerFixtures.settings(database, folder), restart,
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));

        // then
        try {
            assertThat(started.context()).isNotNull();
            assertThat(completedNightlyDatesInRunOrder())
                    .containsExactly("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09");
            assertThat(ledger.queryString("SELECT last_daily_reset_date FROM challenges WHERE id = ?", challenge))
                    .isEqualTo("2026-03-10");
            // status: one challenge read and written per day (a partition manager's repeated counts left out)
            CliRunner.Outcome status = cli.run("status", "--last=2");
            assertThat(status.out()).containsPattern("daily-pnl\\s+2026-03-09\\s+COMPLETED\\s+\\d+\\s+\\S+\\s+\\S+\\s+1\\s+1\\s+0")
                    .containsPattern("nightly\\s+2026-03-09\\s+COMPLETED")
                    .contains("Running:\n  (none)");
            assertThat(started.context().getBean(MeterRegistry.class)
                    .counter("tradesense.alerts", "kind", "NIGHTLY_LATE").count())
                    .as("the dead-man time of 03-10 passed while down, but catch-up closed 03-09").isZero();
        } finally {
            started.context().close();
        }
    }

    @Test
    void startingAfterDowntimeRunsTheMissedFiresOfOtherSchedulesOldestFirst() throws Exception {
        // given: daily-reset on its own schedule (00:05 UTC, for the fire's own day), last completed for 03-07
        SchedulerFixtures.schedule(folder, "reset", "job: daily-reset\ncron: \"0 5 0 * * ?\"\nbusiness-date: fire-day\n");
        assertThat(cli.run("run", "daily-reset", "--date=2026-03-07").status()).isZero();
        Clock restart = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

        // when
        SchedulerLauncher.Started started = SchedulerLauncher.start(SchedulerFixtures.settings(database, folder), restart,
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));

        // then
        try {
            assertThat(started.context()).isNotNull();
            List<String> dates = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                String date = ledger.queryString("""
                        SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                        WHERE i.JOB_NAME = 'daily-reset' AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = 'business.date'
                          AND (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION b WHERE b.JOB_EXECUTION_ID < e.JOB_EXECUTION_ID
                               AND b.JOB_INSTANCE_ID IN (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE
                                                         WHERE JOB_NAME = 'daily-reset')) = ?""", n);
                if (date == null) {
                    break;
                }
                dates.add(date);
            }
            assertThat(dates).containsExactly("2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10");
            assertThat(started.context().getBean(MeterRegistry.class)
                    .counter("tradesense.alerts", "kind", "NIGHTLY_LATE").count())
                    .as("nightly for 03-09 never ran: the dead-man time passed during the downtime").isEqualTo(1.0);
        } finally {
            started.context().close();
        }
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenStaysFailedWithAnAlertAndRestartCompletesIt() throws Exception {
        // given: every insert of an event fails
        installFailingEventTrigger();
        JobSchedule schedule = new JobSchedule("daily-pnl", "daily-pnl", "", "0 15 0 * * ?", ZoneOffset.UTC, true,
                JobSchedule.BusinessDateRule.PREVIOUS_DAY, Map.of(), null, 2, Duration.ofMinutes(1), "test");
        List<Duration> sleeps = new CopyOnWriteArrayList<>();

        // when
        ScheduledJobRunner.Outcome outcome;
        double alerts;
        try (ConfigurableApplicationContext context = context(sleeps)) {
            outcome = context.getBean(ScheduledJobRunner.class).fire(schedule, Instant.parse("2026-03-05T00:15:00Z"));
            alerts = context.getBean(MeterRegistry.class).counter("tradesense.alerts", "kind", "JOB_FAILED").count();
        }

        // then: three attempts on one instance, doubling backoff, FAILED with one alert
        assertThat(outcome).isEqualTo(ScheduledJobRunner.Outcome.FAILED);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(alerts).isEqualTo(1.0);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'daily-pnl'"))
                .isEqualTo("1");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'daily-pnl' AND e.STATUS = 'FAILED'"))
                .isEqualTo("3");
        CliRunner.Outcome status = cli.run("status");
        assertThat(status.out()).contains("restart: run daily-pnl --date=2026-03-04 --restart");

        // and when the cause is fixed, --restart completes the same instance
        removeFailingEventTrigger();
        CliRunner.Outcome restart = cli.run("run", "daily-pnl", "--date=2026-03-04", "--restart");
        assertThat(restart.status()).as(restart.err() + restart.out()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'daily-pnl'"))
                .isEqualTo("1");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events WHERE challenge_id = ?"
                + " AND event_type = 'DAILY_PNL_CALCULATED'", challenge)).isEqualTo("1");
        assertThat(cli.run("status").out()).contains("Failed or stopped, awaiting restart:\n  (none)");
    }

    @Test
    void runWithRetriesRestartsAFailedRunAfterTheBackoffUntilItCompletes() throws Exception {
        // given: the first attempt fails; the cause is fixed during the backoff
        installFailingEventTrigger();
        java.util.concurrent.CompletableFuture<Void> fix = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'").equals("0")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                removeFailingEventTrigger();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // when
        CliRunner.Outcome run = cli.run("run", "daily-pnl", "--date=2026-03-04", "--retries=2", "--retry-backoff=PT2S");
        fix.get(30, java.util.concurrent.TimeUnit.SECONDS);

        // then
        assertThat(run.status()).as(run.err() + run.out()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.err()).contains("attempt 1 of 3 failed; restarting in PT2S");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo("2");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo("1");
    }

    @Test
    void shutdownDuringARetryBackoffEndsTheFireAtOnceWithoutAFailureAlert() throws Exception {
        // given: a failing job with a ten-minute backoff, really slept
        installFailingEventTrigger();
        JobSchedule schedule = new JobSchedule("daily-pnl", "daily-pnl", "", "0 15 0 * * ?", ZoneOffset.UTC, true,
                JobSchedule.BusinessDateRule.PREVIOUS_DAY, Map.of(), null, 3, Duration.ofMinutes(10), "test");
        try (ConfigurableApplicationContext context = context(null)) {
            java.util.concurrent.CompletableFuture<ScheduledJobRunner.Outcome> fire =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> context.getBean(ScheduledJobRunner.class)
                            .fire(schedule, Instant.parse("2026-03-05T00:15:00Z")));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'").equals("0")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // when
            long stopping = System.nanoTime();
            context.getBean(GracefulStop.class).stop();
            ScheduledJobRunner.Outcome outcome = fire.get(30, java.util.concurrent.TimeUnit.SECONDS);

            // then
            assertThat(outcome).isEqualTo(ScheduledJobRunner.Outcome.STOPPED);
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
            assertThat(context.getBean(MeterRegistry.class).counter("tradesense.alerts", "kind", "JOB_FAILED").count())
                    .isZero();
            assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo("1");
        }
    }

    @Test
    void aMissingInboxFileEndsWithNoDataAndAnAlertAtTheDeadline() throws Exception {
        // given
        JobSchedule schedule = new JobSchedule("recon", "trade-reconciliation", "", "0 0 6 * * ?", ZoneOffset.UTC, true,
                JobSchedule.BusinessDateRule.PREVIOUS_DAY, Map.of("provider", "MT5-LIVE-1"),
                new JobSchedule.WaitsFor("{provider}/{provider}_{date}.csv", Duration.ofMinutes(5), Duration.ofMinutes(12)),
                0, Duration.ofMinutes(1), "test");
        List<Duration> sleeps = new CopyOnWriteArrayList<>();

        // when
        ScheduledJobRunner.Outcome outcome;
        double alerts;
        try (ConfigurableApplicationContext context = context(sleeps)) {
            ScheduledJobRunner runner = context.getBean(ScheduledJobRunner.class);
            Instant fire = Instant.parse("2026-03-05T06:00:00Z");
            runner.useClock(new StepClock(fire, sleeps));
            outcome = runner.fire(schedule, fire);
            alerts = context.getBean(MeterRegistry.class).counter("tradesense.alerts", "kind", "NO_DATA").count();
        }

        // then: polled every 5 minutes, the last wait cut to the deadline
        assertThat(outcome).isEqualTo(ScheduledJobRunner.Outcome.NO_DATA);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2));
        assertThat(alerts).isEqualTo(1.0);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo("0");
    }

    @Test
    void theFileArrivingBeforeTheDeadlineLetsTheRunStart() throws Exception {
        // given: the export of D lands in the inbox after the first poll
        JobSchedule schedule = new JobSchedule("recon", "trade-reconciliation", "", "0 0 6 * * ?", ZoneOffset.UTC, true,
                JobSchedule.BusinessDateRule.PREVIOUS_DAY, Map.of("provider", "MT5-LIVE-1"),
                new JobSchedule.WaitsFor("{provider}/{provider}_{date}.csv", Duration.ofMinutes(5), Duration.ofHours(1)),
                0, Duration.ofMinutes(1), "test");
        Path export = folder.resolve("inbox/MT5-LIVE-1/MT5-LIVE-1_2026-03-04.csv");
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        List<Duration> recorder = new ArrayList<>() {
            @Override
            public boolean add(Duration d) {
                try {
                    Files.createDirectories(export.getParent());
                    Files.writeString(export, "header\n");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return sleeps.add(d);
            }
        };

        // when
        ScheduledJobRunner.Outcome outcome;
        try (ConfigurableApplicationContext context = context(recorder)) {
            ScheduledJobRunner runner = context.getBean(ScheduledJobRunner.class);
            Instant fire = Instant.parse("2026-03-05T06:00:00Z");
            runner.useClock(new StepClock(fire, sleeps));
            outcome = runner.fire(schedule, fire);
        }

        // then: it waited once, then ran the job (which exists or reports that it does not yet)
        assertThat(sleeps).containsExactly(Duration.ofMinutes(5));
        assertThat(outcome).isNotEqualTo(ScheduledJobRunner.Outcome.NO_DATA);
    }

    @Test
    void theDeadManAlertFiresWhenNightlyHasNotCompletedWhetherOrNotAnythingRan() throws Exception {
        // given: nightly completed for 03-06 only
        assertThat(cli.run("nightly", "--date=2026-03-06").status()).isZero();

        // when
        boolean onTime;
        boolean late;
        double alerts;
        try (ConfigurableApplicationContext context = context(new ArrayList<>())) {
            DeadManCheck check = context.getBean(DeadManCheck.class);
            onTime = check.check(LocalDate.parse("2026-03-06"));
            late = check.check(LocalDate.parse("2026-03-07"));
            alerts = context.getBean(MeterRegistry.class).counter("tradesense.alerts", "kind", "NIGHTLY_LATE").count();
        }

        // then
        assertThat(onTime).isTrue();
        assertThat(late).isFalse();
        assertThat(alerts).isEqualTo(1.0);
    }

    @Test
    void purgeRemovesOldBatchRecordsButKeepsTheNewestCompletedDateAndNeverTouchesFinancialTables() throws Exception {
        // given: three closed nights, run "long ago" from the purge's point of view
        for (String date : List.of("2026-03-04", "2026-03-05", "2026-03-06")) {
            assertThat(cli.run("nightly", "--date=" + date).status()).isZero();
        }
        String events = ledger.queryString("SELECT COUNT(*) FROM challenge_events");
        String trades = ledger.queryString("SELECT COUNT(*) FROM trades");
        Clock farFuture = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);

        // when
        CliRunner.Outcome purge = new CliRunner(database, farFuture).run("purge", "--older-than=P30D");

        // then
        assertThat(purge.status()).as(purge.err()).isZero();
        assertThat(purge.out()).contains("purge: removed");
        assertThat(completedNightlyDatesInRunOrder()).containsExactly("2026-03-06");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM challenge_events")).isEqualTo(events);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM trades")).isEqualTo(trades);
        assertThat(cli.run("catch-up", "--through=2026-03-07").status()).isZero();
        assertThat(completedNightlyDatesInRunOrder()).containsExactly("2026-03-06", "2026-03-07");
    }

    private void installFailingEventTrigger() throws SQLException {
        if (engine() == TestEngine.POSTGRESQL) {
            ledger.execute("CREATE FUNCTION test_fail_events() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
            ledger.execute("CREATE TRIGGER test_fail_events BEFORE INSERT ON challenge_events FOR EACH ROW"
                    + " EXECUTE FUNCTION test_fail_events()");
        } else {
            ledger.execute("CREATE TRIGGER test_fail_events BEFORE INSERT ON challenge_events"
                    + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }
    }

    private void removeFailingEventTrigger() throws SQLException {
        if (engine() == TestEngine.POSTGRESQL) {
            ledger.execute("DROP TRIGGER test_fail_events ON challenge_events");
        } else {
            ledger.execute("DROP TRIGGER test_fail_events");
        }
    }

    /** A clock that advances by every recorded sleep. */
    private static final class StepClock extends Clock {
        private final Instant start;
        private final List<Duration> sleeps;

        StepClock(Instant start, List<Duration> sleeps) {
            this.start = start;
            this.sleeps = sleeps;
        }

        @Override
        public Instant instant() {
            Instant now = start;
            for (Duration d : sleeps) {
                now = now.plus(d);
            }
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
