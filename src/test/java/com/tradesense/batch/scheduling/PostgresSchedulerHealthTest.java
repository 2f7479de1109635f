package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.cli.SchedulerLauncher;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's health endpoint and metrics on PostgreSQL, and health going DOWN when the database is gone. */
class PostgresSchedulerHealthTest {

    @TempDir
    Path folder;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void allowConnections(TestDatabase database, boolean allow) throws Exception {
        String name = database.url().replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("\\?.*$", "");
        String admin = database.url().replaceFirst("/" + java.util.regex.Pattern.quote(name) + "(\\?|$)", "/postgres$1");
        try (Connection c = DriverManager.getConnection(admin, database.username(), database.password());
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        }
    }

    @Test
    void healthIsUpWithTheSchedulerRunningAndDownWhenTheDatabaseIsUnreachable() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.POSTGRESQL)) {
            // given
            SchedulerLauncher.Started started = SchedulerLauncher.start(
                    SchedulerFixtures.settings(database, folder, "--tradesense.database.connection-timeout=PT2S"),
                    Clock.systemUTC(), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
            try {
                int port = Integer.parseInt(started.context().getEnvironment().getProperty("local.server.port"));
                HttpResponse<String> up = get(port, "/actuator/health");
                HttpResponse<String> metrics = get(port, "/actuator/prometheus");
                HttpResponse<String> other = get(port, "/actuator/env");

                // when
                allowConnections(database, false);
                HttpResponse<String> down = get(port, "/actuator/health");

                // then
                assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
                assertThat(up.body()).contains("\"scheduler\":{\"details\":{").contains("\"clustered\":true")
                        .contains("\"inbox\"").contains("\"db\"");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("tradesense_job_last_success_business_date{job=\"nightly\"}")
                        .contains("tradesense_reconciliation_breaks_open{type=\"MISSING_IN_LEDGER\"}")
                        .contains("tradesense_reports_deliveries{status=\"SENT\"}")
                        .contains("tradesense_reports_deliveries{status=\"FAILED\"}");
                assertThat(other.statusCode()).as("only health and prometheus are exposed").isEqualTo(404);
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"");
                assertThat(down.body()).containsPattern("\"db\":\\{[^}]*\"status\":\"DOWN\"|\"db\":\\{\"details\":\\{[^}]*\\},\"status\":\"DOWN\"");
            } finally {
                allowConnections(database, true);
                started.context().close();
            }
        }
    }
}
