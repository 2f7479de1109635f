package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.testing.CliRunner;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made ledgers and exports for the cases a generated data set does not pin down, on every engine. */
abstract class ReconciliationScenarioContractTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);
    static final String HEADER =
            "provider_trade_id,account,symbol,side,quantity,price,commission,swap,realized_pnl,executed_at\r\n";

    @TempDir
    Path temp;

    private TestDatabase database;
    private LedgerFixtures sql;
    private UUID challenge;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        sql = new LedgerFixtures(database);
        UUID user = sql.user("recon@example.com");
        challenge = sql.activeChallenge(user, Instant.parse("2026-03-01T00:00:00Z"));
        sql.execute("UPDATE challenges SET provider = 'MATCH-GENERIC', provider_account_id = 'ACC-1' WHERE id = ?",
                challenge);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private ReconciliationService service() {
        return service(CLOCK);
    }

    private ReconciliationService service(Clock clock) {
        return new ReconciliationService(database.dataSource(), database.dialect(),
                ReconciliationProviders.defaults(temp.resolve("inbox")),
                new ReportArchive(database.dataSource(), database.dialect(), temp.resolve("reports")), clock);
    }

    private long sequence = 0;

    /** A MATCH-GENERIC ledger trade: EURUSD BUY 1.00 @ 1.08450, commission 3.00, swap 0.00. */
    private void trade(String id, String executedAt, String pnl) throws SQLException {
        trade("MATCH-GENERIC", id, executedAt, pnl);
    }

    /** A ledger trade of {@code provider}: EURUSD BUY 1.00 @ 1.08450, commission 3.00, swap 0.00. */
    private void trade(String provider, String id, String executedAt, String pnl) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO trades (id, challenge_id, sequence_number, provider, provider_trade_id, symbol, side,
                                         quantity, price, commission, swap, realized_pnl, executed_at)
                     VALUES (?, ?, ?, ?, ?, 'EURUSD', 'BUY', ?, ?, ?, ?, ?, ?)""")) {
            database.dialect().setUuid(ps, 1, UUID.randomUUID());
            database.dialect().setUuid(ps, 2, challenge);
            ps.setLong(3, ++sequence);
            ps.setString(4, provider);
            ps.setString(5, id);
            database.dialect().setDecimal(ps, 6, new BigDecimal("1.00000000"));
            database.dialect().setDecimal(ps, 7, new BigDecimal("1.08450000"));
            database.dialect().setDecimal(ps, 8, new BigDecimal("3.00"));
            database.dialect().setDecimal(ps, 9, new BigDecimal("0.00"));
            database.dialect().setDecimal(ps, 10, new BigDecimal(pnl));
            database.dialect().setInstant(ps, 11, Instant.parse(executedAt));
            ps.executeUpdate();
        }
    }

    private static String row(String id, String symbol, String pnl, String executedAt) {
        return id + ",ACC-1," + symbol + ",BUY,1.00,1.08450,3.00,0.00," + pnl + "," + executedAt + "\r\n";
    }

    private Path export(String name, String... rows) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, HEADER + String.join("", rows), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aPairStraddlingMidnightMatchesAndATradeThatArrivesLateResolvesItsMissingInLedger() throws Exception {
        // given: a ledger trade in the last half second of 2 March that the provider booked at 3 March 00:00:00,
        // and an export row whose trade reaches the ledger only after the first run
        trade("100", "2026-03-02T23:59:59.600Z", "10.00");
        trade("101", "2026-03-03T12:00:00Z", "20.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv",
                row("100", "EURUSD", "10.00", "2026-03-03T00:00:00Z"),
                row("101", "EURUSD", "20.00", "2026-03-03T12:00:01Z"),
                row("102", "EURUSD", "30.00", "2026-03-03T13:00:00Z"));
        ReconciliationResult first = service().reconcile("MATCH-GENERIC", DAY, file, null);
        ReconciliationResult dayBefore = service().reconcile("MATCH-GENERIC", DAY.minusDays(1),
                export("MATCH-GENERIC_2026-03-02.csv"), null);
        trade("102", "2026-03-03T13:00:00Z", "30.00");

        // when: the next day's run re-checks the open breaks against the ledger
        ReconciliationResult nextDay = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv"), null);

        // then
        assertThat(first.rowsMatched()).isEqualTo(2);
        assertThat(first.breaksByType()).containsOnlyKeys(BreakType.MISSING_IN_LEDGER);
        assertThat(dayBefore.breaksCount()).as("the straddling trade is not missing from the day before").isZero();
        assertThat(nextDay.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks WHERE provider_trade_id = '102'"))
                .isEqualTo("RESOLVED");
        assertThat(sql.queryString("SELECT resolved_by_run_id FROM reconciliation_breaks"
                + " WHERE provider_trade_id = '102'")).isEqualTo(nextDay.runId().toString());
    }

    /** An MT5 deals report (server time, Europe/Athens) of EURUSD buys like {@link #trade}'s. */
    private Path mt5Export(String name, String... deals) throws IOException {
        StringBuilder text = new StringBuilder("Time,Deal,Symbol,Type,Volume,Price,Commission,Fee,Swap,Profit\r\n");
        for (String deal : deals) {
            String[] timeIdPnl = deal.split(",");
            text.append(timeIdPnl[0]).append(',').append(timeIdPnl[1]).append(",EURUSD,buy,1.00,1.08450,-3.00,0,0,")
                    .append(timeIdPnl[2]).append("\r\n");
        }
        Path file = temp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static final String MT5 = "MT5-LIVE-1";

    @Test
    void aTradeInTheLastSecondOfAnMt5ServerDayIsPairedThatDayAndIsNotMissingFromTheNext() throws Exception {
        // given: the Athens server's 3 March runs 2 March 22:00Z to 3 March 22:00Z; 500 at its last second on both
        // sides, 501 in the next day's first second on both sides
        trade(MT5, "500", "2026-03-03T21:59:59Z", "10.00");
        trade(MT5, "501", "2026-03-03T22:00:00Z", "20.00");
        Path day = mt5Export("MT5-LIVE-1_2026-03-03.csv", "2026.03.03 23:59:59,500,10.00");
        Path next = mt5Export("MT5-LIVE-1_2026-03-04.csv", "2026.03.04 00:00:00,501,20.00");

        // when: the days run in their normal order
        ReconciliationResult first = service().reconcile(MT5, DAY, day, null);
        ReconciliationResult second = service().reconcile(MT5, DAY.plusDays(1), next, null);

        // then
        assertThat(first.breaksByType()).as(first.describe()).isEmpty();
        assertThat(first.rowsMatched()).isEqualTo(1);
        assertThat(first.ledgerPnl()).isEqualByComparingTo("10.00");
        assertThat(second.breaksByType()).as("500 is in the day before's file: " + second.describe()).isEmpty();
        assertThat(second.rowsMatched()).isEqualTo(1);
        assertThat(second.ledgerPnl()).as("500 counts on the ledger side of the day that paired it")
                .isEqualByComparingTo("20.00");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("0");
        assertThat(summaryFigure(second, "Ledger trades another day's file holds")).isEqualTo(1);
        assertThat(summaryFigure(first, "Ledger trades another day's file holds")).isZero();
    }

    /** The number beside {@code label} on the Summary sheet of the run's workbook. */
    private static long summaryFigure(ReconciliationResult run, String label) throws IOException {
        try (InputStream in = Files.newInputStream(run.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Row row : workbook.getSheet("Summary")) {
                if (label.equals(row.getCell(0).getStringCellValue())) {
                    return (long) row.getCell(1).getNumericCellValue();
                }
            }
        }
        throw new AssertionError("no Summary row '" + label + "' in " + run.workbook());
    }

    @Test
    void theWorkbookAndThePdfTakeTheirWordingFromTheTemplateFolder() throws Exception {
        // given: a template that renames a sheet and a label and retitles the PDF
        trade("610", "2026-03-03T10:00:00Z", "10.00");
        Path templates = Files.createDirectories(temp.resolve("templates"));
        Files.writeString(templates.resolve("reconciliation.yml"), """
                sheets:
                  breaks: "Exceptions"
                summary:
                  matched: "Paired"
                pdf:
                  title: "Abgleich {provider} am {date}"
                """);
        ReconciliationService service = service().templates(
                new com.tradesense.batch.reports.templates.ReportTemplates(templates));

        // when
        ReconciliationResult result = service.reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("610", "EURUSD", "10.00", "2026-03-03T10:00:00Z")), null);

        // then
        assertThat(summaryFigure(result, "Paired")).isEqualTo(1);
        try (InputStream in = Files.newInputStream(result.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getSheet("Exceptions")).isNotNull();
            assertThat(workbook.getSheet("Breaks")).isNull();
            assertThat(workbook.getSheet("Matched")).as("the keys it does not set keep their built-in text")
                    .isNotNull();
        }
        com.lowagie.text.pdf.PdfReader pdf = new com.lowagie.text.pdf.PdfReader(Files.readAllBytes(result.summaryPdf()));
        assertThat(new com.lowagie.text.pdf.parser.PdfTextExtractor(pdf).getTextFromPage(1))
                .contains("Abgleich MATCH-GENERIC am 2026-03-03");
        pdf.close();
    }

    @Test
    void aTradeTheProviderBookedBeforeMidnightAndTheLedgerAfterIsNotMissingFromEitherDay() throws Exception {
        // given: the provider's clock half a second behind the ledger's, at midnight of the UTC server's 3 March
        trade("510", "2026-03-04T00:00:00.500Z", "10.00");
        trade("511", "2026-03-04T10:00:00Z", "20.00");
        Path day = export("MATCH-GENERIC_2026-03-03.csv", row("510", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z"));
        Path next = export("MATCH-GENERIC_2026-03-04.csv", row("511", "EURUSD", "20.00", "2026-03-04T10:00:00Z"));

        // when
        ReconciliationResult first = service().reconcile("MATCH-GENERIC", DAY, day, null);
        ReconciliationResult second = service().reconcile("MATCH-GENERIC", DAY.plusDays(1), next, null);

        // then
        assertThat(first.breaksByType()).as(first.describe()).isEmpty();
        assertThat(first.rowsMatched()).isEqualTo(1);
        assertThat(second.breaksByType()).as(second.describe()).isEmpty();
        assertThat(second.rowsMatched()).isEqualTo(1);
        assertThat(second.ledgerPnl()).isEqualByComparingTo("20.00");
    }

    @Test
    void runOutOfOrderTheLaterDayReportsTheEdgeTradeMissingAndTheEarlierDayResolvesIt() throws Exception {
        // given
        trade(MT5, "520", "2026-03-03T21:59:59Z", "10.00");
        Path day = mt5Export("MT5-LIVE-1_2026-03-03.csv", "2026.03.03 23:59:59,520,10.00");
        Path next = mt5Export("MT5-LIVE-1_2026-03-04.csv");

        // when: the later day first
        ReconciliationResult later = service().reconcile(MT5, DAY.plusDays(1), next, null);
        ReconciliationResult earlier = service().reconcile(MT5, DAY, day, null);

        // then
        assertThat(later.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(earlier.breaksByType()).as(earlier.describe()).isEmpty();
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks WHERE provider_trade_id = '520'"))
                .isEqualTo("RESOLVED");
        assertThat(sql.queryString("SELECT resolved_by_run_id FROM reconciliation_breaks"
                + " WHERE provider_trade_id = '520'")).isEqualTo(earlier.runId().toString());
    }

    @Test
    void aTradeNearMidnightThatNeitherFileHoldsIsMissingOnceFromTheLaterDay() throws Exception {
        // given
        trade(MT5, "530", "2026-03-03T21:59:59Z", "10.00");
        trade(MT5, "531", "2026-03-03T22:00:01Z", "20.00");

        // when
        ReconciliationResult first = service().reconcile(MT5, DAY, mt5Export("MT5-LIVE-1_2026-03-03.csv"), null);
        ReconciliationResult second = service().reconcile(MT5, DAY.plusDays(1),
                mt5Export("MT5-LIVE-1_2026-03-04.csv"), null);

        // then
        assertThat(first.breaksByType()).as(first.describe()).isEmpty();
        assertThat(second.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 2L));
        assertThat(second.ledgerPnl()).isEqualByComparingTo("30.00");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("2");
    }

    @Test
    void aCorrectedFileWithoutAnEdgeTradeItsPredecessorPairedReportsItMissing() throws Exception {
        // given: 540 paired by the first file of 3 March, so 4 March's run left it out
        trade("540", "2026-03-04T00:00:00.500Z", "10.00");
        trade("541", "2026-03-03T10:00:00Z", "20.00");
        service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("540", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z"),
                row("541", "EURUSD", "20.00", "2026-03-03T10:00:00Z")), null);
        ReconciliationResult next = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv"), null);

        // when: a corrected file of 3 March no longer holds 540, then a corrected file of 4 March
        ReconciliationResult corrected = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv", row("541", "EURUSD", "20.00", "2026-03-03T10:00:00Z")), null);
        ReconciliationResult nextCorrected = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04-v2.csv", "\r\n"), null);

        // then
        assertThat(next.breaksByType()).as(next.describe()).isEmpty();
        assertThat(corrected.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(corrected.rowsMatched()).isEqualTo(1);
        assertThat(corrected.ledgerPnl()).isEqualByComparingTo("30.00");
        assertThat(nextCorrected.breaksByType()).as("3 March's correction answers for it").isEmpty();
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("1");
        assertThat(sql.queryString("SELECT first_seen_date FROM reconciliation_breaks")).isEqualTo("2026-03-03");
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("OPEN");
    }

    @Test
    void aSecondCorrectionStillWithoutTheEdgeTradeKeepsItsBreakOpen() throws Exception {
        // given: 550 held by the first file of 3 March and left to it by 4 March, dropped by the first correction
        trade("550", "2026-03-04T00:00:00.500Z", "10.00");
        trade("551", "2026-03-03T10:00:00Z", "20.00");
        String other = row("551", "EURUSD", "20.00", "2026-03-03T10:00:00Z");
        service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("550", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z"), other), null);
        service().reconcile("MATCH-GENERIC", DAY.plusDays(1), export("MATCH-GENERIC_2026-03-04.csv"), null);
        ReconciliationResult first = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv", other), null);

        // when: a second correction that still lacks 550
        ReconciliationResult second = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v3.csv", other, "\r\n"), null);

        // then
        assertThat(first.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(second.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("OPEN");
        assertThat(sql.queryString("SELECT last_seen_run_id FROM reconciliation_breaks"))
                .isEqualTo(second.runId().toString());
    }

    @Test
    void aCorrectionWithoutATradeThatItsOwnDayAlsoHeldReportsNothing() throws Exception {
        // given: 560 in the first file of 3 March and in 4 March's file (inside 4 March's window)
        trade("560", "2026-03-04T00:00:00.500Z", "10.00");
        service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("560", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z")), null);
        ReconciliationResult next = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv", row("560", "EURUSD", "10.00", "2026-03-04T00:00:00.500Z")),
                null);

        // when
        ReconciliationResult corrected = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv", "\r\n"), null);

        // then
        assertThat(next.breaksByType()).isEmpty();
        assertThat(corrected.breaksByType()).as(corrected.describe()).isEmpty();
        assertThat(corrected.ledgerPnl()).isEqualByComparingTo("0.00");
    }

    @Test
    void aCorrectionOfAFileWithATradeOfTheDayBeforeReportsNoneOfTheTradesTheirOwnDayHeld() throws Exception {
        // given: 2 March reconciled, then a 3 March file that also holds one of 2 March's trades
        trade("570", "2026-03-02T10:00:00Z", "10.00");
        trade("572", "2026-03-03T10:00:00Z", "40.00");
        trade("573", "2026-03-03T11:00:00Z", "80.00");
        service().reconcile("MATCH-GENERIC", DAY.minusDays(1), export("MATCH-GENERIC_2026-03-02.csv",
                row("570", "EURUSD", "10.00", "2026-03-02T10:00:00Z")), null);
        ReconciliationResult mixed = service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("570", "EURUSD", "10.00", "2026-03-02T10:00:00Z"),
                row("572", "EURUSD", "40.00", "2026-03-03T10:00:00Z"),
                row("573", "EURUSD", "80.00", "2026-03-03T11:00:00Z")), null);

        // when: the right file for 3 March
        ReconciliationResult corrected = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv", row("572", "EURUSD", "40.00", "2026-03-03T10:00:00Z"),
                        row("573", "EURUSD", "80.00", "2026-03-03T11:00:00Z")), null);

        // then
        assertThat(mixed.breaksByType()).isEmpty();
        assertThat(corrected.breaksByType()).as(corrected.describe()).isEmpty();
        assertThat(corrected.ledgerPnl()).isEqualByComparingTo("120.00");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'OPEN'")).isEqualTo("0");
    }

    @Test
    void aFileOfAnotherDayIsRefusedNamingItsDaysAndLeavesNothingBehind() throws Exception {
        // given: 2 March's export, given as 3 March's
        trade("575", "2026-03-02T10:00:00Z", "10.00");
        trade("576", "2026-03-02T11:00:00Z", "20.00");
        trade("577", "2026-03-03T11:00:00Z", "40.00");
        Path march2 = export("MATCH-GENERIC_2026-03-02.csv", row("575", "EURUSD", "10.00", "2026-03-02T10:00:00Z"),
                row("576", "EURUSD", "20.00", "2026-03-02T11:00:00Z"));

        // when
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service().reconcile("MATCH-GENERIC", DAY, march2,
                        null))
                .isInstanceOf(ExportFileException.class).hasMessageContaining(march2.toString())
                .hasMessageContaining("not trades of MATCH-GENERIC's day 2026-03-03")
                .hasMessageContaining("2 of the 2 ledger trades").hasMessageContaining("2026-03-02 to 2026-03-02");

        // then
        assertThat(sql.queryString("SELECT status FROM reconciliation_runs")).isEqualTo("FAILED");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("0");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_cross_day_trades")).isEqualTo("0");
    }

    @Test
    void aTradeTheLaterDayReportedMissingAndTheEarlierFileHeldIsReportedAgainWhenACorrectionDropsIt()
            throws Exception {
        // given: 4 March first (580 missing), then 3 March's file holds 580 and resolves that break
        trade(MT5, "580", "2026-03-03T21:59:59Z", "10.00");
        ReconciliationResult later = service().reconcile(MT5, DAY.plusDays(1),
                mt5Export("MT5-LIVE-1_2026-03-04.csv"), null);
        ReconciliationResult earlier = service().reconcile(MT5, DAY,
                mt5Export("MT5-LIVE-1_2026-03-03.csv", "2026.03.03 23:59:59,580,10.00"), null);

        // when: a corrected file of 3 March without 580
        ReconciliationResult corrected = service().reconcile(MT5, DAY,
                mt5Export("MT5-LIVE-1_2026-03-03-v2.csv"), null);

        // then
        assertThat(later.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(earlier.breaksByType()).isEmpty();
        assertThat(corrected.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'OPEN'")).isEqualTo("1");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'RESOLVED'"))
                .isEqualTo("1");
    }

    @Test
    void aMismatchOnAnEdgeTradeStaysOpenWhenTheNextDayRunsWithoutIt() throws Exception {
        // given: 3 March's file holds 590 with a different P&L
        trade("590", "2026-03-04T00:00:00.500Z", "10.00");
        ReconciliationResult day = service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("590", "EURUSD", "99.00", "2026-03-03T23:59:59.900Z")), null);

        // when: 4 March, without 590, and a second file of 4 March that holds it with the ledger's values
        ReconciliationResult next = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv"), null);
        ReconciliationResult nextCorrected = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04-v2.csv", row("590", "EURUSD", "10.00", "2026-03-04T00:00:00.500Z")),
                null);

        // then: 3 March's file still holds the wrong P&L
        assertThat(day.breaksByType()).containsOnly(java.util.Map.entry(BreakType.PNL_MISMATCH, 1L));
        assertThat(next.breaksByType()).isEmpty();
        assertThat(nextCorrected.breaksByType()).isEmpty();
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("OPEN");
    }

    @Test
    void aTradeThatReachesTheLedgerAfterTheFileThatHeldItIsNotMissingFromTheNextDay() throws Exception {
        // given: 3 March's file holds 595 before the ledger does; the trade is then booked just after midnight
        ReconciliationResult day = service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("595", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z")), null);
        trade("595", "2026-03-04T00:00:00.500Z", "10.00");

        // when
        ReconciliationResult next = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv"), null);

        // then
        assertThat(day.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_LEDGER, 1L));
        assertThat(next.breaksByType()).as(next.describe()).isEmpty();
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("RESOLVED");
    }

    @Test
    void anEdgeTradeACorrectionReportsIsNotReportedAndCountedAgainByTheOtherDay() throws Exception {
        // given: 3 March held 598, 4 March left it to 3 March, a correction of 3 March reports it missing
        trade("598", "2026-03-04T00:00:00.500Z", "10.00");
        service().reconcile("MATCH-GENERIC", DAY, export("MATCH-GENERIC_2026-03-03.csv",
                row("598", "EURUSD", "10.00", "2026-03-03T23:59:59.900Z")), null);
        service().reconcile("MATCH-GENERIC", DAY.plusDays(1), export("MATCH-GENERIC_2026-03-04.csv"), null);
        ReconciliationResult corrected = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv"), null);

        // when: a correction of 4 March, still without it, then a second correction of 3 March
        ReconciliationResult nextCorrected = service().reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04-v2.csv", "\r\n"), null);
        ReconciliationResult again = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v3.csv", "\r\n"), null);

        // then
        assertThat(corrected.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(corrected.ledgerPnl()).isEqualByComparingTo("10.00");
        assertThat(nextCorrected.breaksByType()).as(nextCorrected.describe()).isEmpty();
        assertThat(nextCorrected.ledgerPnl()).isEqualByComparingTo("0.00");
        assertThat(again.breaksByType()).containsOnly(java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L));
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("1");
        assertThat(sql.queryString("SELECT last_seen_run_id FROM reconciliation_breaks"))
                .isEqualTo(again.runId().toString());
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("OPEN");
    }

    @Test
    void aRunWhoseReportCannotBeStoredFailsWholeAndTheSameFileIsReconciledAgainLater() throws Exception {
        // given: a file standing where the sign-off PDF's folder belongs, so the second report cannot be stored
        trade("620", "2026-03-03T10:00:00Z", "10.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv", row("620", "EURUSD", "11.00", "2026-03-03T10:00:00Z"));
        Path blocker = temp.resolve("reports").resolve("2026-03-03").resolve(ReconciliationService.SUMMARY_REPORT);
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");

        // when
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service().reconcile("MATCH-GENERIC", DAY, file, null))
                .hasMessageContaining(ReconciliationService.SUMMARY_REPORT);

        // then: nothing of the run is left but its FAILED row, not even the workbook written before the PDF failed
        assertThat(sql.queryString("SELECT status FROM reconciliation_runs")).isEqualTo("FAILED");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("0");
        assertThat(sql.queryString("SELECT COUNT(*) FROM generated_reports")).isEqualTo("0");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_cross_day_trades")).isEqualTo("0");
        try (var files = Files.walk(temp.resolve("reports"))) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.equals(blocker))).isEmpty();
        }

        // and when: the way is cleared and the same file comes again
        Files.delete(blocker);
        ReconciliationResult again = service().reconcile("MATCH-GENERIC", DAY, file, null);

        // then
        assertThat(again.breaksByType()).containsOnly(java.util.Map.entry(BreakType.PNL_MISMATCH, 1L));
        assertThat(again.workbook()).exists();
        assertThat(again.summaryPdf()).exists();
        assertThat(sql.queryString("SELECT COUNT(*) FROM generated_reports")).isEqualTo("2");
    }

    @Test
    void everyUnreadableRowAndEveryRepeatIsABreakOfItsOwnAndTheFirstKeepsTheContractIdentity() throws Exception {
        // given: two unreadable rows of 720 failing on the quantity, and 721 three times
        trade("720", "2026-03-03T10:00:00Z", "10.00");
        trade("721", "2026-03-03T11:00:00Z", "20.00");
        String bad = "720,ACC-1,EURUSD,BUY,x,1.08450,3.00,0.00,10.00,2026-03-03T10:00:00Z\r\n";
        String worse = "720,ACC-1,EURUSD,BUY,y,1.08450,3.00,0.00,10.00,2026-03-03T10:00:00Z\r\n";
        String repeat = row("721", "EURUSD", "20.00", "2026-03-03T11:00:00Z");
        Path file = export("MATCH-GENERIC_2026-03-03.csv", bad, worse, repeat, repeat, repeat);

        // when
        ReconciliationResult result = service().reconcile("MATCH-GENERIC", DAY, file, null);

        // then
        assertThat(result.breaksByType()).as(result.describe()).containsOnly(
                java.util.Map.entry(BreakType.INVALID_ROW, 2L), java.util.Map.entry(BreakType.DUPLICATE_IN_EXPORT, 2L));
        assertThat(sql.queryString("SELECT break_key FROM reconciliation_breaks WHERE line_number = 2"))
                .isEqualTo("MATCH-GENERIC|id:720|INVALID_ROW|quantity");
        assertThat(sql.queryString("SELECT break_key FROM reconciliation_breaks WHERE line_number = 3"))
                .isEqualTo("MATCH-GENERIC|id:720|INVALID_ROW|quantity|line:3");
        assertThat(sql.queryString("SELECT provider_value FROM reconciliation_breaks WHERE line_number = 3"))
                .isEqualTo("y");
        assertThat(sql.queryString("SELECT break_key FROM reconciliation_breaks WHERE line_number = 5"))
                .isEqualTo("MATCH-GENERIC|id:721|DUPLICATE_IN_EXPORT|");
        assertThat(sql.queryString("SELECT break_key FROM reconciliation_breaks WHERE line_number = 6"))
                .isEqualTo("MATCH-GENERIC|id:721|DUPLICATE_IN_EXPORT||line:6");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE break_type = 'MISSING_IN_PROVIDER'"))
                .isEqualTo("0");

        // and when: a corrected file keeps one unreadable row of 720 and one copy of 721
        ReconciliationResult corrected = service().reconcile("MATCH-GENERIC", DAY,
                export("MATCH-GENERIC_2026-03-03-v2.csv", worse, repeat), null);

        // then: the remaining row's break is the first one, seen again; the others are resolved
        assertThat(corrected.breaksByType()).containsOnly(java.util.Map.entry(BreakType.INVALID_ROW, 1L));
        assertThat(sql.queryString("SELECT break_key FROM reconciliation_breaks WHERE status = 'OPEN'"))
                .isEqualTo("MATCH-GENERIC|id:720|INVALID_ROW|quantity");
        assertThat(sql.queryString("SELECT provider_value FROM reconciliation_breaks WHERE status = 'OPEN'"))
                .isEqualTo("y");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE status = 'RESOLVED'"))
                .isEqualTo("3");
    }

    /** A MATCH-GENERIC export row with every field given. */
    private static String row(String id, String symbol, String quantity, String price, String commission, String swap,
                              String pnl, String executedAt) {
        return String.join(",", id, "ACC-1", symbol, "BUY", quantity, price, commission, swap, pnl, executedAt)
                + "\r\n";
    }

    @Test
    void aDifferenceEqualToTheToleranceMatchesAndOneUnitMoreIsABreakInEveryField() throws Exception {
        // given: fifteen ledger trades alike (1.00 EURUSD @ 1.08450, commission 3.00, swap 0.00, P&L 10.00 at 10:00)
        for (int i = 600; i <= 614; i++) {
            trade(Integer.toString(i), "2026-03-03T10:00:00Z", "10.00");
        }
        String at = "2026-03-03T10:00:00Z";
        Path file = export("MATCH-GENERIC_2026-03-03.csv",
                row("600", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.01", at),
                row("601", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.02", at),
                row("602", "EURUSD", "1.00", "1.08450", "3.01", "0.00", "10.00", at),
                row("603", "EURUSD", "1.00", "1.08450", "2.98", "0.00", "10.00", at),
                row("604", "EURUSD", "1.00", "1.08450", "3.00", "-0.01", "10.00", at),
                row("605", "EURUSD", "1.00", "1.08450", "3.00", "0.02", "10.00", at),
                row("606", "EURUSD", "1.00", "1.08451", "3.00", "0.00", "10.00", at),
                row("607", "EURUSD", "1.00", "1.084511", "3.00", "0.00", "10.00", at),
                row("608", "EURUSD", "1.0", "1.0845", "3", "0", "10", at),
                row("609", "EURUSD", "1.00000001", "1.08450", "3.00", "0.00", "10.00", at),
                row("610", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.00", "2026-03-03T10:00:02Z"),
                row("611", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.00", "2026-03-03T10:00:02.001Z"),
                row("612", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.00", "2026-03-03T09:59:58.005Z"),
                row("613", "EURUSD", "1.00", "1.08450", "3.00", "0.00", "10.00", "2026-03-03T09:59:57.999999999Z"),
                row("614", "eurusd", "1.00", "1.08450", "3.00", "0.00", "10.00", at));

        // when
        ReconciliationResult result = service().reconcile("MATCH-GENERIC", DAY, file, null);

        // then
        assertThat(result.breaksByType()).as(result.describe()).containsOnly(
                java.util.Map.entry(BreakType.PNL_MISMATCH, 1L), java.util.Map.entry(BreakType.COMMISSION_MISMATCH, 1L),
                java.util.Map.entry(BreakType.SWAP_MISMATCH, 1L), java.util.Map.entry(BreakType.PRICE_MISMATCH, 1L),
                java.util.Map.entry(BreakType.QUANTITY_MISMATCH, 1L), java.util.Map.entry(BreakType.TIME_MISMATCH, 2L));
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks WHERE provider_trade_id IN"
                + " ('601', '603', '605', '607', '609', '611', '613')")).isEqualTo("7");
        assertThat(sql.queryString("SELECT provider_value FROM reconciliation_breaks WHERE provider_trade_id = '613'"))
                .isEqualTo("2026-03-03T09:59:57.999999999Z");
        assertThat(result.rowsMatched()).isEqualTo(8);
        assertThat(result.ledgerPnl()).isEqualByComparingTo("150.00");
        assertThat(result.providerPnl()).isEqualByComparingTo("150.03");
        assertThat(result.ledgerCommission()).isEqualByComparingTo("45.00");
        assertThat(result.providerCommission()).isEqualByComparingTo("44.99");
    }

    @Test
    void withNoTimeToleranceADifferenceTooSmallForTheDatabaseToHoldIsStillABreak() throws Exception {
        // given: a provider that allows no time difference at all, and a row 0.4 ms after its trade
        trade("800", "2026-03-03T10:00:00Z", "10.00");
        trade("801", "2026-03-03T10:00:00Z", "10.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv",
                row("800", "EURUSD", "10.00", "2026-03-03T10:00:00.0004Z"),
                row("801", "EURUSD", "10.00", "2026-03-03T10:00:00.000Z"));
        ReconciliationProvider strict = new ReconciliationProvider(
                com.tradesense.batch.provider.ProviderSettings.generic("MATCH-GENERIC", ZoneOffset.UTC),
                new Tolerances(new BigDecimal("0.01"), new BigDecimal("0.00001"), BigDecimal.ZERO,
                        java.time.Duration.ZERO), java.util.Map.of());
        ReconciliationService service = new ReconciliationService(database.dataSource(), database.dialect(),
                new ReconciliationProviders(java.util.Map.of("MATCH-GENERIC", strict), temp.resolve("inbox")),
                new ReportArchive(database.dataSource(), database.dialect(), temp.resolve("reports")), CLOCK);

        // when
        ReconciliationResult result = service.reconcile("MATCH-GENERIC", DAY, file, null);

        // then
        assertThat(result.breaksByType()).as(result.describe()).containsOnly(
                java.util.Map.entry(BreakType.TIME_MISMATCH, 1L));
        assertThat(sql.queryString("SELECT provider_trade_id FROM reconciliation_breaks")).isEqualTo("800");
        assertThat(result.rowsMatched()).isEqualTo(1);
    }

    @Test
    void theLedgerSideIsThePairedTradesWhateverTheirTimePlusTheMissingOnes() throws Exception {
        // given: trades of the day and of two days before, paired, unreadable, repeated, missing and unrelated
        trade("700", "2026-03-03T10:00:00Z", "10.00");
        trade("701", "2026-03-03T11:00:00Z", "20.00");
        trade("702", "2026-03-03T12:00:00Z", "40.00");
        trade("703", "2026-03-01T10:00:00Z", "80.00");
        trade("704", "2026-03-01T11:00:00Z", "160.00");
        trade("705", "2026-03-03T13:00:00Z", "320.00");
        trade("706", "2026-03-01T12:00:00Z", "640.00");
        trade("707", "2026-03-03T14:00:00Z", "1280.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv",
                row("700", "EURUSD", "10.00", "2026-03-03T10:00:00Z"),
                "701,ACC-1,EURUSD,BUY,x,1.08450,3.00,0.00,20.00,2026-03-03T11:00:00Z\r\n",
                "702,ACC-1,EURUSD,BUY,x,1.08450,3.00,0.00,40.00,2026-03-03T12:00:00Z\r\n",
                row("702", "EURUSD", "40.00", "2026-03-03T12:00:00Z"),
                row("703", "EURUSD", "80.00", "2026-03-01T10:00:00Z"),
                row("704", "EURUSD", "160.00", "2026-03-01T11:00:00Z"),
                row("704", "EURUSD", "160.00", "2026-03-01T11:00:00Z"),
                row("707", "EURUSD", "1281.00", "2026-03-03T14:00:00Z"));

        // when
        ReconciliationResult result = service().reconcile("MATCH-GENERIC", DAY, file, null);

        // then: 700, 702, 703, 704 and 707 are paired, 705 is missing; 701 (unreadable) and 706 are not counted
        assertThat(result.breaksByType()).as(result.describe()).containsOnly(
                java.util.Map.entry(BreakType.INVALID_ROW, 2L), java.util.Map.entry(BreakType.DUPLICATE_IN_EXPORT, 1L),
                java.util.Map.entry(BreakType.MISSING_IN_PROVIDER, 1L), java.util.Map.entry(BreakType.PNL_MISMATCH, 1L));
        assertThat(result.rowsMatched()).isEqualTo(3);
        assertThat(result.ledgerPnl()).isEqualByComparingTo("1890.00");
        assertThat(result.ledgerCommission()).isEqualByComparingTo("18.00");
        assertThat(result.providerPnl()).isEqualByComparingTo("1731.00");
        assertThat(sql.queryString("SELECT provider_trade_id FROM reconciliation_breaks"
                + " WHERE break_type = 'MISSING_IN_PROVIDER'")).isEqualTo("705");
    }

    @Test
    void anOpenBreakKeepsItsFirstSeenDateWhileLaterRunsStillFindIt() throws Exception {
        // given
        trade("200", "2026-03-03T10:00:00Z", "10.00");
        Path wrong = export("a.csv", row("200", "EURUSD", "12.00", "2026-03-03T10:00:00Z"));
        service().reconcile("MATCH-GENERIC", DAY, wrong, null);

        // when: a corrected file that still has the same P&L difference, and another one
        Path again = export("b.csv", row("200", "EURUSD", "12.00", "2026-03-03T10:00:00Z"), "\r\n");
        ReconciliationResult second = service().reconcile("MATCH-GENERIC", DAY, again, null);

        // then
        assertThat(second.breaksByType()).containsEntry(BreakType.PNL_MISMATCH, 1L);
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("1");
        assertThat(sql.queryString("SELECT first_seen_date FROM reconciliation_breaks")).isEqualTo("2026-03-03");
        assertThat(sql.queryString("SELECT last_seen_run_id FROM reconciliation_breaks"))
                .isEqualTo(second.runId().toString());
    }

    @Test
    void theWorkbookHasItsSheetsRealNumbersDatesAndNoFormulaFromTheFile() throws Exception {
        // given: provider text that a spreadsheet would run as a formula, and a continuation sheet
        trade("300", "2026-03-03T10:00:00Z", "10.00");
        trade("301", "2026-03-03T10:05:00Z", "11.00");
        trade("302", "2026-03-03T10:06:00Z", "12.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv",
                row("300", "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "10.00", "2026-03-03T10:00:00Z"),
                row("301", "EURUSD", "11.00", "2026-03-03T10:05:00Z"),
                row("302", "EURUSD", "12.00", "2026-03-03T10:06:00Z"),
                "@SUM(1+1),ACC-1,EURUSD,BUY,oops,1.1,0,0,0,2026-03-03T11:00:00Z\r\n",
                row("-303", "+cmd|' /C calc'!A0", "5.00", "2026-03-03T12:00:00Z"));
        ReconciliationService service = service();
        service.maxRowsPerSheet(1);

        // when
        ReconciliationResult result = service.reconcile("MATCH-GENERIC", DAY, file, null);

        // then
        List<String> sheets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(result.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell ->
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA))));
            List<String> signedNumbers = new ArrayList<>();
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
                if (cell.getCellType() == CellType.STRING) {
                    String text = cell.getStringCellValue();
                    if (text.matches("[-+][0-9]+(\\.[0-9]+)?")) {
                        // A signed number runs nothing: its digits stay as they are, in a quoted text cell.
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as(cell.getAddress() + " " + text).isTrue();
                        signedNumbers.add(text);
                    } else {
                        assertThat(text).as(sheet.getSheetName() + " " + cell.getAddress()).doesNotStartWith("=")
                                .doesNotStartWith("+").doesNotStartWith("@").doesNotStartWith("-");
                    }
                    if (text.startsWith("'")) {
                        assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
                    }
                }
            })));
            assertThat(signedNumbers).as("the provider id -303 keeps its digits").contains("-303");
            Sheet breaks = workbook.getSheet("Breaks");
            assertThat(breaks.getPaneInformation().isFreezePane()).isTrue();
            assertThat(breaks.getRow(1).getCell(0).getStringCellValue()).isEqualTo("INVALID_ROW");
            Sheet symbolBreak = workbook.getSheet("Breaks (2)");
            assertThat(symbolBreak).isNotNull();
            Sheet matched = workbook.getSheet("Matched");
            Row pair = matched.getRow(1);
            assertThat(pair.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(pair.getCell(11).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(pair.getCell(11).getLocalDateTimeCellValue().toString()).startsWith("2026-03-03T10:0");
            assertThat(workbook.getSheet("Matched (2)")).isNotNull();
            assertThat(workbook.getSheet("Summary").getRow(1).getCell(1).getStringCellValue())
                    .isEqualTo("MATCH-GENERIC");
        }
        assertThat(sheets).contains("Summary", "Breaks", "Unmatched – ledger", "Unmatched – provider",
                "Invalid rows", "Matched", "Break actions");
        assertThat(Files.readAllBytes(result.summaryPdf())).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        com.lowagie.text.pdf.PdfReader pdf = new com.lowagie.text.pdf.PdfReader(Files.readAllBytes(result.summaryPdf()));
        assertThat(pdf.getNumberOfPages()).as("a one-page sign-off summary").isEqualTo(1);
        pdf.close();
        assertThat(ReconciliationReports.safeText("=1+1")).isEqualTo("'=1+1");
        assertThat(ReconciliationReports.safeText("\tx")).isEqualTo("'\tx");
        assertThat(ReconciliationReports.safeText("EURUSD")).isEqualTo("EURUSD");
    }

    @Test
    void theCommandLineRunsTheJobWithExitFourAndPeopleHandleBreaksWithFourEyes() throws Exception {
        // given
        trade("400", "2026-03-03T10:00:00Z", "10.00");
        Path file = export("MATCH-GENERIC_2026-03-03.csv", row("400", "EURUSD", "99.00", "2026-03-03T10:00:00Z"));
        CliRunner cli = new CliRunner(database, CLOCK);
        String reports = "--tradesense.reports-folder=" + temp.resolve("cli-reports");

        // when
        CliRunner.Outcome run = cli.run("run", "trade-reconciliation", "--date=2026-03-03", "provider=MATCH-GENERIC",
                "file=" + file, reports);
        CliRunner.Outcome again = cli.run("run", "trade-reconciliation", "--date=2026-03-03",
                "provider=MATCH-GENERIC", "file=" + file, reports);
        CliRunner.Outcome noProvider = cli.run("run", "trade-reconciliation", "--date=2026-03-03", reports);
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(4);
        String breakId = sql.queryString("SELECT id FROM reconciliation_breaks");
        CliRunner.Outcome list = cli.run("breaks", "list", "--provider=MATCH-GENERIC");
        CliRunner.Outcome request = cli.run("breaks", "write-off", breakId, "--by=alice", "--reason=rounding at broker");
        CliRunner.Outcome selfApproval = cli.run("breaks", "approve", breakId, "--by=alice");
        String statusAfterSelfApproval = sql.queryString("SELECT status FROM reconciliation_breaks");
        CliRunner.Outcome approval = cli.run("breaks", "approve", breakId, "--by=bob");

        // then
        assertThat(run.status()).as(run.err()).isEqualTo(4);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("already complete");
        assertThat(noProvider.status()).isEqualTo(2);
        assertThat(noProvider.err()).contains("provider=<CODE>");
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains(breakId).contains("PNL_MISMATCH").contains("2026-03-03").contains("1 open break");
        assertThat(request.status()).as(request.err()).isZero();
        assertThat(selfApproval.status()).isEqualTo(2);
        assertThat(selfApproval.err()).contains("a different person must approve");
        assertThat(statusAfterSelfApproval).isEqualTo("OPEN");
        assertThat(approval.status()).as(approval.err()).isZero();
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("WRITTEN_OFF");
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_break_actions")).isEqualTo("2");
        assertThat(sql.queryString("SELECT actor FROM reconciliation_break_actions WHERE action = 'WRITE_OFF_APPROVE'"))
                .isEqualTo("bob");
        assertThat(sql.queryString("SELECT reason FROM reconciliation_break_actions WHERE action = 'WRITE_OFF_REQUEST'"))
                .isEqualTo("rounding at broker");
        assertThat(sql.queryString("SELECT COUNT(*) FROM generated_reports WHERE report_type IN"
                + " ('RECONCILIATION_WORKBOOK', 'RECONCILIATION_SUMMARY')")).isEqualTo("2");
    }

    @Test
    void aPersonResolvesABreakWithAReasonAndTheNextWorkbookShowsWhoWhenAndWhy() throws Exception {
        // given: a P&L difference found on 3 March, listed a week later
        trade("410", "2026-03-03T10:00:00Z", "10.00");
        String reports = "--tradesense.reports-folder=" + temp.resolve("cli-reports");
        CliRunner.Outcome run = new CliRunner(database, CLOCK).run("run", "trade-reconciliation", "--date=2026-03-03",
                "provider=MATCH-GENERIC", "file=" + export("MATCH-GENERIC_2026-03-03.csv",
                        row("410", "EURUSD", "12.00", "2026-03-03T10:00:00Z")), reports);
        String breakId = sql.queryString("SELECT id FROM reconciliation_breaks");
        CliRunner.Outcome list = new CliRunner(database, CLOCK).run("breaks", "list");

        // when: carol resolves it (runs and actions are stamped with the real time), then the next day is reconciled
        CliRunner.Outcome resolve = new CliRunner(database, Clock.systemUTC()).run("breaks", "resolve", breakId,
                "--by=carol", "--reason=booked late by the broker");
        Instant resolvedAt = sql.queryInstant("SELECT acted_at FROM reconciliation_break_actions"
                + " WHERE action = 'RESOLVE' AND actor = 'carol'");
        CliRunner.Outcome next = new CliRunner(database, Clock.systemUTC()).run("run", "trade-reconciliation",
                "--date=2026-03-04", "provider=MATCH-GENERIC", "file=" + export("MATCH-GENERIC_2026-03-04.csv"),
                reports);

        // then
        assertThat(run.status()).as(run.err()).isEqualTo(4);
        assertThat(list.out()).as("first seen 3 March, 7 days old on 10 March")
                .containsPattern(breakId + ".*PNL_MISMATCH.*2026-03-03\\s+7\\s+10.00 -> 12.00");
        assertThat(resolve.status()).as(resolve.err()).isZero();
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("RESOLVED");
        assertThat(sql.queryString("SELECT resolved_by FROM reconciliation_breaks")).isEqualTo("carol");
        assertThat(sql.queryString("SELECT resolution_reason FROM reconciliation_breaks"))
                .isEqualTo("booked late by the broker");
        assertThat(next.status()).as(next.err()).isZero();
        Path workbook = temp.resolve("cli-reports").resolve(sql.queryString("SELECT path FROM generated_reports"
                + " WHERE report_type = 'RECONCILIATION_WORKBOOK' AND business_date = '2026-03-04'"));
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Row action = book.getSheet("Break actions").getRow(1);
            assertThat(action.getCell(0).getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.ofInstant(
                    resolvedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), ZoneOffset.UTC));
            assertThat(action.getCell(1).getStringCellValue()).isEqualTo("RESOLVE");
            assertThat(action.getCell(2).getStringCellValue()).isEqualTo("carol");
            assertThat(action.getCell(3).getStringCellValue()).isEqualTo("booked late by the broker");
            assertThat(action.getCell(6).getStringCellValue()).isEqualTo("RESOLVED");
        }
    }

    @Test
    void withoutAFileTheNewestInboxFileIsReconciledAndNoFileIsExitFourAndABadFileExitOne() throws Exception {
        // given: two files of 6 March in the inbox, the corrected one written later; none for 7 March
        trade("420", "2026-03-06T10:00:00Z", "10.00");
        Path inbox = Files.createDirectories(temp.resolve("cli-inbox"));
        Path first = inbox.resolve("MATCH-GENERIC_2026-03-06.csv");
        Files.writeString(first, HEADER + row("420", "EURUSD", "99.00", "2026-03-06T10:00:00Z"));
        Path corrected = inbox.resolve("MATCH-GENERIC_2026-03-06-v2.csv");
        Files.writeString(corrected, HEADER + row("420", "EURUSD", "10.00", "2026-03-06T10:00:00Z"));
        Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-07T01:00:00Z")));
        Files.setLastModifiedTime(corrected,
                java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-07T02:00:00Z")));
        Path binary = temp.resolve("MATCH-GENERIC_2026-03-08.csv");
        Files.write(binary, new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        CliRunner cli = new CliRunner(database, CLOCK);
        String settings = "--tradesense.reconciliation.inbox=" + inbox;
        String reports = "--tradesense.reports-folder=" + temp.resolve("cli-reports");

        // when
        CliRunner.Outcome newest = cli.run("run", "trade-reconciliation", "--date=2026-03-06",
                "provider=MATCH-GENERIC", settings, reports);
        CliRunner.Outcome none = cli.run("run", "trade-reconciliation", "--date=2026-03-07",
                "provider=MATCH-GENERIC", settings, reports);
        CliRunner.Outcome bad = cli.run("run", "trade-reconciliation", "--date=2026-03-08",
                "provider=MATCH-GENERIC", "file=" + binary, settings, reports);

        // then
        assertThat(newest.status()).as(newest.out() + newest.err()).isZero();
        assertThat(sql.queryString("SELECT source_file_name FROM reconciliation_runs WHERE business_date = '2026-03-06'"))
                .isEqualTo("MATCH-GENERIC_2026-03-06-v2.csv");
        assertThat(none.status()).as(none.out() + none.err()).isEqualTo(4);
        assertThat(sql.queryString("SELECT status FROM reconciliation_runs WHERE business_date = '2026-03-07'"))
                .isEqualTo("NO_DATA");
        assertThat(bad.status()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out() + bad.err()).contains(binary.toString());
        assertThat(sql.queryString("SELECT status FROM reconciliation_runs WHERE business_date = '2026-03-08'"))
                .isEqualTo("FAILED");
    }

    @Test
    void aWrittenOffBreakStaysWrittenOffAndShowsInTheNextWorkbook() throws Exception {
        // given
        trade("500", "2026-03-03T10:00:00Z", "10.00");
        Path file = export("a.csv", row("500", "EURUSD", "15.00", "2026-03-03T10:00:00Z"));
        service().reconcile("MATCH-GENERIC", DAY, file, null);
        UUID breakId = UUID.fromString(sql.queryString("SELECT id FROM reconciliation_breaks"));
        BreakService breaks = new BreakService(database.dataSource(), database.dialect(),
                Clock.offset(CLOCK, java.time.Duration.ofHours(1)));
        breaks.requestWriteOff(breakId, "alice", "agreed with the broker");
        breaks.approveWriteOff(breakId, "bob", null);

        // when: a corrected file for the same day that still differs
        ReconciliationResult rerun = service(Clock.offset(CLOCK, java.time.Duration.ofHours(2))).reconcile("MATCH-GENERIC", DAY,
                export("b.csv", row("500", "EURUSD", "15.00", "2026-03-03T10:00:00.000Z")), null);

        // then
        assertThat(sql.queryString("SELECT COUNT(*) FROM reconciliation_breaks")).isEqualTo("1");
        assertThat(sql.queryString("SELECT status FROM reconciliation_breaks")).isEqualTo("WRITTEN_OFF");
        try (InputStream in = Files.newInputStream(rerun.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet actions = workbook.getSheet("Break actions");
            assertThat(actions.getLastRowNum()).isEqualTo(2);
            assertThat(actions.getRow(1).getCell(1).getStringCellValue()).isEqualTo("WRITE_OFF_REQUEST");
            assertThat(actions.getRow(2).getCell(2).getStringCellValue()).isEqualTo("bob");
        }
    }

    @Test
    void aWrongTimeZoneNameInTheConfigurationStopsTheCommandNamingTheProperty() {
        // given
        CliRunner cli = new CliRunner(database, CLOCK);

        // when
        CliRunner.Outcome outcome = cli.run("run", "trade-reconciliation", "--date=2026-03-03", "provider=MT5-LIVE-1",
                "--tradesense.providers.MT5-LIVE-1.zone=Europe/Atlantis");

        // then
        assertThat(outcome.status()).isNotZero();
        assertThat(outcome.err()).contains("tradesense.providers.MT5-LIVE-1.zone")
                .contains("'Europe/Atlantis' is not a time zone name");
        assertThat(new java.io.File(temp.toFile(), "inbox")).doesNotExist();
    }

    @Test
    void thePairingStatementGetsTheConfiguredJoinMemoryWhereTheEngineHasSuchASetting() throws Exception {
        // given: a data source that notes every statement executed on its connections
        trade("900", "2026-03-03T10:00:00Z", "10.00");
        List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
        javax.sql.DataSource recording = recordingStatements(database.dataSource(), statements);
        ReportArchive archive = new ReportArchive(database.dataSource(), database.dialect(), temp.resolve("reports"));
        Path file = export("MATCH-GENERIC_2026-03-03.csv", row("900", "EURUSD", "10.00", "2026-03-03T10:00:00Z"));

        // when: one run with 64 MB, one with the server's own setting
        new ReconciliationService(recording, database.dialect(), ReconciliationProviders.defaults(temp.resolve("inbox")),
                archive, CLOCK).joinMemory(org.springframework.util.unit.DataSize.ofMegabytes(64)).reconcile("MATCH-GENERIC", DAY, file, null);
        List<String> configured = new ArrayList<>(statements);
        statements.clear();
        new ReconciliationService(recording, database.dialect(), ReconciliationProviders.defaults(temp.resolve("inbox")),
                archive, CLOCK).joinMemory(org.springframework.util.unit.DataSize.ofBytes(0)).reconcile("MATCH-GENERIC", DAY.plusDays(1),
                export("MATCH-GENERIC_2026-03-04.csv"), null);

        // then
        if (engine() == TestEngine.POSTGRESQL) {
            assertThat(configured).contains("SET LOCAL work_mem = '65536kB'");
        } else {
            assertThat(configured).noneMatch(sql -> sql.contains("work_mem"));
        }
        assertThat(statements).isNotEmpty().noneMatch(sql -> sql.contains("work_mem"));
    }

    @Test
    void aJoinMemoryThatIsNotASizeStopsTheCommandNamingTheSetting() {
        // given
        CliRunner cli = new CliRunner(database, CLOCK);

        // when
        CliRunner.Outcome outcome = cli.run("run", "trade-reconciliation", "--date=2026-03-03",
                "provider=MATCH-GENERIC", "--tradesense.reconciliation.join-memory=-5MB");

        // then
        assertThat(outcome.status()).isNotZero();
        assertThat(outcome.err()).contains("tradesense.reconciliation.join-memory")
                .contains("must be 0 or between 1KB and 2147483647KB, not -5242880B");
    }

    /** {@code dataSource}, noting the text of every {@link java.sql.Statement#execute(String)} on its connections. */
    private static javax.sql.DataSource recordingStatements(javax.sql.DataSource dataSource, List<String> statements) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                ReconciliationScenarioContractTest.class.getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(
                            ReconciliationScenarioContractTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object made = invoke(m, connection, a);
                                if (!(made instanceof java.sql.Statement statement)
                                        || made instanceof PreparedStatement) {
                                    return made;
                                }
                                return java.lang.reflect.Proxy.newProxyInstance(
                                        ReconciliationScenarioContractTest.class.getClassLoader(),
                                        new Class<?>[] {java.sql.Statement.class}, (q, sm, sa) -> {
                                            if (sm.getName().equals("execute") && sa != null && sa.length == 1) {
                                                statements.add((String) sa[0]);
                                            }
                                            return invoke(sm, statement, sa);
                                        });
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
