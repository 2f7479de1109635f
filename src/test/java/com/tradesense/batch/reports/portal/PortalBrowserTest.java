package com.tradesense.batch.reports.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal page as a person uses it, in a real headless Chromium: sign in, filter, download, and the downloaded
 * file's SHA-256 is the one in the archive.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them). Where they are
 * missing the test fails when {@code CI=true} or {@code TRADESENSE_REQUIRE_BROWSER=true} (so CI can never pass
 * without running it) and is skipped otherwise.
 */
class PortalBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("tradesense.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("tradesense.chromedriver",
            "/usr/bin/chromedriver"));

    @TempDir
    Path folder;

    private TestDatabase database;
    private PortalTestServer server;
    private PortalTestServer.Reports reports;
    private WebDriver browser;
    private Path downloads;

    @BeforeEach
    void startPortalAndBrowser() throws Exception {
        requireBrowser();
        database = TestDatabases.migrated(TestEngine.SQLITE);
        reports = PortalTestServer.Reports.archive(database, folder.resolve("reports"));
        server = PortalTestServer.start(database, folder.resolve("reports"));
        downloads = Files.createDirectories(folder.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", downloads.toString());
        preferences.put("download.prompt_for_download", false);
        preferences.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void financeSignsInFiltersByProviderAndDownloadsTheWorkbookWithTheArchivedHash() throws Exception {
        // given
        ArchivedReport workbook = reports.mt5Workbook();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        // when: a person opens the portal and is sent to sign in
        browser.get(server.url("/reports"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(PortalTestServer.FINANCE.name());
        browser.findElement(By.id("password")).sendKeys(PortalTestServer.FINANCE.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reports")));

        // then: signed in, and only the finance types are offered
        assertThat(browser.findElement(By.id("user")).getText()).contains("fiona").contains("FINANCE");
        assertThat(new Select(browser.findElement(By.id("type"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("all", "FINANCE_WORKBOOK", "RECONCILIATION_SUMMARY", "RECONCILIATION_WORKBOOK");

        // when: filters by type, date range and provider
        new Select(browser.findElement(By.id("type"))).selectByVisibleText("RECONCILIATION_WORKBOOK");
        setValue("from", "2026-01-01");
        setValue("to", "2026-03-31");
        browser.findElement(By.id("provider")).sendKeys("MT5-LIVE-1");
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.textToBe(By.id("count"), "2 reports"));

        // then: both MT5 workbooks, nothing else
        assertThat(rows()).extracting(row -> row.getAttribute("data-report-id"))
                .containsExactlyInAnyOrder(workbook.id().toString(), reports.oldMt5Workbook().id().toString());

        // when: narrows the dates to March
        setValue("from", "2026-03-01");
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.textToBe(By.id("count"), "1 report"));
        WebElement row = rows().get(0);

        // then: the row shows the archived hash (a screenshot is kept in target/ for a person to look at)
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "portal-browser-test.png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(row.getAttribute("data-report-id")).isEqualTo(workbook.id().toString());
        assertThat(row.findElement(By.cssSelector("td.sha")).getText()).isEqualTo(workbook.sha256());

        // when: downloads it
        row.findElement(By.cssSelector("a.download")).click();
        Path downloaded = awaitDownload(workbook.sizeBytes(), Duration.ofSeconds(30));

        // then
        assertThat(downloaded.getFileName().toString()).isEqualTo("reconciliation-workbook-2026-03-05-MT5-LIVE-1-v1.xlsx");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(downloaded))))
                .isEqualTo(workbook.sha256());
        assertThat(new LedgerFixtures(database).queryString("SELECT username FROM report_downloads WHERE report_id = ?",
                workbook.id())).isEqualTo("fiona");
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#reports tbody tr"));
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    /**
     * Chromium may create the file under its final name before the bytes arrive (beside a {@code .crdownload}), so
     * a download is finished only when no partial file is left and the file has the archived size.
     */
    private Path awaitDownload(long expectedSize, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                boolean partial = names.stream().anyMatch(name -> name.endsWith(".crdownload"));
                List<Path> done = names.stream().filter(name -> !name.startsWith(".") && !name.endsWith(".crdownload"))
                        .map(downloads::resolve).toList();
                if (!partial && !done.isEmpty() && Files.size(done.get(0)) == expectedSize) {
                    return done.get(0);
                }
            }
            Thread.sleep(100);
        }
        return fail("No download finished in " + timeout + " (folder: " + List.of(new File(downloads.toString()).list()) + ")");
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        String message = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed:"
                + " apt-get install chromium chromium-driver";
        boolean required = "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("TRADESENSE_REQUIRE_BROWSER"));
        if (required) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
