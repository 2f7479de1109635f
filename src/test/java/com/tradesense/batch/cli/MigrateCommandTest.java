package com.tradesense.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code migrate} through the real command line, on an empty database of each engine. */
class MigrateCommandTest {

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome migrate(List<String> settings) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("migrate"));
        args.addAll(settings);
        int status = TradeSenseCli.execute(args.toArray(String[]::new), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private static List<String> settingsOf(TestDatabase database) {
        List<String> settings = new ArrayList<>(List.of("--spring.datasource.url=" + database.url()));
        if (!database.username().isEmpty()) {
            settings.add("--spring.datasource.username=" + database.username());
            settings.add("--spring.datasource.password=" + database.password());
        }
        return settings;
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void createsEverythingOnAnEmptyDatabaseAndDoesNothingTheSecondTime(TestEngine engine) {
        try (TestDatabase database = TestDatabases.empty(engine)) {
            // when
            Outcome first = migrate(settingsOf(database));
            Outcome second = migrate(settingsOf(database));

            // then
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("Applied 1, 2");
            assertThat(second.status()).as(second.err()).isZero();
            assertThat(second.out()).contains("up to date").contains("nothing to apply");
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void recognisesADatabaseInstalledFromTheCanonicalFile(TestEngine engine) {
        try (TestDatabase database = TestDatabases.fromCanonicalFile(engine)) {
            // when
            Outcome outcome = migrate(settingsOf(database));

            // then
            assertThat(outcome.status()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("Recognised a schema installed from the canonical file")
                    .contains("nothing to apply");
        }
    }

    @Test
    void withoutADatasourceTheEmbeddedSqliteFileIsCreated(@TempDir Path folder) {
        // given
        Path file = folder.resolve("embedded.db");

        // when
        Outcome outcome = migrate(List.of("--tradesense.database.sqlite-file=" + file));

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(Files.exists(file)).isTrue();
    }
}
