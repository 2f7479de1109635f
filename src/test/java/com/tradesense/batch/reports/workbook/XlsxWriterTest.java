package com.tradesense.batch.reports.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxWriterTest {

    private static final Instant CREATED = Instant.parse("2026-03-06T07:30:00.250Z");
    private static final XlsxWriter.Header HEADER = new XlsxWriter.Header("#C0C0C0", "#000000", true);

    /** Writes a workbook with the given body and reads it back with POI. */
    private static XSSFWorkbook written(int maxRowsPerSheet, Body body) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes(maxRowsPerSheet, body)));
    }

    private static byte[] bytes(int maxRowsPerSheet, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter xlsx = new XlsxWriter(out, CREATED, HEADER, maxRowsPerSheet)) {
            body.write(xlsx);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(XlsxWriter xlsx) throws IOException;
    }

    private static void rows(XlsxWriter xlsx, int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            xlsx.startRow();
            xlsx.text("row " + i);
            xlsx.integer(i);
        }
    }

    @Test
    void aFullSheetContinuesOnNumberedSheetsEachWithItsHeaderFrozenPaneFilterAndWidths() throws Exception {
        // when: seven rows at three per sheet, then a sheet of its own
        try (XSSFWorkbook workbook = written(3, xlsx -> {
            xlsx.startSheet("Matched", List.of("Name", "Number"), new int[] {30, 12});
            rows(xlsx, 7);
            xlsx.endSheet();
            xlsx.startSheet("Actions", List.of("When"), new int[] {24});
            xlsx.endSheet();
        })) {
            // then
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("Matched", "Matched (2)", "Matched (3)", "Actions");
            List<String> firstCells = new ArrayList<>();
            for (String name : List.of("Matched", "Matched (2)", "Matched (3)")) {
                XSSFSheet sheet = workbook.getSheet(name);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
                assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Number");
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(sheet.getColumnWidth(0)).isEqualTo(30 * 256);
                assertThat(sheet.getColumnWidth(1)).isEqualTo(12 * 256);
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    firstCells.add(sheet.getRow(r).getCell(0).getStringCellValue());
                }
            }
            assertThat(firstCells).containsExactly("row 1", "row 2", "row 3", "row 4", "row 5", "row 6", "row 7");
            assertThat(workbook.getSheet("Matched").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B4");
            assertThat(workbook.getSheet("Matched (3)").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B2");
            assertThat(workbook.getSheet("Matched (3)").getLastRowNum()).isEqualTo(1);
            assertThat(workbook.getSheet("Actions").getLastRowNum()).isZero();
        }
    }

    @Test
    void aContinuationNameStaysWithinThirtyOneCharactersAndSkipsNamesAlreadyTaken() throws Exception {
        // when
        try (XSSFWorkbook workbook = written(1, xlsx -> {
            xlsx.startSheet("Rows (2)", List.of("Name", "Number"), new int[0]);
            xlsx.endSheet();
            xlsx.startSheet("Rows", List.of("Name", "Number"), new int[0]);
            rows(xlsx, 2);
            xlsx.endSheet();
            xlsx.startSheet("A name of exactly thirty-one ch", List.of("Name", "Number"), new int[0]);
            rows(xlsx, 2);
            xlsx.endSheet();
        })) {
            // then
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("Rows (2)", "Rows", "Rows (3)", "A name of exactly thirty-one ch",
                    "A name of exactly thirty-on (2)");
        }
    }

    @Test
    void numbersDatesAndTimesAreRealNumbersWithTheirFormatsAndKeepMilliseconds() throws Exception {
        // given
        Instant executed = Instant.parse("2026-03-02T23:59:59.600Z");
        Instant beforeEpoch = Instant.parse("1969-12-31T12:00:00.001Z");

        // when
        try (XSSFWorkbook workbook = written(XlsxWriter.MAX_DATA_ROWS_PER_SHEET, xlsx -> {
            XlsxWriter.Style money = xlsx.numberFormat("#,##0.00;-#,##0.00");
            XlsxWriter.Style time = xlsx.numberFormat("yyyy-mm-dd hh:mm:ss.000");
            XlsxWriter.Style date = xlsx.numberFormat("yyyy-mm-dd");
            assertThat(xlsx.numberFormat("#,##0.00;-#,##0.00")).isSameAs(money);
            xlsx.startSheet("Values", List.of("Money", "Time", "Date", "Count", "Earlier"), new int[] {14, 24});
            xlsx.startRow();
            xlsx.number(new BigDecimal("-1234567.89"), money);
            xlsx.instant(executed, time);
            xlsx.date(LocalDate.of(2026, 3, 3), date);
            xlsx.integer(-42);
            xlsx.instant(beforeEpoch, time);
            xlsx.endSheet();
        })) {
            // then
            Row row = workbook.getSheet("Values").getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(-1234567.89);
            assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00;-#,##0.00");
            assertThat(row.getCell(1).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.parse("2026-03-02T23:59:59.600"));
            assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss.000");
            assertThat(row.getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2026-03-03T00:00"));
            assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(-42.0);
            assertThat(row.getCell(4).getNumericCellValue()).as("half a day and a millisecond before 1970")
                    .isCloseTo(25_568.5 + 1 / 86_400_000.0, offset(1e-9));
        }
    }

    @Test
    void anEmptyValueLeavesItsCellEmptyAndTheNextValueInItsOwnColumn() throws Exception {
        // when
        try (XSSFWorkbook workbook = written(10, xlsx -> {
            XlsxWriter.Style money = xlsx.numberFormat("0.00");
            xlsx.startSheet("Values", List.of("A", "B", "C", "D", "E", "F"), new int[0]);
            xlsx.startRow();
            xlsx.text(null);
            xlsx.number(null, money);
            xlsx.date(null, money);
            xlsx.instant(null, money);
            xlsx.text("", XlsxWriter.DEFAULT);
            xlsx.number(BigDecimal.ONE, money);
            xlsx.endSheet();
        })) {
            // then
            Row row = workbook.getSheet("Values").getRow(1);
            assertThat(row.getCell(0)).isNull();
            assertThat(row.getCell(3)).isNull();
            assertThat(row.getCell(4).getStringCellValue()).isEmpty();
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(1.0);
        }
    }

    @Test
    void textReadsBackAsWrittenWhateverCharactersItHolds() throws Exception {
        // given
        List<String> texts = List.of("A&B <tag> \"quoted\" 'single'", "  padded  ", "line 1\nline 2\r\nline 3",
                "tab\there", "€ ü 日本 😀", "literal _x0041_ stays", "_x00e9_", "a_b_x_c");

        // when
        try (XSSFWorkbook workbook = written(100, xlsx -> {
            xlsx.startSheet("Texts", List.of("Text"), new int[] {40});
            for (String text : texts) {
                xlsx.startRow();
                xlsx.text(text);
            }
            xlsx.endSheet();
        })) {
            // then
            XSSFSheet sheet = workbook.getSheet("Texts");
            for (int i = 0; i < texts.size(); i++) {
                assertThat(sheet.getRow(i + 1).getCell(0).getStringCellValue()).isEqualTo(texts.get(i));
            }
        }
    }

    @Test
    void charactersAFileCannotCarryAreDroppedAndTooLongTextIsCut() throws Exception {
        // when
        try (XSSFWorkbook workbook = written(100, xlsx -> {
            xlsx.startSheet("Texts", List.of("Text"), new int[0]);
            xlsx.startRow();
            xlsx.text("bell\u0007 nul\u0000 lone \uD800 end\uFFFF");
            xlsx.startRow();
            xlsx.text("x".repeat(XlsxWriter.MAX_TEXT_LENGTH + 10));
            xlsx.endSheet();
        })) {
            // then
            XSSFSheet sheet = workbook.getSheet("Texts");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("bell nul lone \uFFFD end");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).hasSize(XlsxWriter.MAX_TEXT_LENGTH);
        }
    }

    @Test
    void formulaLikeTextIsQuotedTextAndTheHeaderIsBoldOnItsFillWithALine() throws Exception {
        // when
        try (XSSFWorkbook workbook = written(100, xlsx -> {
            xlsx.startSheet("Texts", List.of("Text", "Other"), new int[0]);
            xlsx.startRow();
            xlsx.text("=HYPERLINK(\"http://evil.example\")");
            xlsx.text("plain");
            xlsx.startRow();
            xlsx.text("'@SUM(1)", XlsxWriter.QUOTED);
            xlsx.endSheet();
        })) {
            // then
            XSSFSheet sheet = workbook.getSheet("Texts");
            XSSFCell formula = sheet.getRow(1).getCell(0);
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\")");
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(1).getCell(1).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(sheet.getRow(2).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            XSSFCellStyle header = sheet.getRow(0).getCell(0).getCellStyle();
            assertThat(header.getFont().getBold()).isTrue();
            assertThat(header.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FFC0C0C0");
            assertThat(header.getBorderBottom()).isEqualTo(BorderStyle.THIN);
        }
    }

    @Test
    void sameRowsGiveByteIdenticalFilesWithTheDocumentDateAsEveryEntryTime() throws Exception {
        // given
        Body body = xlsx -> {
            XlsxWriter.Style time = xlsx.numberFormat("yyyy-mm-dd hh:mm:ss.000");
            xlsx.startSheet("Rows", List.of("Name", "Number", "When"), new int[] {20, 10, 24});
            for (int i = 0; i < 5; i++) {
                xlsx.startRow();
                xlsx.text("row " + i);
                xlsx.integer(i);
                xlsx.instant(CREATED.plusMillis(i), time);
            }
            xlsx.endSheet();
        };

        // when
        byte[] first = bytes(2, body);
        byte[] second = bytes(2, body);

        // then
        assertThat(second).isEqualTo(first);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo("2026-03-06T07:30:00");
            }
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(first))) {
            assertThat(workbook.getProperties().getCoreProperties().getCreated())
                    .isEqualTo(Instant.parse("2026-03-06T07:30:00Z"));
        }
    }

    @Test
    void theCallersStreamStaysOpenAfterTheWorkbookIsClosed() throws Exception {
        // given
        boolean[] closed = {false};
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        // when
        try (XlsxWriter xlsx = new XlsxWriter(target, CREATED, HEADER)) {
            xlsx.startSheet("Rows", List.of("Name"), new int[0]);
            xlsx.endSheet();
        }

        // then
        assertThat(closed[0]).isFalse();
        assertThat(target.toByteArray()).startsWith((byte) 'P', (byte) 'K');
    }

    @Test
    void sheetNamesExcelWouldRepairAndRowsWiderThanTheirHeaderAreRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter xlsx = new XlsxWriter(out, CREATED, HEADER)) {
            assertThatThrownBy(() -> xlsx.startSheet("x".repeat(32), List.of("A"), new int[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 characters");
            assertThatThrownBy(() -> xlsx.startSheet("Q1/Q2", List.of("A"), new int[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be a sheet name");
            xlsx.startSheet("Rows", List.of("A"), new int[0]);
            xlsx.startRow();
            xlsx.integer(1);
            assertThatThrownBy(() -> xlsx.integer(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more cells than its 1 columns");
            xlsx.endSheet();
            assertThatThrownBy(() -> xlsx.startSheet("ROWS", List.of("A"), new int[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a sheet");
        }
        assertThatThrownBy(() -> new XlsxWriter(out, CREATED, new XlsxWriter.Header("grey", "#000000", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#RRGGBB");
    }

    @Test
    void formulaLikeTextIsRecognised() {
        assertThat(List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")).allMatch(XlsxWriter::looksLikeFormula);
        assertThat(List.of("", "STRIPE", "a=b", "1-2")).noneMatch(XlsxWriter::looksLikeFormula);
        assertThat(XlsxWriter.looksLikeFormula(null)).isFalse();
    }
}
