package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.provider.ProviderSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Athens leaves summer time on the last Sunday of October: 04:00 EEST becomes 03:00 EET, so the wall-clock hour
 * 03:00–03:59 happens twice (00:00Z–00:59Z and 01:00Z–01:59Z). An MT5 time carries no offset; the export prints
 * the server's wall clock, and a reader has to take the offset that agrees with the ledger (CONTRACT §5).
 */
class Mt5DaylightSavingTest {

    private static final ProviderSettings ATHENS = ProviderSettings.mt5("MT5-LIVE-1", ZoneId.of("Europe/Athens"));

    @TempDir
    Path temp;

    @Test
    void repeatedHourTimesResolveToTheLedgerInstantThroughOneOfTheirTwoOffsets() throws IOException {
        // given
        LocalDate changeDay = LocalDate.of(2026, 10, 25);
        GeneratorSettings settings = GeneratorSettings.builder().seed(11).challenges(3_000)
                .firstDate(changeDay.minusDays(1)).days(3).tradesPerChallengePerDay(6).discrepancyRate(0)
                .toleratedNoiseRate(0).providers(List.of(ATHENS)).build();
        CollectingSink ledger = new CollectingSink();
        Map<String, Instant> executedAt = new HashMap<>();

        // when
        Generator.generate(settings, GenerationSink.all(ledger, new ExportSink(settings, temp)));
        ledger.trades.forEach(t -> executedAt.put(t.providerTradeId(), t.executedAt()));
        List<ExportSinkTest.ExportRow> rows = ExportSinkTest.read(ATHENS,
                ExportSink.exportFile(temp, ATHENS, changeDay));

        // then
        assertThat(ATHENS.dayStart(changeDay)).isEqualTo(Instant.parse("2026-10-24T21:00:00Z"));
        assertThat(Duration.between(ATHENS.dayStart(changeDay), ATHENS.dayEnd(changeDay))).hasHours(25);
        int firstPass = 0;
        int secondPass = 0;
        for (ExportSinkTest.ExportRow row : rows) {
            if (row.balance) {
                continue;
            }
            Instant ledgerTime = executedAt.get(row.ticket);
            assertThat(row.times).anySatisfy(candidate ->
                    assertThat(Duration.between(candidate, ledgerTime).abs()).isLessThan(Duration.ofSeconds(1)));
            LocalTime wallClock = LocalTime.parse(row.timeText.substring(11));
            if (row.times.size() == 2) {
                assertThat(wallClock.getHour()).isEqualTo(3);
                boolean earlier = Duration.between(row.times.get(0), ledgerTime).abs().toMillis() < 1_000;
                firstPass += earlier ? 1 : 0;
                secondPass += earlier ? 0 : 1;
            }
        }
        assertThat(firstPass).as("deals in the summer-time 03:xx (00:xxZ)").isPositive();
        assertThat(secondPass).as("deals in the winter-time 03:xx (01:xxZ)").isPositive();
    }

    @Test
    void aTimeInTheSkippedSpringHourStandsForTheInstantAnHourLater() {
        // given
        var skipped = java.time.LocalDateTime.of(2026, 3, 29, 3, 30);

        // when
        List<Instant> candidates = ATHENS.candidateInstants(skipped);

        // then
        assertThat(candidates).containsExactly(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
