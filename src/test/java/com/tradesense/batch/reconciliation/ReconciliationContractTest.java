package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.ExportSink;
import com.tradesense.batch.generator.ExportWriter;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.provider.ProviderSettings;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reconciliation of generated provider exports against the generated ledger, on every engine: the sidecar manifest
 * of each export says which breaks were injected and which differences are within tolerance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReconciliationContractTest {

    static final GeneratorSettings SETTINGS = GeneratorSettings.builder().seed(5).challenges(120).days(3)
            .firstDate(LocalDate.of(2026, 3, 2)).discrepancyRate(0.08).toleratedNoiseRate(0.05).build();
    static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);

    private TestDatabase database;
    private Path exports;
    private Path reports;

    protected abstract TestEngine engine();

    @BeforeAll
    void generate() throws IOException {
        database = TestDatabases.migrated(engine());
        DatabaseLoader.load(database.dataSource(), SETTINGS);
        exports = Files.createTempDirectory("exports");
        reports = Files.createTempDirectory("reports");
        new ExportWriter(SETTINGS).writeAll(exports);
    }

    @AfterAll
    void drop() {
        database.close();
    }

    ReconciliationService service() {
        return new ReconciliationService(database.dataSource(), database.dialect(),
                ReconciliationProviders.defaults(exports), new ReportArchive(database.dataSource(),
                database.dialect(), reports), CLOCK);
    }

    static ProviderSettings provider(String code) {
        return ProviderSettings.defaults().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    record Expected(String type, String id, String field) implements Comparable<Expected> {
        @Override
        public int compareTo(Expected o) {
            return toString().compareTo(o.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MT5-LIVE-1", "CTRADER-EU", "MATCH-GENERIC"})
    void findsEveryInjectedBreakExactlyAndMatchesEveryToleratedDifference(String code) throws Exception {
        // given
        Path file = ExportSink.exportFile(exports, provider(code), DAY);
        Set<Expected> expected = new TreeSet<>();
        Set<String> tolerated = new HashSet<>();
        try (Reader reader = Files.newBufferedReader(ExportSink.manifestFile(file), StandardCharsets.UTF_8);
             CSVParser manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                     .parse(reader)) {
            for (CSVRecord row : manifest) {
                String field = row.get("field").isEmpty() ? null : row.get("field");
                if (row.get("kind").equals("BREAK")) {
                    boolean wholeRow = List.of("MISSING_IN_LEDGER", "MISSING_IN_PROVIDER", "DUPLICATE_IN_EXPORT")
                            .contains(row.get("type"));
                    expected.add(new Expected(row.get("type"), row.get("provider_trade_id"), wholeRow ? null : field));
                } else if (row.get("kind").equals("NOISE")) {
                    tolerated.add(row.get("provider_trade_id"));
                }
            }
        }
        assertThat(expected).as("the manifest injects breaks").isNotEmpty();
        assertThat(tolerated).as("the manifest injects tolerated differences").isNotEmpty();

        // when
        ReconciliationResult result = service().reconcile(code, DAY, file, null);

        // then
        Set<Expected> found = new TreeSet<>();
        List<String> breakIds = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT break_type, provider_trade_id, field FROM"
                     + " reconciliation_breaks WHERE last_seen_run_id = ?")) {
            database.dialect().setUuid(ps, 1, result.runId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Expected(rs.getString(1), rs.getString(2), rs.getString(3)));
                    breakIds.add(rs.getString(2));
                }
            }
        }
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(breakIds).doesNotContainAnyElementsOf(tolerated);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED_WITH_BREAKS);
        assertThat(result.breaksCount()).isEqualTo(expected.size());
        assertThat(result.rowsMatched()).isPositive();
        assertThat(result.workbook()).exists();
        assertThat(result.summaryPdf()).exists();
    }

    @Test
    void sameFileAgainReturnsTheExistingRunAndACorrectedFileSupersedesIt() throws Exception {
        // given: the first run of the generic export of the day before, which has duplicated rows
        LocalDate day = DAY.minusDays(1);
        Path original = ExportSink.exportFile(exports, provider("MATCH-GENERIC"), day);
        Path corrected = Files.createTempDirectory("corrected").resolve("MATCH-GENERIC_" + day + ".csv");
        ReconciliationResult first = service().reconcile("MATCH-GENERIC", day, original, null);
        String duplicated = duplicatedId(first.runId());
        assertThat(duplicated).isNotNull();

        // when
        ReconciliationResult again = service().reconcile("MATCH-GENERIC", day, original, null);
        Files.write(corrected, withoutSecondCopyOf(original, duplicated));
        ReconciliationResult second = service().reconcile("MATCH-GENERIC", day, corrected, null);

        // then
        assertThat(again.alreadyReconciled()).isTrue();
        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.breaksCount()).isEqualTo(first.breaksCount() - 1);
        LedgerFixtures sql = new LedgerFixtures(database);
        assertThat(sql.queryString("SELECT superseded_by FROM reconciliation_runs WHERE id = ?", first.runId()))
                .isEqualTo(second.runId().toString());
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks WHERE provider_trade_id = ?"
                + " AND break_type = 'DUPLICATE_IN_EXPORT'", duplicated)).isEqualTo("RESOLVED");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'OPEN'"
                + " AND business_date = ? AND provider = 'MATCH-GENERIC'", day))
                .isEqualTo(Long.toString(second.breaksCount()));
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'OPEN'"
                + " AND provider = 'MATCH-GENERIC' AND first_seen_date = ? AND last_seen_run_id = ?", day,
                second.runId())).isEqualTo(Long.toString(second.breaksCount()));
    }

    private String duplicatedId(UUID runId) throws SQLException {
        return new LedgerFixtures(database).queryString("SELECT provider_trade_id FROM reconciliation_breaks"
                + " WHERE last_seen_run_id = ? AND break_type = 'DUPLICATE_IN_EXPORT' ORDER BY provider_trade_id",
                runId);
    }

    private static List<String> withoutSecondCopyOf(Path file, String id) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean seen = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(id + ",")) {
                if (seen) {
                    continue;
                }
                seen = true;
            }
            lines.add(line);
        }
        return lines;
    }

    @Test
    void aMissingExportIsOneNoDataOutcome() throws SQLException {
        // when
        ReconciliationResult result = service().reconcile("CTRADER-EU", LocalDate.of(2026, 2, 1));

        // then
        assertThat(result.status()).isEqualTo(RunStatus.NO_DATA);
        assertThat(result.message()).contains("no export file of CTRADER-EU for 2026-02-01");
        assertThat(new LedgerFixtures(database).queryString("SELECT COUNT(*) FROM reconciliation_breaks"
                + " WHERE run_id = ?", result.runId())).isEqualTo("0");
    }

    @Test
    void aFileOfAnotherProviderFailsTheRunAndLeavesNoBreakBehind() throws Exception {
        // given: the generic export's rows offered as MT5-LIVE-1... in a generic layout the MT5 reader cannot read,
        // so the MT5 export of the day is offered as cTrader's instead (same columns missing) — use a generic copy
        Path generic = ExportSink.exportFile(exports, provider("MATCH-GENERIC"), DAY);
        Path copy = Files.createTempDirectory("wrong").resolve("copy.csv");
        Files.copy(generic, copy);
        ReconciliationService service = new ReconciliationService(database.dataSource(), database.dialect(),
                new ReconciliationProviders(java.util.Map.of("OTHER-GENERIC", new ReconciliationProvider(
                        ProviderSettings.generic("OTHER-GENERIC", ZoneOffset.UTC), Tolerances.DEFAULTS,
                        java.util.Map.of())), exports),
                new ReportArchive(database.dataSource(), database.dialect(), reports), CLOCK);

        // when / then
        assertThatThrownBy(() -> service.reconcile("OTHER-GENERIC", DAY, copy, null))
                .isInstanceOf(ExportFileException.class)
                .hasMessageContaining("copy.csv")
                .hasMessageContaining("do not belong to provider OTHER-GENERIC")
                .hasMessageContaining("MATCH-GENERIC");
        LedgerFixtures sql = new LedgerFixtures(database);
        assertThat(sql.queryString("SELECT status FROM reconciliation_runs WHERE provider = 'OTHER-GENERIC'"))
                .isEqualTo("FAILED");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE provider = 'OTHER-GENERIC'"))
                .isEqualTo("0");
        assertThat(sql.queryString("SELECT failure_message FROM reconciliation_runs WHERE provider = 'OTHER-GENERIC'"))
                .contains("do not belong");
    }

    @Test
    void aPathThatDoesNotExistIsARecordedFailureNamingTheFile() throws SQLException {
        // given
        Path nowhere = exports.resolve("nowhere").resolve("MT5-LIVE-1_2026-03-03.csv");

        // when / then
        assertThatThrownBy(() -> service().reconcile("MT5-LIVE-1", DAY.minusDays(1), nowhere, null))
                .isInstanceOf(ExportFileException.class).hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist");
        assertThat(new LedgerFixtures(database).queryString("SELECT status FROM reconciliation_runs"
                + " WHERE provider = 'MT5-LIVE-1' AND business_date = ?", DAY.minusDays(1))).isEqualTo("FAILED");
    }

    @Test
    void mt5TradesInTheRepeatedHourOfTheClockChangeLandOnTheirLedgerInstants() throws Exception {
        // given: Athens leaves summer time on 25 October 2026; a clean export of that 25-hour server day
        LocalDate changeDay = LocalDate.of(2026, 10, 25);
        ProviderSettings athens = provider("MT5-LIVE-1");
        GeneratorSettings clean = GeneratorSettings.builder().seed(11).challenges(300).firstDate(changeDay.minusDays(1))
                .days(3).tradesPerChallengePerDay(6).discrepancyRate(0).toleratedNoiseRate(0)
                .providers(List.of(athens)).build();
        try (TestDatabase own = TestDatabases.migrated(engine())) {
            DatabaseLoader.load(own.dataSource(), clean);
            Path folder = Files.createTempDirectory("dst");
            Path file = new ExportWriter(clean).write(athens, changeDay, folder);
            long repeatedHourRows = Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("2026.10.25 03:")).count();
            ReconciliationService service = new ReconciliationService(own.dataSource(), own.dialect(),
                    ReconciliationProviders.defaults(folder), new ReportArchive(own.dataSource(), own.dialect(),
                    folder.resolve("reports")), CLOCK);

            // when
            ReconciliationResult result = service.reconcile("MT5-LIVE-1", changeDay, file, null);

            // then
            assertThat(repeatedHourRows).as("deals in the repeated hour").isGreaterThan(10);
            assertThat(result.breaksByType()).as(result.describe()).isEmpty();
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.rowsMatched()).isEqualTo(result.rowsRead());
        }
    }

    @Test
    void everyBreakTypeOfTheContractIsFoundWhereTheManifestInjectedIt() throws Exception {
        // given: a generic export (the one format that carries accounts) with many injected breaks
        GeneratorSettings dense = GeneratorSettings.builder().seed(23).challenges(150).days(1)
                .firstDate(LocalDate.of(2026, 5, 4)).discrepancyRate(0.35).toleratedNoiseRate(0.05).build();
        LocalDate day = LocalDate.of(2026, 5, 4);
        try (TestDatabase own = TestDatabases.migrated(engine())) {
            DatabaseLoader.load(own.dataSource(), dense);
            Path folder = Files.createTempDirectory("dense");
            Path file = new ExportWriter(dense).write(provider("MATCH-GENERIC"), day, folder);
            Set<Expected> expected = new TreeSet<>();
            try (Reader reader = Files.newBufferedReader(ExportSink.manifestFile(file), StandardCharsets.UTF_8);
                 CSVParser manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                         .parse(reader)) {
                for (CSVRecord row : manifest) {
                    if (row.get("kind").equals("BREAK")) {
                        String type = row.get("type");
                        boolean wholeRow = List.of("MISSING_IN_LEDGER", "MISSING_IN_PROVIDER", "DUPLICATE_IN_EXPORT")
                                .contains(type);
                        expected.add(new Expected(type, row.get("provider_trade_id"),
                                wholeRow || row.get("field").isEmpty() ? null : row.get("field")));
                    }
                }
            }
            ReconciliationService service = new ReconciliationService(own.dataSource(), own.dialect(),
                    ReconciliationProviders.defaults(folder), new ReportArchive(own.dataSource(), own.dialect(),
                    folder.resolve("reports")), CLOCK);

            // when
            ReconciliationResult result = service.reconcile("MATCH-GENERIC", day, file, null);

            // then
            Set<Expected> found = new TreeSet<>();
            try (Connection c = own.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT break_type, provider_trade_id, field FROM"
                         + " reconciliation_breaks WHERE last_seen_run_id = ?")) {
                own.dialect().setUuid(ps, 1, result.runId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Expected(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            assertThat(found).containsExactlyElementsOf(expected);
            assertThat(result.breaksByType().keySet()).containsExactlyInAnyOrder(BreakType.values());
        }
    }
}
