package com.tradesense.batch.reports.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The portal over real HTTP: authentication, roles, downloads and their log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortalHttpContractTest {

    private Path folder;

    private TestDatabase database;
    private PortalTestServer server;
    private PortalTestServer.Reports reports;
    private LedgerFixtures ledger;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    protected abstract TestEngine engine();

    @BeforeAll
    void startPortal() throws java.io.IOException {
        folder = Files.createTempDirectory("portal-test");
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        reports = PortalTestServer.Reports.archive(database, folder.resolve("reports"));
        server = PortalTestServer.start(database, folder.resolve("reports"));
    }

    @AfterAll
    void stopPortal() {
        server.close();
        database.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(folder.toFile());
    }

    @Test
    void anonymousRequestsGet401FromTheApiAndTheLoginFormFromThePage() throws Exception {
        // when
        HttpResponse<String> api = get("/api/reports/" + reports.dailyAudit().id() + "/file", null);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url("/reports")))
                .header("Accept", "text/html,application/xhtml+xml").GET().build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        // when
        HttpResponse<String> response = get("/api/reports", new PortalTestServer.TestUser("ada", "guess", "ADMIN"));

        // then
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void financeCannotDownloadAnAuditPdfAndAUserWithoutRoleGetsNothing() throws Exception {
        // when
        HttpResponse<String> finance = get("/api/reports/" + reports.challengeAudit().id() + "/file",
                PortalTestServer.FINANCE);
        HttpResponse<String> noRole = get("/api/reports", PortalTestServer.NO_ROLE);
        HttpResponse<String> auditor = get("/api/reports/" + reports.mt5Workbook().id(), PortalTestServer.AUDITOR);

        // then
        assertThat(finance.statusCode()).isEqualTo(403);
        assertThat(noRole.statusCode()).isEqualTo(403);
        assertThat(auditor.statusCode()).isEqualTo(403);
    }

    @Test
    void eachRoleListsOnlyItsReportTypesAndFiltersApply() throws Exception {
        // when
        String finance = get("/api/reports?from=2026-01-01&to=2026-03-31", PortalTestServer.FINANCE).body();
        String auditor = get("/api/reports?from=2026-01-01&to=2026-03-31", PortalTestServer.AUDITOR).body();
        String mt5 = get("/api/reports?from=2026-01-01&to=2026-03-31&provider=mt5-live-1&type=RECONCILIATION_WORKBOOK",
                PortalTestServer.ADMIN).body();
        String march = get("/api/reports?from=2026-03-01&to=2026-03-31&provider=MT5-LIVE-1", PortalTestServer.ADMIN)
                .body();

        // then
        assertThat(finance).contains(reports.financeWorkbook().id().toString(), reports.mt5Workbook().id().toString(),
                reports.ctraderSummary().id().toString()).doesNotContain("AUDIT");
        assertThat(auditor).contains(reports.challengeAudit().id().toString(), reports.dailyAudit().id().toString())
                .doesNotContain("RECONCILIATION", "FINANCE_WORKBOOK");
        assertThat(mt5).contains(reports.mt5Workbook().id().toString(), reports.oldMt5Workbook().id().toString())
                .doesNotContain("CTRADER-EU");
        assertThat(march).contains(reports.mt5Workbook().id().toString())
                .doesNotContain(reports.oldMt5Workbook().id().toString());
    }

    @Test
    void aDownloadHasTheFormatsContentTypeAnAttachmentNameTheArchivedHashAndIsLogged() throws Exception {
        // given
        ArchivedReport workbook = reports.mt5Workbook();

        // when
        HttpResponse<byte[]> response = http.send(request("/api/reports/" + workbook.id() + "/file",
                PortalTestServer.FINANCE), HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment;").contains("reconciliation-workbook-2026-03-05-MT5-LIVE-1-v1.xlsx"));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())))
                .isEqualTo(workbook.sha256());
        assertThat(response.headers().firstValue("X-Report-SHA256")).hasValue(workbook.sha256());
        assertThat(ledger.queryString("SELECT username || ' ' || remote_address FROM report_downloads"
                + " WHERE report_id = ?", workbook.id())).isEqualTo("fiona 127.0.0.1");
    }

    @Test
    void onlyAReportIdReachesTheArchiveSoPathsInTheRequestFindNoFile() throws Exception {
        // given
        Files.writeString(folder.resolve("secret.txt"), "not a report");
        String before = ledger.queryString("SELECT COUNT(*) FROM report_downloads");

        // when
        HttpResponse<String> notAnId = get("/api/reports/..%2F..%2Fsecret.txt/file", PortalTestServer.ADMIN);
        HttpResponse<String> dotted = get("/api/reports/../../secret.txt", PortalTestServer.ADMIN);
        HttpResponse<String> pathParameter = get("/api/reports/" + reports.dailyAudit().id()
                + "/file?path=../secret.txt", PortalTestServer.ADMIN);
        HttpResponse<String> unknown = get("/api/reports/00000000-0000-4000-8000-000000000000/file",
                PortalTestServer.ADMIN);

        // then
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(dotted.statusCode()).isIn(400, 401, 403, 404);
        assertThat(dotted.body()).doesNotContain("not a report");
        assertThat(pathParameter.body()).doesNotContain("not a report").startsWith("DAILY_AUDIT");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Integer.parseInt(ledger.queryString("SELECT COUNT(*) FROM report_downloads")))
                .isEqualTo(Integer.parseInt(before) + 1);
    }

    @Test
    void thePageEscapesAndListsWithTheHash() throws Exception {
        // when
        HttpResponse<String> page = get("/reports?from=2026-03-01&to=2026-03-31&provider=%3Cscript%3E",
                PortalTestServer.ADMIN);
        HttpResponse<String> all = get("/reports?from=2026-03-01&to=2026-03-31", PortalTestServer.ADMIN);

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;").doesNotContain("<script>").contains("0 reports");
        assertThat(all.body()).contains(reports.dailyAudit().sha256()).contains("5 reports");
    }

    private HttpResponse<String> get(String path, PortalTestServer.TestUser user) throws Exception {
        return http.send(request(path, user), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, PortalTestServer.TestUser user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }
}
