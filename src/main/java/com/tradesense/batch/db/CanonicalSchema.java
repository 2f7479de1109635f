package com.tradesense.batch.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the canonical schema files ({@code schema/tradesense_schema.sql}, {@code schema/tradesense_schema_sqlite.sql})
 * from the migrations, so that the files other systems install and the schema the application migrates to can never
 * drift apart: each file is the engine's migrations concatenated in version order.
 *
 * <p>Run from the project folder after changing a migration:
 * {@code ./mvnw -q compile && java -cp target/classes com.tradesense.batch.db.CanonicalSchema}
 */
public final class CanonicalSchema {

    public static final String REGENERATE_COMMAND =
            "./mvnw -q compile && java -cp target/classes " + CanonicalSchema.class.getName();

    private static final Pattern MIGRATION_NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private CanonicalSchema() {
    }

    public static void main(String[] args) {
        Path projectFolder = Path.of(args.length > 0 ? args[0] : ".");
        for (Dialect.Engine engine : Dialect.Engine.values()) {
            Path target = projectFolder.resolve(fileName(engine));
            write(target, render(engine, projectFolder));
            System.out.println("Wrote " + target);
        }
    }

    /** The canonical file's path relative to the project folder. */
    public static String fileName(Dialect.Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> "schema/tradesense_schema.sql";
            case SQLITE -> "schema/tradesense_schema_sqlite.sql";
        };
    }

    public static String render(Dialect.Engine engine, Path projectFolder) {
        String folderName = Dialect.of(engine).migrationFolder();
        Path folder = projectFolder.resolve("schema/migrations").resolve(folderName);
        List<Path> migrations = migrations(folder);
        if (migrations.isEmpty()) {
            throw new IllegalStateException("No migrations in " + folder);
        }
        String latest = versionOf(migrations.get(migrations.size() - 1));
        StringBuilder out = new StringBuilder()
                .append("-- GENERATED FILE, DO NOT EDIT: the TradeSense schema for ")
                .append(engine == Dialect.Engine.POSTGRESQL ? "PostgreSQL" : "SQLite")
                .append(" at version ").append(latest).append(".\n")
                .append("-- It is schema/migrations/").append(folderName)
                .append("/V*.sql concatenated in version order; change a migration, then regenerate with\n")
                .append("--   ").append(REGENERATE_COMMAND).append('\n')
                .append("-- Install on an empty database: ")
                .append(engine == Dialect.Engine.POSTGRESQL
                        ? "psql <database> < schema/tradesense_schema.sql"
                        : "sqlite3 <file.db> < schema/tradesense_schema_sqlite.sql")
                .append("\n-- The application's migrate command recognises such a database as being at version ")
                .append(latest).append(".\n");
        for (Path migration : migrations) {
            out.append("\n-- ======== ").append(migration.getFileName()).append(" ========\n\n");
            String body = read(migration).replace("\r\n", "\n").stripTrailing();
            out.append(body).append('\n');
        }
        return out.toString();
    }

    static List<Path> migrations(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> migrations = new ArrayList<>(files
                    .filter(file -> MIGRATION_NAME.matcher(file.getFileName().toString()).matches())
                    .toList());
            migrations.sort(Comparator.comparing(CanonicalSchema::versionOf, CanonicalSchema::compareVersions));
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migrations in " + folder, e);
        }
    }

    static String versionOf(Path migration) {
        Matcher matcher = MIGRATION_NAME.matcher(migration.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a versioned migration: " + migration);
        }
        return matcher.group(1).replace('_', '.');
    }

    private static int compareVersions(String left, String right) {
        long[] a = Arrays.stream(left.split("\\.")).mapToLong(Long::parseLong).toArray();
        long[] b = Arrays.stream(right.split("\\.")).mapToLong(Long::parseLong).toArray();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int cmp = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
