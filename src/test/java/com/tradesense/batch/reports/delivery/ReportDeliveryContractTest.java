package com.tradesense.batch.reports.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.ledger.EventAppender;
import com.tradesense.batch.ledger.NewEvent;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** E-mail of the audit PDFs after {@code run audit-report}, against a real SMTP server in the test JVM. */
abstract class ReportDeliveryContractTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);
    private static final List<String> AUDITORS = List.of("audit-one@example.com", "audit-two@example.com");

    @TempDir
    Path folder;

    private TestDatabase database;
    private LedgerFixtures ledger;
    private CliRunner cli;
    private int port;
    private GreenMail mail;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws Exception {
        database = TestDatabases.migrated(engine());
        ledger = new LedgerFixtures(database);
        cli = new CliRunner(database, LATER);
        UUID trader = ledger.user("carol.trader@example.com");
        UUID failed = ledger.activeChallenge(trader, Instant.parse("2026-03-03T09:00:00Z"));
        ledger.trade(failed, Instant.parse("2026-03-05T11:30:00Z"), "-6000.00", "0.00", "5.00");
        ledger.execute("UPDATE challenges SET status = 'FAILED', failure_reason = 'DAILY_DRAWDOWN_EXCEEDED',"
                + " ended_at = ?, current_equity = ?, max_equity_ever = ? WHERE id = ?",
                Instant.parse("2026-03-05T11:30:00Z"), new BigDecimal("93995.00"), new BigDecimal("100000.00"), failed);
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new EventAppender(database.dialect()).append(c, new NewEvent(failed, "CHALLENGE_FAILED",
                    CanonicalJson.write(Map.of("failure_reason", "DAILY_DRAWDOWN_EXCEEDED", "to_status", "FAILED")),
                    "Challenge failed", Instant.parse("2026-03-05T11:30:00Z"), "test", null, "failed:" + failed),
                    Instant.parse("2026-03-05T11:30:00Z"));
            c.commit();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free now; nothing listens there until a test starts the server
        }
    }

    @AfterEach
    void stopEverything() {
        if (mail != null) {
            mail.stop();
        }
        database.close();
    }

    @Test
    void emailsEveryNewAuditPdfToEachAuditorWithTheManifestLineAndTheSealChainHead() throws Exception {
        // given
        startMailServer();

        // when
        CliRunner.Outcome outcome = run();

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(mail.waitForIncomingEmail(10_000, 4)).isTrue();
        MimeMessage[] messages = mail.getReceivedMessages();
        assertThat(messages).hasSize(4);
        String sealHash = ledger.queryString("SELECT seal_hash FROM ledger_seals WHERE business_date = '2026-03-05'");
        for (MimeMessage message : messages) {
            Mail received = Mail.of(message);
            String type = message.getSubject().contains("CHALLENGE_AUDIT") ? "CHALLENGE_AUDIT" : "DAILY_AUDIT";
            String sha256 = ledger.queryString("SELECT sha256 FROM generated_reports WHERE report_type = ?", type);
            String path = ledger.queryString("SELECT path FROM generated_reports WHERE report_type = ?", type);
            assertThat(received.attachmentSha256()).isEqualTo(sha256);
            assertThat(received.attachmentName()).endsWith("-v1.pdf").startsWith(type.toLowerCase().replace('_', '-'));
            assertThat(received.text()).contains("Ledger seal chain head of 2026-03-05").contains(sealHash)
                    .contains("\"path\":\"" + path + "\"").contains("\"sha256\":\"" + sha256 + "\"");
        }
        assertThat(recipientsOf(messages)).containsExactlyInAnyOrder(AUDITORS.get(0), AUDITORS.get(0),
                AUDITORS.get(1), AUDITORS.get(1));
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries WHERE status = 'SENT' AND attempts = 1"
                + " AND sent_at IS NOT NULL AND last_error IS NULL")).isEqualTo("4");
    }

    @Test
    void aRerunThatWritesIdenticalReportsSendsNothingAgain() throws Exception {
        // given
        startMailServer();
        assertThat(run().status()).isZero();
        assertThat(mail.waitForIncomingEmail(10_000, 4)).isTrue();

        // when
        CliRunner.Outcome rerun = run("--rerun");

        // then
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM generated_reports WHERE report_type = 'DAILY_AUDIT'"))
                .isEqualTo("2");
        assertThat(mail.getReceivedMessages()).hasSize(4);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries")).isEqualTo("4");
    }

    @Test
    void aSendThatFailedWhileTheServerWasDownIsRetriedOnTheNextRunAndSentExactlyOnce() throws Exception {
        // given: no server listens on the configured port
        CliRunner.Outcome down = run();
        assertThat(down.status()).as("the report job never fails because of mail: " + down.err()).isZero();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM generated_reports WHERE format = 'PDF'")).isEqualTo("2");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries WHERE status = 'SENT'")).isEqualTo("0");
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries WHERE status = 'FAILED' AND attempts = 1"
                + " AND last_error IS NOT NULL")).isEqualTo(String.valueOf(ReportDeliveryService.FAILURES_IN_A_ROW_LIMIT));
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries")).isEqualTo("4");

        // when: the server is back and the next run comes
        startMailServer();
        CliRunner.Outcome next = run("--rerun");
        CliRunner.Outcome another = run("--rerun");

        // then
        assertThat(next.status()).as(next.err()).isZero();
        assertThat(another.status()).as(another.err()).isZero();
        assertThat(mail.waitForIncomingEmail(10_000, 4)).isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(4);
        List<String> sent = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            sent.add(message.getAllRecipients()[0] + " " + message.getHeader(ReportDeliveryService.DELIVERY_HEADER)[0]);
        }
        assertThat(sent).doesNotHaveDuplicates();
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries WHERE status = 'SENT'")).isEqualTo("4");
    }

    @Test
    void aFailedSendWaitsForItsBackoffBeforeTheNextAttempt() throws Exception {
        // given: the first attempt failed with the default one-minute wait
        assertThat(run("--tradesense.reports.delivery.retry-base=1m").status()).isZero();
        Instant failedAt = ledger.queryInstant("SELECT MIN(next_attempt_at) FROM report_deliveries"
                + " WHERE status = 'FAILED'").minus(Duration.ofMinutes(1));
        startMailServer();

        // when
        ReportDeliveryService.Outcome tooEarly = service(failedAt.plusSeconds(50)).deliverDue();
        ReportDeliveryService.Outcome due = service(failedAt.plusSeconds(70)).deliverDue();

        // then
        assertThat(tooEarly.sent()).isEqualTo(1); // only the delivery never tried in the failed run
        assertThat(due.sent()).isEqualTo(3);
        assertThat(mail.getReceivedMessages()).hasSize(4);
        assertThat(ledger.queryString("SELECT MAX(attempts) FROM report_deliveries")).isEqualTo("2");
    }

    @Test
    void smtpAuthenticationIsConfigurableAndARejectedLoginIsRecordedThenRetried() throws Exception {
        // given: a server that knows one sender account
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("reports@example.com", "reports", "s3cret"));
        mail.start();

        // when
        CliRunner.Outcome wrong = run("--spring.mail.username=reports", "--spring.mail.password=guess",
                "--spring.mail.properties.[mail.smtp.auth]=true");
        String error = ledger.queryString("SELECT MIN(last_error) FROM report_deliveries");
        CliRunner.Outcome right = run("--rerun", "--spring.mail.username=reports", "--spring.mail.password=s3cret",
                "--spring.mail.properties.[mail.smtp.auth]=true");

        // then
        assertThat(wrong.status()).isZero();
        assertThat(error).containsIgnoringCase("authentication");
        assertThat(right.status()).as(right.err()).isZero();
        assertThat(mail.waitForIncomingEmail(10_000, 4)).isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(4);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM report_deliveries WHERE status = 'SENT'")).isEqualTo("4");
    }

    private ReportDeliveryService service(Instant now) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new ReportDeliveryService(database.dataSource(), database.dialect(),
                new ReportArchive(database.dataSource(), database.dialect(), folder.resolve("reports")),
                new DeliverySettings(AUDITORS, "reports@example.com", Duration.ofMinutes(1), Duration.ofHours(6)),
                Optional.of(sender), Clock.fixed(now, ZoneOffset.UTC));
    }

    private void startMailServer() {
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    private CliRunner.Outcome run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "audit-report", "--date=2026-03-05",
                "generated-at=2026-03-06T07:30:00Z",
                "--tradesense.reports-folder=" + folder.resolve("reports"),
                "--tradesense.reports-templates-folder=" + folder.resolve("templates"),
                "--tradesense.reports.auditors=" + String.join(",", AUDITORS),
                "--tradesense.reports.delivery.retry-base=0s",
                "--tradesense.mail.from=reports@example.com",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + port));
        for (String e : extra) {
            if (e.startsWith("--tradesense.reports.delivery.retry-base=")) {
                args.remove("--tradesense.reports.delivery.retry-base=0s");
            }
            args.add(e);
        }
        return cli.run(args.toArray(String[]::new));
    }

    private static List<String> recipientsOf(MimeMessage[] messages) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : messages) {
            recipients.add(message.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        return recipients;
    }

    /** The text and the one attachment of a received message. */
    record Mail(String text, String attachmentName, String attachmentSha256) {

        static Mail of(MimeMessage message) throws Exception {
            StringBuilder text = new StringBuilder();
            String[] attachment = new String[2];
            walk(message, text, attachment);
            return new Mail(text.toString(), attachment[0], attachment[1]);
        }

        private static void walk(Part part, StringBuilder text, String[] attachment) throws Exception {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, text, attachment);
                }
            } else if (part.getFileName() != null) {
                attachment[0] = part.getFileName();
                attachment[1] = sha256(part.getInputStream());
            } else if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            }
        }

        private static String sha256(InputStream in) throws IOException, java.security.NoSuchAlgorithmException {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

}
