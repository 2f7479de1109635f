package com.tradesense.batch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A new database of its own for a demo or benchmark run, so that no existing database is ever touched: a new
 * SQLite file in a new run folder, or a new database on the configured PostgreSQL server.
 */
final class FreshDatabase {

    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("'run-'uuuuMMdd'-'HHmmss")
            .withZone(ZoneOffset.UTC);

    final Path folder;
    final String description;
    final List<String> settings = new ArrayList<>();

    private FreshDatabase(Path folder, String description) {
        this.folder = folder;
        this.description = description;
    }

    static FreshDatabase create(TradeSenseCli cli, Path parent, boolean postgres, String purpose) {
        Path folder = newRunFolder(cli, parent);
        if (postgres) {
            String url = postgresDatabase(cli, "tradesense_" + purpose + "_" + folder.getFileName().toString()
                    .replace('-', '_'));
            FreshDatabase database = new FreshDatabase(folder, url);
            database.settings.add("--spring.datasource.url=" + url);
            return database;
        }
        Path file = folder.resolve("tradesense.db").toAbsolutePath();
        FreshDatabase database = new FreshDatabase(folder, file.toString());
        database.settings.add("--spring.datasource.url=jdbc:sqlite:" + file);
        database.settings.add("--tradesense.database.sqlite-file=" + file);
        return database;
    }

    private static Path newRunFolder(TradeSenseCli cli, Path parent) {
        try {
            Files.createDirectories(parent);
            String base = RUN_NAME.format(cli.clock().instant());
            for (int n = 0; ; n++) {
                try {
                    return Files.createDirectory(parent.resolve(n == 0 ? base : base + "-" + n));
                } catch (FileAlreadyExistsException e) {
                    // another run this second: take the next name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a run folder under " + parent, e);
        }
    }

    private static String postgresDatabase(TradeSenseCli cli, String database) {
        String url = cli.springSetting("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("PostgreSQL needs --spring.datasource.url=jdbc:postgresql://host:port/database"
                    + " (a new database is created on that server for this run)");
        }
        String name = database.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(url, cli.springSetting("spring.datasource.username"),
                cli.springSetting("spring.datasource.password")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name + ": " + e.getMessage(), e);
        }
        return url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }
}
