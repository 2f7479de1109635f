package com.tradesense.batch.scheduling;

import java.nio.file.Files;
import java.nio.file.Path;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the parts the scheduler needs besides the database and SMTP (which Spring Boot checks itself): Quartz
 * started and firing, and the inbox folder the reconciliations read. Only in {@code scheduler} mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tradesense.scheduler.mode", havingValue = "true")
public class SchedulerHealthConfiguration {

    @Bean
    public HealthIndicator schedulerHealthIndicator(Scheduler scheduler) {
        return () -> {
            try {
                boolean firing = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
                return (firing ? Health.up() : Health.down())
                        .withDetail("instance", scheduler.getSchedulerInstanceId())
                        .withDetail("clustered", scheduler.getMetaData().isJobStoreClustered())
                        .withDetail("state", scheduler.isShutdown() ? "shut down"
                                : scheduler.isInStandbyMode() ? "standby" : "started")
                        .build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }

    @Bean
    public HealthIndicator inboxHealthIndicator(@Value("${tradesense.reconciliation.inbox:./inbox}") Path inbox) {
        return () -> {
            Path folder = inbox.toAbsolutePath();
            boolean usable = Files.isDirectory(folder) && Files.isReadable(folder);
            return (usable ? Health.up() : Health.down()).withDetail("folder", folder.toString())
                    .withDetail("readable", usable).build();
        };
    }
}
