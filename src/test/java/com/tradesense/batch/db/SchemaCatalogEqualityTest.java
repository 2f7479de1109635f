package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tradesense.batch.testing.SchemaCatalog;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The canonical file and the migrations must build the same schema, whichever way the file is installed. */
abstract class SchemaCatalogEqualityTest {

    protected abstract TestEngine engine();

    @Test
    void canonicalFileRunThroughJdbcBuildsTheSameCatalogAsTheMigrations() {
        try (TestDatabase migrated = TestDatabases.migrated(engine());
                TestDatabase installed = TestDatabases.fromCanonicalFile(engine())) {
            // given
            List<String> fromMigrations = SchemaCatalog.describe(migrated);

            // when
            List<String> fromCanonicalFile = SchemaCatalog.describe(installed);

            // then
            assertThat(fromMigrations).isNotEmpty();
            assertThat(fromCanonicalFile).containsExactlyElementsOf(fromMigrations);
        }
    }

    @Test
    void catalogComparisonNoticesASingleChangedCheckOrIndex() {
        try (TestDatabase original = TestDatabases.migrated(engine());
                TestDatabase changed = TestDatabases.migrated(engine())) {
            // given
            List<String> before = SchemaCatalog.describe(changed);

            // when
            TestDatabases.executeScript(changed.dataSource(), "CREATE INDEX trades_symbol_idx ON trades (symbol)");
            List<String> withIndex = SchemaCatalog.describe(changed);

            // then
            assertThat(before).containsExactlyElementsOf(SchemaCatalog.describe(original));
            assertThat(withIndex).isNotEqualTo(before);
            assertThat(String.join("\n", withIndex)).contains("trades_symbol_idx");
        }
    }

    @Test
    void catalogShowsTheContractTablesTriggersAndView() {
        try (TestDatabase migrated = TestDatabases.migrated(engine())) {
            // when
            String catalog = String.join("\n", SchemaCatalog.describe(migrated));

            // then
            for (String name : List.of("users", "challenges", "trades", "challenge_events", "payments", "risk_alerts",
                    "challenge_performance_analytics", "trades_reject_update", "challenge_events_reject_delete",
                    "challenges_guard_update", "users_email_live_key", "trades_challenge_executed_idx")) {
                assertThat(catalog).contains(name);
            }
        }
    }

    static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, binary))) {
                return true;
            }
        }
        return false;
    }

    static void run(ProcessBuilder builder, Path input) throws IOException, InterruptedException {
        Path output = Files.createTempFile("schema-install", ".log");
        Process process = builder.redirectInput(input.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
        String log = Files.readString(output);
        Files.deleteIfExists(output);
        assertThat(process.exitValue()).as("%s exit status; output:%n%s", builder.command(), log).isZero();
        assertThat(log).as("%s output", builder.command()).doesNotContainIgnoringCase("error");
    }

    static void assumeBinary(String binary) {
        assumeTrue(onPath(binary), binary + " is not installed; the JDBC install is tested regardless");
    }
}
