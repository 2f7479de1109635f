package com.tradesense.batch.reports.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.reports.templates.ReportTemplates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class FinanceWorkbookTest {

    private static final Instant GENERATED_AT = Instant.parse("2026-03-06T07:30:00Z");
    private static final LocalDate DATE = LocalDate.parse("2026-03-05");

    @Test
    void writesRealNumbersAndDatesFrozenHeadersFiltersAndGuardsFormulaLikeText() throws Exception {
        // when
        byte[] bytes = write();

        // then
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet pnl = workbook.getSheet("Daily P&L");
            assertThat(pnl.getPaneInformation().isFreezePane()).isTrue();
            assertThat(pnl.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pnl.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:O2");
            assertThat(pnl.getRow(1).getCell(7).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(pnl.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(-5310.0);
            assertThat(pnl.getRow(1).getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(DATE);
            XSSFSheet payments = workbook.getSheet("Payments");
            assertThat(payments.getRow(1).getCell(3).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(payments.getRow(1).getCell(3).getCellType()).isEqualTo(CellType.STRING);
            assertThat(payments.getRow(1).getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(payments.getRow(1).getCell(2).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(workbook.getProperties().getCoreProperties().getCreated()).isEqualTo(GENERATED_AT);
        }
    }

    @Test
    void sameRowsGiveByteIdenticalFilesWithFixedEntryTimes() throws Exception {
        // when
        byte[] first = write();
        byte[] second = write();

        // then
        assertThat(second).isEqualTo(first);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo("2026-03-06T07:30:00");
            }
        }
    }

    @Test
    void formulaLikeTextIsRecognised() {
        assertThat(List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"))
                .allMatch(FinanceWorkbook::looksLikeFormula);
        assertThat(List.of("", "STRIPE", "a=b", "1-2")).noneMatch(FinanceWorkbook::looksLikeFormula);
    }

    private static byte[] write() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UUID challenge = UUID.fromString("0d0d0d0d-0000-4000-8000-000000000001");
        FinanceWorkbook.write(new ReportTemplates(null).load(ReportTemplates.FINANCE_WORKBOOK), GENERATED_AT,
                consumer -> consumer.accept(new FinanceRows.Pnl(DATE, challenge, "USD", "FAILED",
                        new BigDecimal("101495.00"), new BigDecimal("96185.00"), new BigDecimal("96185.00"),
                        new BigDecimal("-5310.00"), new BigDecimal("-5300.00"), new BigDecimal("10.00"),
                        new BigDecimal("0.00"), 2, new BigDecimal("2.00000000"), new BigDecimal("5.2318"), 1)),
                List.of(new FinanceRows.Payment(Instant.parse("2026-03-05T08:00:00Z"),
                        UUID.fromString("0e0e0e0e-0000-4000-8000-000000000001"), "STRIPE", "=HYPERLINK(\"x\")",
                        "SUCCESS", "USD", new BigDecimal("549.00"), BigDecimal.ZERO, null, challenge)),
                Map.of("FAILED", 1L), out);
        return out.toByteArray();
    }
}
