package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.tradesense.batch.reports.archive.ReportArchive;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What finance sees in the workbook of a run, read back cell by cell, on every engine. */
abstract class ReconciliationWorkbookContractTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T06:00:00Z"), ZoneOffset.UTC);
    static final String HEADER =
            "provider_trade_id,account,symbol,side,quantity,price,commission,swap,realized_pnl,executed_at\r\n";
    static final String MONEY = "#,##0.00;-#,##0.00";
    static final String DECIMAL = "0.00######";
    static final String TIME = "yyyy-mm-dd hh:mm:ss.000";

    @TempDir
    Path temp;

    private TestDatabase database;
    private UUID challenge;
    private long sequence;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        LedgerFixtures sql = new LedgerFixtures(database);
        UUID user = sql.user("workbook@example.com");
        challenge = sql.activeChallenge(user, Instant.parse("2026-03-01T00:00:00Z"));
        sql.execute("UPDATE challenges SET provider = 'MATCH-GENERIC', provider_account_id = 'ACC-1' WHERE id = ?",
                challenge);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** A MATCH-GENERIC ledger trade: EURUSD BUY 1.00 @ 1.08450, commission 3.00, swap 0.00. */
    private void trade(String id, String executedAt, String pnl) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO trades (id, challenge_id, sequence_number, provider, provider_trade_id, symbol, side,
                                         quantity, price, commission, swap, realized_pnl, executed_at)
                     VALUES (?, ?, ?, 'MATCH-GENERIC', ?, 'EURUSD', 'BUY', ?, ?, ?, ?, ?, ?)""")) {
            database.dialect().setUuid(ps, 1, UUID.randomUUID());
            database.dialect().setUuid(ps, 2, challenge);
            ps.setLong(3, ++sequence);
            ps.setString(4, id);
            database.dialect().setDecimal(ps, 5, new BigDecimal("1.00000000"));
            database.dialect().setDecimal(ps, 6, new BigDecimal("1.08450000"));
            database.dialect().setDecimal(ps, 7, new BigDecimal("3.00"));
            database.dialect().setDecimal(ps, 8, new BigDecimal("0.00"));
            database.dialect().setDecimal(ps, 9, new BigDecimal(pnl));
            database.dialect().setInstant(ps, 10, Instant.parse(executedAt));
            ps.executeUpdate();
        }
    }

    private static String row(String id, String pnl, String executedAt) {
        return id + ",ACC-1,EURUSD,BUY,1.00,1.08450,3.00,0.00," + pnl + "," + executedAt + "\r\n";
    }

    private ReconciliationResult reconcile(String... rows) throws IOException {
        Path file = temp.resolve("MATCH-GENERIC_2026-03-03.csv");
        Files.writeString(file, HEADER + String.join("", rows), StandardCharsets.UTF_8);
        ReconciliationService service = new ReconciliationService(database.dataSource(), database.dialect(),
                ReconciliationProviders.defaults(temp.resolve("inbox")),
                new ReportArchive(database.dataSource(), database.dialect(), temp.resolve("reports")), CLOCK);
        return service.reconcile("MATCH-GENERIC", DAY, file, null);
    }

    private static List<List<Object>> values(XSSFSheet sheet) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            List<Object> cells = new ArrayList<>();
            for (Cell cell : sheet.getRow(r)) {
                cells.add(cell.getCellType() == CellType.NUMERIC ? cell.getNumericCellValue()
                        : cell.getStringCellValue());
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void everySheetHasAFrozenFilteredHeaderAndRealNumbersAndTimesInTheirFormats() throws Exception {
        // given: a match, a trade only the ledger has, a P&L difference, an id the ledger lacks that the export
        // repeats, and a row that cannot be read
        trade("600", "2026-03-03T10:00:00.250Z", "10.00");
        trade("601", "2026-03-03T11:00:00Z", "11.00");
        trade("602", "2026-03-03T12:00:00Z", "12.00");

        // when
        ReconciliationResult result = reconcile(
                row("600", "10.00", "2026-03-03T10:00:00.250Z"),
                row("602", "12.40", "2026-03-03T12:00:00Z"),
                row("603", "13.00", "2026-03-03T13:00:00Z"),
                row("603", "13.00", "2026-03-03T13:00:00Z"),
                "604,ACC-1,EURUSD,BUY,oops,1.08450,3.00,0.00,1.00,2026-03-03T14:00:00Z\r\n");

        // then
        try (InputStream in = Files.newInputStream(result.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertThat(sheets).containsExactly("Summary", "Breaks", "Unmatched – ledger", "Unmatched – provider",
                    "Invalid rows", "Matched", "Break actions");
            for (String name : sheets) {
                XSSFSheet sheet = workbook.getSheet(name);
                assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).as(name).isEqualTo((short) 1);
                assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as(name).startsWith("A1:");
                assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).as(name).isTrue();
            }
            assertThat(workbook.getProperties().getCoreProperties().getCreated()).isEqualTo(CLOCK.instant());

            XSSFSheet matched = workbook.getSheet("Matched");
            assertThat(matched.getLastRowNum()).isEqualTo(1);
            Row pair = matched.getRow(1);
            assertThat(pair.getCell(0).getStringCellValue()).isEqualTo("600");
            assertThat(pair.getCell(1).getStringCellValue()).isEqualTo(challenge.toString());
            assertThat(pair.getCell(4).getNumericCellValue()).isEqualTo(1.0);
            assertThat(pair.getCell(4).getCellStyle().getDataFormatString()).isEqualTo(DECIMAL);
            assertThat(pair.getCell(6).getNumericCellValue()).isEqualTo(1.0845);
            assertThat(pair.getCell(8).getNumericCellValue()).isEqualTo(10.0);
            assertThat(pair.getCell(8).getCellStyle().getDataFormatString()).isEqualTo(MONEY);
            for (int column : new int[] {11, 12}) {
                assertThat(pair.getCell(column).getLocalDateTimeCellValue())
                        .isEqualTo(LocalDateTime.parse("2026-03-03T10:00:00.250"));
                assertThat(pair.getCell(column).getCellStyle().getDataFormatString()).isEqualTo(TIME);
            }
            assertThat(matched.getColumnWidth(1)).as("a challenge id fits").isEqualTo(38 * 256);

            Row pnl = workbook.getSheet("Breaks").getRow(5);
            assertThat(pnl.getCell(0).getStringCellValue()).isEqualTo("PNL_MISMATCH");
            assertThat(pnl.getCell(6).getNumericCellValue()).as("provider minus ledger").isEqualTo(0.4);
            assertThat(pnl.getCell(7).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(DAY);
            assertThat(pnl.getCell(8).getNumericCellValue()).as("age in days").isZero();
            assertThat(values(workbook.getSheet("Breaks"))).extracting(cells -> cells.get(0))
                    .containsExactly("DUPLICATE_IN_EXPORT", "INVALID_ROW", "MISSING_IN_LEDGER",
                            "MISSING_IN_PROVIDER", "PNL_MISMATCH");
            Row missing = workbook.getSheet("Breaks").getRow(4);
            assertThat(missing.getCell(0).getStringCellValue()).isEqualTo("MISSING_IN_PROVIDER");
            assertThat(missing.getCell(10)).as("a break of no export row has no line number")
                    .satisfiesAnyOf(cell -> assertThat(cell).isNull(),
                            cell -> assertThat(cell.getCellType()).isEqualTo(CellType.BLANK));
            assertThat(workbook.getSheet("Breaks").getRow(2).getCell(10).getNumericCellValue())
                    .as("the invalid row's line").isEqualTo(6.0);

            assertThat(values(workbook.getSheet("Unmatched – ledger"))).extracting(cells -> cells.get(0))
                    .containsExactly("601");
            assertThat(values(workbook.getSheet("Unmatched – provider")))
                    .as("every row of an id the ledger lacks, in file order")
                    .extracting(cells -> cells.get(0), cells -> cells.get(1))
                    .containsExactly(tuple(4.0, "603"), tuple(5.0, "603"));
            Row unmatched = workbook.getSheet("Unmatched – provider").getRow(1);
            assertThat(unmatched.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(unmatched.getCell(9).getNumericCellValue()).isEqualTo(13.0);
            assertThat(unmatched.getCell(10).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.parse("2026-03-03T13:00:00"));

            assertThat(values(workbook.getSheet("Invalid rows"))).singleElement().satisfies(cells ->
                    assertThat(cells.subList(0, 4)).containsExactly(6.0, "604", "quantity", "oops"));

            XSSFSheet summary = workbook.getSheet("Summary");
            assertThat(summary.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Business date");
            assertThat(summary.getRow(2).getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(DAY);
            assertThat(summary.getRow(12).getCell(0).getStringCellValue()).isEqualTo("Matched");
            assertThat(summary.getRow(12).getCell(1).getNumericCellValue()).isEqualTo(1.0);
            assertThat(summary.getColumnWidth(0)).isEqualTo(34 * 256);
        }
    }
}
