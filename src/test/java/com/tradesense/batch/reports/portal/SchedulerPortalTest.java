package com.tradesense.batch.reports.portal;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In scheduler mode the same servlet application serves the portal beside the actuator probes. */
class SchedulerPortalTest {

    @TempDir
    Path folder;

    @Test
    void theSchedulerServesThePortalBehindTheLoginAndLeavesTheProbesOpen() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given
            PortalTestServer.Reports reports = PortalTestServer.Reports.archive(database, folder.resolve("reports"));
            SchedulerLauncher.Started started = SchedulerLauncher.start(List.of(
                    "--spring.datasource.url=" + database.url(), "--server.port=0",
                    "--tradesense.jobs-folder=" + Files.createDirectories(folder.resolve("jobs")),
                    "--tradesense.reconciliation.inbox=" + Files.createDirectories(folder.resolve("inbox")),
                    "--tradesense.reports-folder=" + folder.resolve("reports"),
                    "--spring.profiles.active=portal-demo"), Clock.systemUTC(),
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
            assertThat(started.context()).as("scheduler started").isNotNull();
            try {
                int port = Integer.parseInt(started.context().getEnvironment().getProperty("local.server.port"));

                // when
                HttpResponse<String> anonymous = get(port, "/api/reports?from=2026-03-01&to=2026-03-31", null);
                HttpResponse<String> auditor = get(port, "/api/reports?from=2026-03-01&to=2026-03-31",
                        "auditor:auditor-demo");
                HttpResponse<String> health = get(port, "/actuator/health", null);

                // then
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(auditor.statusCode()).isEqualTo(200);
                assertThat(auditor.body()).contains(reports.dailyAudit().id().toString())
                        .doesNotContain(reports.mt5Workbook().id().toString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            } finally {
                started.context().close();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (login != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
