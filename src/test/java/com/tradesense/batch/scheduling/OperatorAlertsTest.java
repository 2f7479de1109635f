package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class OperatorAlertsTest {

    /** Records what would be sent, or fails like an unreachable server. */
    private static final class RecordingMailSender extends JavaMailSenderImpl {
        final List<SimpleMailMessage> sent = new ArrayList<>();
        boolean down;

        @Override
        public void send(SimpleMailMessage... messages) {
            if (down) {
                throw new MailSendException("connection refused");
            }
            sent.addAll(List.of(messages));
        }
    }

    private static OperatorAlerts alerts(SimpleMeterRegistry meters, RecordingMailSender sender, String recipients) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(
                sender == null ? Map.of() : Map.of("mailSender", sender));
        return new OperatorAlerts(meters, beans.getBeanProvider(JavaMailSender.class), recipients, "batch@example.com");
    }

    @Test
    void anAlertIsCountedAndMailedToEveryOperatorWhenMailIsConfigured() {
        // given
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingMailSender sender = new RecordingMailSender();

        // when
        alerts(meters, sender, "ops@example.com, risk@example.com").raise("JOB_FAILED", "daily-pnl for 2026-03-04 FAILED",
                "restart with run daily-pnl --date=2026-03-04 --restart");

        // then
        assertThat(meters.counter("tradesense.alerts", "kind", "JOB_FAILED").count()).isEqualTo(1.0);
        assertThat(sender.sent).singleElement().satisfies(mail -> {
            assertThat(mail.getTo()).containsExactly("ops@example.com", "risk@example.com");
            assertThat(mail.getSubject()).isEqualTo("[TradeSense batch] daily-pnl for 2026-03-04 FAILED");
            assertThat(mail.getText()).contains("--restart");
        });
    }

    @Test
    void withoutMailOrRecipientsTheAlertIsStillCounted() {
        // given
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingMailSender sender = new RecordingMailSender();

        // when
        alerts(meters, null, "ops@example.com").raise("NO_DATA", "no file", "detail");
        alerts(meters, sender, "").raise("NO_DATA", "no file", "detail");

        // then
        assertThat(meters.counter("tradesense.alerts", "kind", "NO_DATA").count()).isEqualTo(2.0);
        assertThat(sender.sent).isEmpty();
    }

    @Test
    void aMailServerThatIsDownDoesNotHideTheAlert() {
        // given
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingMailSender sender = new RecordingMailSender();
        sender.down = true;

        // when
        alerts(meters, sender, "ops@example.com").raise("NIGHTLY_LATE", "nightly late", "detail");

        // then
        assertThat(meters.counter("tradesense.alerts", "kind", "NIGHTLY_LATE").count()).isEqualTo(1.0);
        assertThat(meters.counter("tradesense.alerts.mail.failed").count()).isEqualTo(1.0);
    }
}
