package com.tradesense.batch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
        return create(cli, parent, postgres, purpose, null);
    }

    /**
     * As above; on PostgreSQL with a template the new database starts as a copy of that database (which must have no
     * open connection), so that data generated once serves several runs.
     */
    static FreshDatabase create(TradeSenseCli cli, Path parent, boolean postgres, String purpose, String template) {
        Path folder = newRunFolder(cli, parent);
        if (postgres) {
            String url = postgresDatabase(cli, "tradesense_" + purpose + "_" + folder.getFileName().toString()
                    .replace('-', '_'), template);
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

    /** A named database on the configured PostgreSQL server, created when missing; its URL and whether it existed. */
    record Named(String url, boolean existed, String comment) {
    }

    static Named named(TradeSenseCli cli, String database) {
        String name = checkedName(database);
        try (Connection c = server(cli)) {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT shobj_description(oid, 'pg_database')"
                    + " FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Named(urlOf(cli, name), true, rs.getString(1));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new Named(urlOf(cli, name), false, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open or create the database " + name + ": " + e.getMessage(), e);
        }
    }

    static void comment(TradeSenseCli cli, String database, String comment) {
        try (Connection c = server(cli); Statement s = c.createStatement()) {
            s.execute("COMMENT ON DATABASE " + checkedName(database) + " IS '" + comment.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot describe the database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String checkedName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new UsageException("'" + database + "' is not a database name: use lower-case letters, digits and _");
        }
        return database;
    }

    private static String urlOf(TradeSenseCli cli, String name) {
        return cli.springSetting("spring.datasource.url").replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    private static Connection server(TradeSenseCli cli) throws SQLException {
        String url = cli.springSetting("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("PostgreSQL needs --spring.datasource.url=jdbc:postgresql://host:port/database"
                    + " (a new database is created on that server for this run)");
        }
        java.util.Properties credentials = new java.util.Properties();
        String user = cli.springSetting("spring.datasource.username");
        String password = cli.springSetting("spring.datasource.password");
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        // The driver directly: DriverManager does not see drivers inside the executable jar's nested class loader.
        return new org.postgresql.Driver().connect(url, credentials);
    }

    private static String postgresDatabase(TradeSenseCli cli, String database, String template) {
        String name = database.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = server(cli); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + checkedName(template)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name + ": " + e.getMessage(), e);
        }
        return urlOf(cli, name);
    }
}
