package com.tradesense.batch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSchedulesTest {

    @TempDir
    Path folder;

    @Test
    void builtInSchedulesCarryWaitsForRetriesAndThePurge() {
        // when
        Map<String, JobSchedule> schedules = JobSchedules.load(null);

        // then
        JobSchedule mt5 = schedules.get("trade-reconciliation-mt5-live-1");
        assertThat(mt5.waitsFor().resolve(LocalDate.parse("2026-03-04"), mt5.parameters()))
                .isEqualTo("MT5-LIVE-1/MT5-LIVE-1_2026-03-04.csv");
        assertThat(mt5.waitsFor().deadline()).isEqualTo(Duration.ofHours(6));
        assertThat(schedules.get("nightly").retries()).isEqualTo(2);
        assertThat(schedules.get("nightly").retryBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedules.get("purge").job()).isEqualTo(JobSchedules.PURGE);
    }

    @Test
    void aFileOverridesTheBuiltInScheduleOfTheSameName() throws IOException {
        // given
        Files.writeString(folder.resolve("nightly.yml"), "job: nightly\ncron: \"0 45 1 * * ?\"\nzone: Europe/Paris\n");

        // when
        JobSchedule nightly = JobSchedules.load(folder).get("nightly");

        // then
        assertThat(nightly.cron()).isEqualTo("0 45 1 * * ?");
        assertThat(nightly.retries()).isZero();
        assertThat(nightly.nextFireAfter(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo("2026-07-01T23:45:00Z");
    }

    @Test
    void theBusinessDateComesFromTheFireTimeInTheSchedulesZone() throws IOException {
        // given: a fire at 00:15 in Auckland is still the previous UTC day
        Files.writeString(folder.resolve("nightly.yml"), "job: nightly\ncron: \"0 15 0 * * ?\"\nzone: Pacific/Auckland\n");
        JobSchedule nightly = JobSchedules.load(folder).get("nightly");

        // when
        Instant fire = nightly.nextFireAfter(Instant.parse("2026-03-09T00:00:00Z"));

        // then
        assertThat(fire).isEqualTo("2026-03-09T11:15:00Z");
        assertThat(nightly.businessDateOf(fire)).isEqualTo("2026-03-09");
        assertThat(nightly.lastFireAtOrBefore(fire.plusSeconds(3600), Duration.ofDays(2))).isEqualTo(fire);
    }

    @Test
    void aMalformedFileIsRejectedNamingTheFileAndTheField() throws IOException {
        // given
        Files.writeString(folder.resolve("nightly.yml"), "job: nightly\ncron: \"0 15 0 * * ?\"\nretries: many\n");
        Files.writeString(folder.resolve("recon.yml"), "job: trade-reconciliation\ncron: \"0 0 6 * * ?\"\n"
                + "waits-for:\n  file: x.csv\n  poll: soon\n");

        // when / then
        assertThatThrownBy(() -> JobSchedules.load(folder))
                .isInstanceOf(JobScheduleException.class)
                .hasMessageMatching(".*(nightly\\.yml: field 'retries'|recon\\.yml: field 'waits-for\\.poll').*");
    }

    @Test
    void aWaitWithoutAFileIsRejected() throws IOException {
        // given
        Files.writeString(folder.resolve("recon.yml"), "job: trade-reconciliation\ncron: \"0 0 6 * * ?\"\n"
                + "waits-for:\n  poll: PT1M\n");

        // when / then
        assertThatThrownBy(() -> JobSchedules.load(folder))
                .hasMessageContaining("recon.yml").hasMessageContaining("field 'waits-for.file' is required");
    }
}
