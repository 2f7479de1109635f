package com.tradesense.batch.testing;

import com.tradesense.batch.db.CanonicalSchema;
import com.tradesense.batch.db.Migrations;
import com.tradesense.batch.db.SqliteDataSources;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Fresh, isolated databases for tests, on real engines.
 *
 * <p>PostgreSQL: a new database (from {@code template0}) in the one server the test JVM shares; pooled connections
 * run in the session time zone {@value PostgresTestServer#SESSION_TIME_ZONE}, while connections opened from
 * {@link TestDatabase#url()} get the JVM zone from the driver — both differ from UTC. SQLite: a new file in a new
 * temporary folder, opened with {@link SqliteDataSources#config()}.
 */
public final class TestDatabases {

    private static final int POOL_SIZE = 6;

    private TestDatabases() {
    }

    /** A database with no tables at all. */
    public static TestDatabase empty(TestEngine engine) {
        return switch (engine) {
            case POSTGRESQL -> PostgresTestDatabase.create();
            case SQLITE -> SqliteTestDatabase.create();
        };
    }

    /** A database the application's migrations have brought to the latest version. */
    public static TestDatabase migrated(TestEngine engine) {
        if (engine == TestEngine.POSTGRESQL) {
            return PostgresTestDatabase.createMigrated();
        }
        TestDatabase database = empty(engine);
        try {
            Migrations.migrate(database.dataSource());
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A database installed from the engine's canonical schema file, as another system would install it. */
    public static TestDatabase fromCanonicalFile(TestEngine engine) {
        TestDatabase database = empty(engine);
        try {
            executeScript(database.dataSource(), canonicalScript(engine));
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The committed canonical schema file of an engine (tests run in the project folder). */
    public static Path canonicalFile(TestEngine engine) {
        return Path.of(CanonicalSchema.fileName(engine.dialect().engine()));
    }

    public static String canonicalScript(TestEngine engine) {
        try {
            return Files.readString(canonicalFile(engine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a whole SQL script (several statements, triggers and functions included) in one call. */
    public static void executeScript(DataSource dataSource, String script) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // PostgreSQL's simple query protocol and sqlite-jdbc's executeUpdate both run multi-statement scripts.
            if (connection.getMetaData().getURL().startsWith("jdbc:sqlite:")) {
                statement.executeUpdate(script);
            } else {
                statement.execute(script);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Script failed: " + e.getMessage(), e);
        }
    }

    private static final class PostgresTestDatabase implements TestDatabase {

        private final PostgresTestServer server;
        private final String name;
        private final HikariDataSource dataSource;
        private boolean keepDatabase;

        private PostgresTestDatabase(PostgresTestServer server, String name) {
            this.server = server;
            this.name = name;
            HikariConfig config = new HikariConfig();
            config.setPoolName("test-" + name);
            config.setJdbcUrl(server.urlOf(name));
            config.setUsername(server.username());
            config.setPassword(server.password());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(0);
            config.setConnectionInitSql("SET TIME ZONE '" + PostgresTestServer.SESSION_TIME_ZONE + "'");
            this.dataSource = new HikariDataSource(config);
        }

        static PostgresTestDatabase create() {
            PostgresTestServer server = PostgresTestServer.get();
            return new PostgresTestDatabase(server, server.createDatabase("template0"));
        }

        static PostgresTestDatabase createMigrated() {
            PostgresTestServer server = PostgresTestServer.get();
            String template = server.migratedTemplate(name -> {
                // Closed before the template is copied: PostgreSQL refuses a template with open sessions.
                try (PostgresTestDatabase templateDatabase = new PostgresTestDatabase(server, name)) {
                    Migrations.migrate(templateDatabase.dataSource());
                    templateDatabase.keepDatabase = true;
                }
            });
            return new PostgresTestDatabase(server, server.createDatabase(template));
        }

        @Override
        public TestEngine engine() {
            return TestEngine.POSTGRESQL;
        }

        @Override
        public String url() {
            return server.urlOf(name);
        }

        @Override
        public String username() {
            return server.username();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public void close() {
            dataSource.close();
            if (!keepDatabase) {
                server.dropDatabase(name);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL database " + name;
        }
    }

    static final class SqliteTestDatabase implements TestDatabase {

        private final Path folder;
        private final Path file;
        private final HikariDataSource dataSource;

        private SqliteTestDatabase(Path folder) {
            this.folder = folder;
            this.file = folder.resolve("tradesense.db");
            this.dataSource = SqliteDataSources.pooled(SqliteDataSources.url(file), POOL_SIZE);
        }

        static SqliteTestDatabase create() {
            try {
                return new SqliteTestDatabase(Files.createTempDirectory("tradesense-test-sqlite"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The database file, e.g. for the {@code sqlite3} command-line shell. */
        public Path file() {
            return file;
        }

        @Override
        public TestEngine engine() {
            return TestEngine.SQLITE;
        }

        @Override
        public String url() {
            return SqliteDataSources.url(file);
        }

        @Override
        public String username() {
            return "";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public void close() {
            dataSource.close();
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "SQLite database " + file;
        }
    }
}
