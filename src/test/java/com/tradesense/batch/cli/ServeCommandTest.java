package com.tradesense.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --demo-users}: a servlet application that prints its address and the demo logins, and lets them in. */
class ServeCommandTest {

    private static final Pattern ADDRESS = Pattern.compile("http://localhost:(\\d+)/reports");

    @TempDir
    Path folder;

    @Test
    void serveWithDemoUsersPrintsTheLoginsAndAcceptsThemUntilStopped() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger status = new AtomicInteger(-1);
            Thread server = new Thread(() -> status.set(TradeSenseCli.execute(new String[] {"serve", "--demo-users",
                    "--server.port=0", "--spring.datasource.url=" + database.url(),
                    "--tradesense.reports-folder=" + folder.resolve("reports")},
                    Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC),
                    new PrintWriter(out, true), new PrintWriter(err, true))));
            server.start();

            // when
            int port = awaitPort(out, err);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> demo = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/reports")).header("Authorization", basic("finance", "finance-demo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> guess = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/reports")).header("Authorization", basic("finance", "finance")).build(),
                    HttpResponse.BodyHandlers.ofString());
            server.interrupt();
            server.join(30_000);

            // then
            assertThat(out.toString()).contains("finance").contains("finance-demo").contains("auditor-demo")
                    .contains("admin-demo");
            assertThat(demo.statusCode()).isEqualTo(200);
            assertThat(demo.body()).isEqualTo("[]");
            assertThat(guess.statusCode()).isEqualTo(401);
            assertThat(server.isAlive()).isFalse();
            assertThat(status.get()).isZero();
        }
    }

    private static int awaitPort(StringWriter out, StringWriter err) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher matcher = ADDRESS.matcher(out.toString());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            assertThat(err.toString()).as("serve failed").isEmpty();
            Thread.sleep(100);
        }
        throw new AssertionError("serve printed no address: " + out + err);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
