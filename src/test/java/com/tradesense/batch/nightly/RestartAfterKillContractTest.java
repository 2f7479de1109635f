package com.tradesense.batch.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.TradeSenseBatchApplication;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.DatabaseSnapshot;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly chain killed with SIGKILL at random points, several times, then run to completion, leaves exactly
 * the database an uninterrupted run leaves: no event lost, none duplicated, sequence numbers without gaps.
 */
abstract class RestartAfterKillContractTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-03-02");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    protected abstract TestEngine engine();

    @TempDir
    Path logs;

    private static GeneratorSettings data() {
        return GeneratorSettings.builder().seed(77).challenges(120).days(3).firstDate(FIRST)
                .tradesPerChallengePerDay(4).build();
    }

    @Test
    void killedRunsCompleteOnRestartWithTheRowsOfAnUninterruptedRun() throws Exception {
        try (TestDatabase reference = TestDatabases.migrated(engine());
             TestDatabase killed = TestDatabases.migrated(engine())) {
            // given: the same generated data in two databases
            DatabaseLoader.load(reference.dataSource(), data());
            DatabaseLoader.load(killed.dataSource(), data());
            LocalDate date = FIRST.plusDays(1);
            assertThat(new CliRunner(reference, LATER).run("nightly", "--date=" + FIRST).status()).isZero();
            assertThat(new CliRunner(killed, LATER).run("nightly", "--date=" + FIRST).status()).isZero();

            // when: the second night is killed at random points, then run to the end
            Random random = new Random(engine().ordinal() + 11);
            LedgerFixtures watch = new LedgerFixtures(killed);
            int kills = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                long eventsBefore = Long.parseLong(watch.queryString("SELECT COUNT(*) FROM challenge_events"));
                Process child = startChild(killed, date, attempt);
                long target = eventsBefore + 1 + random.nextInt(150);
                boolean killedIt = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (child.isAlive() && System.nanoTime() < deadline) {
                    long now = Long.parseLong(watch.queryString("SELECT COUNT(*) FROM challenge_events"));
                    if (now >= target) {
                        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no cleanup
                        killedIt = true;
                        break;
                    }
                    Thread.sleep(5);
                }
                child.waitFor(30, TimeUnit.SECONDS);
                if (killedIt) {
                    kills++;
                }
            }
            CliRunner.Outcome finish = new CliRunner(killed, LATER).run("nightly", "--date=" + date);
            CliRunner.Outcome referenceRun = new CliRunner(reference, LATER).run("nightly", "--date=" + date);

            // then
            assertThat(kills).as("the child was killed mid-run at least once").isPositive();
            assertThat(Long.parseLong(watch.queryString("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e"
                    + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                    + " WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'FAILED'")))
                    .as("a killed execution was recovered and restarted").isPositive();
            assertThat(referenceRun.status()).as(referenceRun.err()).isZero();
            assertThat(finish.status()).as(finish.err() + finish.out()).isZero();
            List<String> expected = DatabaseSnapshot.of(reference);
            List<String> actual = DatabaseSnapshot.of(killed);
            assertThat(actual).hasSameSizeAs(expected);
            assertThat(actual).containsExactlyElementsOf(expected);
        }
    }

    private Process startChild(TestDatabase database, LocalDate date, int attempt) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // A different zone from the test JVM (Pacific/Chatham): the results must not depend on it.
        command.add("-Duser.timezone=Asia/Kathmandu");
        command.add(TradeSenseBatchApplication.class.getName());
        command.add("nightly");
        command.add("--date=" + date);
        command.add("--spring.datasource.url=" + database.url());
        if (!database.username().isEmpty()) {
            command.add("--spring.datasource.username=" + database.username());
            command.add("--spring.datasource.password=" + database.password());
        }
        command.add("--tradesense.eod.chunk-size=3");
        File log = logs.resolve("child-" + attempt + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
