package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.testing.ChildProcess;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.DatabaseSnapshot;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a run stops it at a chunk boundary with the execution STOPPED (not left running), and
 * {@code run --restart} then finishes it with exactly the rows an uninterrupted run writes.
 */
abstract class GracefulStopContractTest {

    private static final LocalDate DATE = LocalDate.parse("2026-03-02");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    protected abstract TestEngine engine();

    @TempDir
    Path folder;

    private static GeneratorSettings data() {
        return GeneratorSettings.builder().seed(31).challenges(150).days(2).firstDate(DATE)
                .tradesPerChallengePerDay(3).build();
    }

    @Test
    void sigtermStopsAtAChunkBoundaryAndTheRestartCompletesLikeAnUninterruptedRun() throws Exception {
        try (TestDatabase reference = TestDatabases.migrated(engine());
             TestDatabase stopped = TestDatabases.migrated(engine())) {
            // given
            DatabaseLoader.load(reference.dataSource(), data());
            DatabaseLoader.load(stopped.dataSource(), data());
            LedgerFixtures watch = new LedgerFixtures(stopped);
            long before = Long.parseLong(watch.queryString("SELECT COUNT(*) FROM challenge_events"));
            List<String> arguments = new ArrayList<>(List.of("run", "daily-pnl", "--date=" + DATE,
                    "--spring.datasource.url=" + stopped.url(), "--tradesense.eod.chunk-size=2"));
            if (!stopped.username().isEmpty()) {
                arguments.add("--spring.datasource.username=" + stopped.username());
                arguments.add("--spring.datasource.password=" + stopped.password());
            }

            // when: SIGTERM once the run has written some of its events
            int exit;
            try (ChildProcess child = ChildProcess.start(folder.resolve("run.log"), arguments)) {
                long deadline = System.nanoTime() + 90_000_000_000L;
                while (child.process().isAlive() && System.nanoTime() < deadline) {
                    if (Long.parseLong(watch.queryString("SELECT COUNT(*) FROM challenge_events")) >= before + 10) {
                        break;
                    }
                    Thread.sleep(5);
                }
                exit = child.terminate(90);
                assertThat(exit).as(child.output()).isNotZero();
            }

            // then: stopped, not left running
            assertThat(watch.queryString("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                    + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'daily-pnl'")).isEqualTo("STOPPED");
            long partial = Long.parseLong(watch.queryString("SELECT COUNT(*) FROM challenge_events"));

            // and the restart completes with the rows of an uninterrupted run
            CliRunner.Outcome restart = new CliRunner(stopped, LATER).run("run", "daily-pnl", "--date=" + DATE, "--restart");
            CliRunner.Outcome uninterrupted = new CliRunner(reference, LATER).run("run", "daily-pnl", "--date=" + DATE);
            assertThat(restart.status()).as(restart.err() + restart.out()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(uninterrupted.status()).isEqualTo(ExitCodes.COMPLETED);
            List<String> expected = DatabaseSnapshot.of(reference);
            assertThat(partial).as("stopped part-way").isLessThan(expected.stream().filter(r -> r.startsWith("event")).count());
            assertThat(DatabaseSnapshot.of(stopped)).containsExactlyElementsOf(expected);
        }
    }
}
