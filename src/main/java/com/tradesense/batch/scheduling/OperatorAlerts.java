package com.tradesense.batch.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells the operators that something needs them: always a log line at ERROR and the counter
 * {@code tradesense.alerts{kind}}, and an e-mail to {@code tradesense.alerts.mail-to} when mail is configured
 * ({@code spring.mail.host}). A mail server that is down never hides the alert: the log line and the metric stay.
 */
@Component
public class OperatorAlerts {

    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);

    private final MeterRegistry meters;
    private final ObjectProvider<JavaMailSender> mail;
    private final String[] recipients;
    private final String from;

    public OperatorAlerts(MeterRegistry meters, ObjectProvider<JavaMailSender> mail,
                          @Value("${tradesense.alerts.mail-to:}") String recipients,
                          @Value("${tradesense.alerts.mail-from:tradesense-batch@localhost}") String from) {
        this.meters = meters;
        this.mail = mail;
        this.recipients = Arrays.stream(recipients.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        this.from = from;
    }

    public void raise(String kind, String subject, String detail) {
        log.error("ALERT {}: {} - {}", kind, subject, detail);
        meters.counter("tradesense.alerts", "kind", kind).increment();
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || recipients.length == 0) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipients);
        message.setSubject("[TradeSense batch] " + subject);
        message.setText(detail);
        try {
            sender.send(message);
        } catch (MailException e) {
            meters.counter("tradesense.alerts.mail.failed").increment();
            log.error("ALERT {}: the e-mail to the operators could not be sent: {}", kind, e.getMessage());
        }
    }
}
