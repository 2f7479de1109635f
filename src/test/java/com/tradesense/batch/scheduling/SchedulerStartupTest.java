package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.SchedulerLauncher;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import com.tradesense.batch.cli.TradeSenseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks of the {@code scheduler} command that need no job to run. */
class SchedulerStartupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private static int cli(List<String> args, StringWriter err) {
        return TradeSenseCli.execute(args.toArray(String[]::new), CLOCK, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    @Test
    void aMalformedJobsFileStopsStartUpNamingTheFileAndTheField() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given
            List<String> args = new ArrayList<>(List.of("scheduler"));
            args.addAll(SchedulerFixtures.settings(database, folder));
            Files.writeString(folder.resolve("jobs").resolve("nightly.yml"),
                    "job: nightly\ncron: \"0 15 0 * * ?\"\nzone: Mars/Olympus\n");
            StringWriter err = new StringWriter();

            // when
            int status = cli(args, err);

            // then
            assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(err.toString()).contains("nightly.yml").contains("field 'zone'").contains("Mars/Olympus");
        }
    }

    @Test
    void aSecondSchedulerOnTheSameSqliteFileRefusesToStart() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given: one scheduler running
            List<String> settings = SchedulerFixtures.settings(database, folder);
            SchedulerLauncher.Started first = SchedulerLauncher.start(settings, CLOCK,
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
            try {
                assertThat(first.context()).isNotNull();
                List<String> args = new ArrayList<>(List.of("scheduler"));
                args.addAll(settings);
                StringWriter err = new StringWriter();

                // when
                int status = cli(args, err);

                // then
                assertThat(status).isEqualTo(ExitCodes.ALREADY_RUNNING);
                assertThat(err.toString()).contains("another scheduler is already running on the SQLite database");
            } finally {
                first.context().close();
            }
            // and once the first has stopped, a scheduler starts again
            SchedulerLauncher.Started again = SchedulerLauncher.start(settings, CLOCK,
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
            assertThat(again.context()).isNotNull();
            again.context().close();
        }
    }
}
