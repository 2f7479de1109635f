package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CanonicalSchemaTest {

    private static final Path PROJECT = Path.of(".");

    @ParameterizedTest
    @EnumSource(Dialect.Engine.class)
    void committedCanonicalFileIsExactlyWhatTheGeneratorProducesFromTheMigrations(Dialect.Engine engine)
            throws IOException {
        // given
        String committed = Files.readString(PROJECT.resolve(CanonicalSchema.fileName(engine)));

        // when
        String generated = CanonicalSchema.render(engine, PROJECT);

        // then
        assertThat(committed)
                .as("%s is stale; regenerate with: %s", CanonicalSchema.fileName(engine),
                        CanonicalSchema.REGENERATE_COMMAND)
                .isEqualTo(generated);
    }

    @Test
    void concatenatesMigrationsInNumericVersionOrderNotNameOrder() throws IOException {
        // given
        Path project = Files.createTempDirectory("canonical-schema");
        Path folder = Files.createDirectories(project.resolve("schema/migrations/sqlite"));
        Files.writeString(folder.resolve("V10__tenth.sql"), "-- ten\n");
        Files.writeString(folder.resolve("V2__second.sql"), "-- two\n");
        Files.writeString(folder.resolve("V1__first.sql"), "-- one\n");
        Files.writeString(folder.resolve("README.md"), "not a migration\n");

        // when
        String rendered = CanonicalSchema.render(Dialect.Engine.SQLITE, project);

        // then
        assertThat(rendered).contains("at version 10.");
        assertThat(rendered.indexOf("-- one")).isLessThan(rendered.indexOf("-- two"));
        assertThat(rendered.indexOf("-- two")).isLessThan(rendered.indexOf("-- ten"));
        assertThat(rendered).doesNotContain("not a migration");
    }

    @ParameterizedTest
    @EnumSource(Dialect.Engine.class)
    void everyMigrationRecordsItsOwnVersionInSchemaInfo(Dialect.Engine engine) throws IOException {
        // given
        Path folder = PROJECT.resolve("schema/migrations").resolve(Dialect.of(engine).migrationFolder());

        // when / then
        for (Path migration : CanonicalSchema.migrations(folder)) {
            String sql = Files.readString(migration).stripTrailing();
            String version = CanonicalSchema.versionOf(migration);
            assertThat(sql)
                    .as("%s must end by recording its version", migration.getFileName())
                    .containsPattern("INSERT INTO schema_info \\(name, value\\) VALUES \\('schema_version', '"
                            + version.replace(".", "\\.") + "'\\)\\s+ON CONFLICT \\(name\\) DO UPDATE SET value = "
                            + "(?i:excluded)\\.value;$");
        }
    }
}
