package com.tradesense.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run audit-report} and {@code verify} through the real command line, on every engine. */
abstract class AuditReportJobContractTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private TestDatabase database;
    private LedgerFixtures ledger;
    private CliRunner cli;
    private UUID failed;

    protected abstract TestEngine engine();

    protected abstract String dropTradeUpdateGuard();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        cli = new CliRunner(database, LATER);
        UUID trader = ledger.user("alice.trader@example.com");
        failed = ledger.activeChallenge(trader, Instant.parse("2026-03-03T09:00:00Z"));
        ledger.trade(failed, Instant.parse("2026-03-04T10:00:00Z"), "1500.00", "0.00", "5.00");
        ledger.trade(failed, Instant.parse("2026-03-05T09:00:00Z"), "-2000.00", "0.00", "5.00");
        // 101495.00 opening; -5310.00 over the day takes equity to 96185.00: 5.2318% of the opening, over 5%.
        ledger.trade(failed, Instant.parse("2026-03-05T11:30:00Z"), "-3300.00", "0.00", "5.00");
        ledger.execute("UPDATE challenges SET status = 'FAILED', failure_reason = 'DAILY_DRAWDOWN_EXCEEDED',"
                + " ended_at = ?, current_equity = ?, max_equity_ever = ? WHERE id = ?",
                Instant.parse("2026-03-05T11:30:00Z"), new BigDecimal("96185.00"), new BigDecimal("101495.00"), failed);
        event(failed, "CHALLENGE_FAILED", Map.of("failure_reason", "DAILY_DRAWDOWN_EXCEEDED", "to_status", "FAILED"),
                "Challenge failed: daily drawdown 5.2318% reached the 5.00% limit", "2026-03-05T11:30:00Z");
        event(failed, "DAILY_PNL_CALCULATED", pnl("2026-03-05"), "Daily P&L of 2026-03-05: -5310.00",
                "2026-03-06T00:00:00Z");
        ledger.execute("INSERT INTO payments (user_id, challenge_id, provider, provider_payment_id, amount, currency,"
                + " status, created_at) VALUES (?, ?, 'STRIPE', '=HYPERLINK(\"x\")', ?, 'USD', 'SUCCESS', ?)",
                trader, failed, new BigDecimal("549.00"), Instant.parse("2026-03-05T08:00:00Z"));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void rendersSealsAndArchivesEveryReportOfTheDay() throws Exception {
        // when
        CliRunner.Outcome outcome = run();

        // then
        assertThat(outcome.status()).as(outcome.err() + outcome.out()).isZero();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM ledger_seals WHERE business_date = '2026-03-05'"))
                .isEqualTo("1");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM generated_reports")).isEqualTo("4");
        String challengePdf = text(file("CHALLENGE_AUDIT"));
        assertThat(challengePdf).contains("Challenge audit report").contains(failed.toString())
                .contains("a***@e***.com").doesNotContain("alice.trader")
                .contains("DAILY_DRAWDOWN_EXCEEDED").contains("reached 5.2318% against the limit of 5.00%").contains("96,185.00")
                .contains("Page 1 of");
        assertThat(challengePdf.replaceAll("\\s+", "")).contains("Equityreplayedfromtheledger96,185.0096,185.00OK")
                .contains("Tradesequencenumbers1..3withoutgaps1..3OK");
        assertThat(text(file("DAILY_AUDIT"))).contains("Daily audit report").contains("CHALLENGE_FAILED")
                .contains("no reconciliation data");
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(file("MANIFEST")));
        assertThat(manifest.get("files")).hasSize(3);
        for (JsonNode entry : manifest.get("files")) {
            Path listed = folder.resolve("reports").resolve(entry.get("path").asText());
            assertThat(entry.get("sha256").asText()).isEqualTo(sha256(listed));
            assertThat(entry.get("size_bytes").asLong()).isEqualTo(Files.size(listed));
        }
        assertThat(manifest.get("seal").get("seal_hash").asText())
                .isEqualTo(ledger.queryString("SELECT seal_hash FROM ledger_seals"));
    }

    @Test
    void challengeParameterRendersThatChallengeAndAnEditedTitleShowsWithoutARebuild() throws Exception {
        // given
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("challenge-audit.yml"), "title: \"Prüfbericht der Challenge\"\n");

        // when
        CliRunner.Outcome outcome = run("challenge=" + failed);

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM generated_reports WHERE report_type = 'CHALLENGE_AUDIT'"
                + " AND subject = ?", failed.toString())).isEqualTo("1");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM generated_reports WHERE report_type = 'DAILY_AUDIT'"))
                .isEqualTo("0");
        assertThat(text(file("CHALLENGE_AUDIT"))).contains("Prüfbericht der Challenge")
                .doesNotContain("Challenge audit report");
    }

    @Test
    void logoPictureNamedByTheTemplateIsDrawnInThePdf() throws Exception {
        // given: a picture beside the template
        Path templates = Files.createDirectories(folder.resolve("templates"));
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(120, 24,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(picture, "png", templates.resolve("logo.png").toFile());
        Files.writeString(templates.resolve("challenge-audit.yml"), "logo:\n  image: \"logo.png\"\n");

        // when
        CliRunner.Outcome outcome = run("challenge=" + failed);

        // then: the page carries an image, not the word mark
        assertThat(outcome.status()).as(outcome.err()).isZero();
        byte[] pdf = Files.readAllBytes(file("CHALLENGE_AUDIT"));
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/Subtype/Image");
    }

    @Test
    void brokenTemplateFailsTheJobNamingTheFileAndTheProblem() throws Exception {
        // given
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("daily-audit.yml"), "colours:\n  accent: \"blue\"\n");

        // when
        CliRunner.Outcome outcome = run();

        // then
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).contains("daily-audit.yml").contains("colours.accent").contains("#RRGGBB");
    }

    @Test
    void verifyPassesAfterTheJobAndNamesATradeChangedBehindTheTriggersBack() throws Exception {
        // given
        assertThat(run().status()).isZero();
        assertThat(cli.run("verify").status()).isZero();
        String trade = ledger.queryString("SELECT id FROM trades WHERE realized_pnl = ?", new BigDecimal("-3300.00"));
        ledger.execute(dropTradeUpdateGuard());
        ledger.execute("UPDATE trades SET realized_pnl = ? WHERE id = ?", new BigDecimal("-330.00"), UUID.fromString(trade));

        // when
        CliRunner.Outcome verify = cli.run("verify");

        // then
        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.err()).contains("trade " + trade).contains("no longer matches");
    }

    private CliRunner.Outcome run(String... parameters) {
        String[] args = new String[parameters.length + 6];
        args[0] = "run";
        args[1] = "audit-report";
        args[2] = "--date=2026-03-05";
        System.arraycopy(parameters, 0, args, 3, parameters.length);
        args[parameters.length + 3] = "generated-at=2026-03-06T07:30:00Z";
        args[parameters.length + 4] = "--tradesense.reports-folder=" + folder.resolve("reports");
        args[parameters.length + 5] = "--tradesense.reports-templates-folder=" + folder.resolve("templates");
        return cli.run(args);
    }

    private Path file(String type) throws SQLException {
        String path = ledger.queryString("SELECT path FROM generated_reports WHERE report_type = ?"
                + " ORDER BY version DESC", type);
        assertThat(path).as("a " + type + " report").isNotNull();
        return folder.resolve("reports").resolve(path);
    }

    static String text(Path pdf) throws IOException {
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void event(UUID challenge, String type, Map<String, Object> data, String description, String at)
            throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new EventAppender(database.dialect()).append(c, new NewEvent(challenge, type, CanonicalJson.write(data),
                    description, Instant.parse(at), "test", null, type + ":" + challenge), Instant.parse(at));
            c.commit();
        }
    }

    private static Map<String, Object> pnl(String date) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("business_date", date);
        data.put("trade_count", 2);
        data.put("opening_equity", "101495.00");
        data.put("closing_equity", "96185.00");
        data.put("lowest_equity", "96185.00");
        data.put("net_pnl", "-5310.00");
        data.put("realized_pnl", "-5300.00");
        data.put("commission", "10.00");
        data.put("swap", "0.00");
        data.put("volume", "2.00000000");
        data.put("max_daily_drawdown_pct_used", "5.2318");
        return data;
    }
}
