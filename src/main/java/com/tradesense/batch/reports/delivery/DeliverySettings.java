package com.tradesense.batch.reports.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Who gets the audit PDFs and how failed sends are retried.
 *
 * @param auditors    {@code tradesense.reports.auditors}: the addresses every new audit PDF goes to (none: no e-mail)
 * @param from        {@code tradesense.mail.from}: the sender address
 * @param retryBase   the wait after the first failure; it doubles with every further failure
 * @param retryCap    the longest wait between two attempts
 */
public record DeliverySettings(List<String> auditors, String from, Duration retryBase, Duration retryCap) {

    public DeliverySettings {
        List<String> normalised = new ArrayList<>();
        for (String auditor : auditors) {
            String address = auditor.trim().toLowerCase(Locale.ROOT);
            if (!address.isEmpty() && !normalised.contains(address)) {
                normalised.add(address);
            }
        }
        auditors = List.copyOf(normalised);
        if (retryBase.isNegative() || retryCap.isNegative()) {
            throw new IllegalArgumentException("The delivery retry waits must not be negative");
        }
    }

    public static DeliverySettings from(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> auditors = binder.bind("tradesense.reports.auditors", Bindable.listOf(String.class))
                .orElse(List.of());
        String from = environment.getProperty("tradesense.mail.from", "tradesense-reports@localhost");
        Duration base = binder.bind("tradesense.reports.delivery.retry-base", Duration.class)
                .orElse(Duration.ofMinutes(1));
        Duration cap = binder.bind("tradesense.reports.delivery.retry-cap", Duration.class)
                .orElse(Duration.ofHours(6));
        return new DeliverySettings(auditors, from, base, cap);
    }

    /** The wait before the next attempt after {@code attempts} failed ones: base × 2^(attempts-1), at most the cap. */
    public Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration wait = retryBase.multipliedBy(1L << doublings);
        return wait.compareTo(retryCap) > 0 ? retryCap : wait;
    }
}
