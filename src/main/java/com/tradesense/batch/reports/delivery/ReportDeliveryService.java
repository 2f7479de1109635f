package com.tradesense.batch.reports.delivery;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.ReportTypes;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.archive.ReportFormat;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.LedgerSealer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends the audit PDFs to the auditors. {@link #enqueue} records one delivery per new audit PDF and auditor;
 * {@link #deliverDue} sends every delivery whose attempt is due and records the outcome per recipient. A failed send
 * is tried again on a later run after a doubling wait; a sent one is never sent again.
 *
 * <p>What "never twice" can and cannot promise: an attempt is claimed in the database before the mail server is
 * contacted, so two runs never send the same delivery at once. If the process dies after the server accepted the
 * message but before "sent" was written, the delivery becomes due again after the claim's lease; SMTP offers no
 * way to make that window disappear. Such a repeat carries the same {@value #DELIVERY_HEADER} header.
 */
public final class ReportDeliveryService {

    public static final String DELIVERY_HEADER = "X-TradeSense-Delivery";
    static final Set<String> AUDIT_TYPES = Set.of(ReportTypes.CHALLENGE_AUDIT, ReportTypes.DAILY_AUDIT);
    /** A run stops trying after this many failures in a row: the server is most likely down for everybody. */
    static final int FAILURES_IN_A_ROW_LIMIT = 3;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(ReportDeliveryService.class);

    /** What one run did. */
    public record Outcome(int enqueued, int sent, int failed, int postponed) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ReportArchive archive;
    private final ReportDeliveries deliveries;
    private final DeliverySettings settings;
    private final Optional<JavaMailSender> sender;
    private final Clock clock;

    /**
     * @param sender empty when no mail server is configured ({@code spring.mail.host}): deliveries are recorded as
     *               failed and stay due, so they go out once a server is configured
     */
    public ReportDeliveryService(DataSource dataSource, Dialect dialect, ReportArchive archive,
                                 DeliverySettings settings, Optional<JavaMailSender> sender, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.archive = archive;
        this.deliveries = new ReportDeliveries(dataSource, dialect);
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
    }

    /** Records a delivery to every auditor for each audit PDF that a job execution archived. */
    public int enqueue(long jobExecutionId) throws SQLException {
        if (settings.auditors().isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int recorded = 0;
        for (UUID report : auditPdfsOf(jobExecutionId)) {
            for (String auditor : settings.auditors()) {
                if (deliveries.enqueue(report, auditor, now)) {
                    recorded++;
                }
            }
        }
        return recorded;
    }

    /** Enqueues the job execution's audit PDFs, then sends everything due. */
    public Outcome run(long jobExecutionId) throws SQLException {
        int enqueued = enqueue(jobExecutionId);
        Outcome sent = deliverDue();
        return new Outcome(enqueued, sent.sent(), sent.failed(), sent.postponed());
    }

    /** Sends every due delivery (including earlier failures whose wait is over). */
    public Outcome deliverDue() throws SQLException {
        List<ReportDeliveries.Delivery> due = deliveries.due(clock.instant(), BATCH);
        int sent = 0;
        int failed = 0;
        int failuresInARow = 0;
        for (int i = 0; i < due.size(); i++) {
            if (failuresInARow >= FAILURES_IN_A_ROW_LIMIT) {
                log.warn("Report delivery: {} failures in a row, {} deliveries left for a later run",
                        failuresInARow, due.size() - i);
                return new Outcome(0, sent, failed, due.size() - i);
            }
            ReportDeliveries.Delivery delivery = due.get(i);
            if (!deliveries.claim(delivery, clock.instant().plus(LEASE))) {
                continue; // another run took it
            }
            int attempt = delivery.attempts() + 1;
            try {
                send(delivery);
                deliveries.markSent(delivery.id(), clock.instant());
                log.info("Report {} sent to {} (attempt {})", delivery.reportId(), delivery.recipient(), attempt);
                sent++;
                failuresInARow = 0;
            } catch (MessagingException | IOException | RuntimeException e) {
                // MailException, a missing file or report, a misconfiguration: all recorded on this delivery
                Instant next = clock.instant().plus(settings.backoff(attempt));
                String error = describe(e);
                deliveries.markFailed(delivery.id(), error, next);
                log.warn("Report {} to {} failed (attempt {}), next attempt from {}: {}", delivery.reportId(),
                        delivery.recipient(), attempt, next, error);
                failed++;
                failuresInARow++;
            }
        }
        return new Outcome(0, sent, failed, 0);
    }

    private void send(ReportDeliveries.Delivery delivery) throws MessagingException, IOException, SQLException {
        JavaMailSender mail = sender.orElseThrow(() -> new DeliveryException(
                "no mail server configured (spring.mail.host)"));
        ArchivedReport report = archive.find(delivery.reportId())
                .orElseThrow(() -> new DeliveryException("report " + delivery.reportId() + " is not in the archive"));
        Path file = archive.file(report);
        if (!Files.isRegularFile(file)) {
            throw new DeliveryException("the file of report " + report.id() + " is missing: " + report.path());
        }
        Optional<ArchivedReport> manifestReport = manifestOf(report);
        Optional<byte[]> manifest = manifestReport.map(archive::file).filter(Files::isRegularFile).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                return null;
            }
        });
        Optional<LedgerSeal> seal = new LedgerSealer(dataSource, dialect).find(report.businessDate());
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper mime = new MimeMessageHelper(message, true, "UTF-8");
        mime.setFrom(settings.from());
        mime.setTo(delivery.recipient());
        mime.setSubject(AuditorMail.subject(report));
        mime.setText(AuditorMail.body(report, manifestReport, manifest, seal));
        mime.addAttachment(ReportFileName.of(report), new FileSystemResource(file), report.format().contentType());
        message.setHeader(DELIVERY_HEADER, delivery.id().toString());
        mail.send(message);
    }

    /** The manifest written by the same job execution as the report, else the latest one of its business date. */
    private Optional<ArchivedReport> manifestOf(ArchivedReport report) {
        List<ArchivedReport> manifests = new ArrayList<>(archive.list(report.businessDate(), report.businessDate())
                .stream().filter(r -> r.reportType().equals(ReportTypes.MANIFEST)).toList());
        manifests.sort(Comparator.comparingInt(ArchivedReport::version).reversed());
        return manifests.stream()
                .filter(m -> m.jobExecutionId() != null && m.jobExecutionId().equals(report.jobExecutionId()))
                .findFirst()
                .or(() -> manifests.stream().findFirst());
    }

    private List<UUID> auditPdfsOf(long jobExecutionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM generated_reports WHERE job_execution_id = ?"
                     + " AND format = ? AND report_type IN (?, ?) ORDER BY report_type, subject, version")) {
            ps.setLong(1, jobExecutionId);
            ps.setString(2, ReportFormat.PDF.name());
            ps.setString(3, ReportTypes.CHALLENGE_AUDIT);
            ps.setString(4, ReportTypes.DAILY_AUDIT);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(dialect.getUuid(rs, "id"));
                }
            }
            return ids;
        }
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            text.append(" / ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            cause = cause.getCause();
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A delivery that cannot be attempted (nothing to send, nowhere to send it). */
    static final class DeliveryException extends RuntimeException {
        DeliveryException(String message) {
            super(message);
        }
    }
}
