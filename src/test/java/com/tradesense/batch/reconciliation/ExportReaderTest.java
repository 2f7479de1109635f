package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.provider.ProviderSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReaderTest {

    private static final String GENERIC_HEADER =
            "provider_trade_id,account,symbol,side,quantity,price,commission,swap,realized_pnl,executed_at";

    @TempDir
    Path temp;

    static ReconciliationProvider generic() {
        return new ReconciliationProvider(ProviderSettings.generic("MATCH-GENERIC", ZoneOffset.UTC),
                Tolerances.DEFAULTS, Map.of("EXT-9", "ACC-9"));
    }

    static ReconciliationProvider mt5() {
        return new ReconciliationProvider(ProviderSettings.mt5("MT5-LIVE-1", ZoneId.of("Europe/Athens")),
                Tolerances.DEFAULTS, Map.of());
    }

    static ReconciliationProvider ctrader() {
        return new ReconciliationProvider(ProviderSettings.ctrader("CTRADER-EU", ZoneId.of("Europe/London"), ';'),
                Tolerances.DEFAULTS, Map.of());
    }

    private Path file(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<ExportRow> read(ReconciliationProvider provider, Path file) {
        List<ExportRow> rows = new ArrayList<>();
        new ExportReader(provider).read(file, rows::add);
        return rows;
    }

    @Test
    void readsColumnsByNameInAnyOrderWithBomCrlfQuotedSeparatorsAndLineBreaks() throws IOException {
        // given: reordered and extra columns, a quoted symbol holding a comma and a line break
        Path file = file("g.csv", "\uFEFFExecuted_At,extra,Provider_Trade_Id,account,symbol,side,quantity,price,"
                + "commission,swap,realized_pnl\r\n"
                + "2026-03-03T10:00:00.250+02:00,x,1001,EXT-9,\"EUR,\r\nUSD\",buy,1.50,1.08450,3.00,-0.50,12.34\r\n"
                + "2026-03-03T11:00:00Z,,1002,ACC-1,GBPUSD,SELL,2,1.25,0,0,-1\r\n");

        // when
        List<ExportRow> rows = read(generic(), file);

        // then
        assertThat(rows).hasSize(2);
        ExportRow first = rows.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.providerTradeId()).isEqualTo("1001");
        assertThat(first.account()).as("mapped account").isEqualTo("ACC-9");
        assertThat(first.symbol()).isEqualTo("EUR,\r\nUSD");
        assertThat(first.side()).isEqualTo("BUY");
        assertThat(first.quantity()).isEqualByComparingTo("1.50");
        assertThat(first.swap()).isEqualByComparingTo("-0.50");
        assertThat(first.executedAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00.250Z"));
        assertThat(rows.get(1).line()).as("the line after a value spanning two lines").isEqualTo(4);
    }

    @Test
    void unreadableRowsAreReportedWithLineFieldAndRawTextAndTheRestIsStillRead() throws IOException {
        // given
        Path file = file("g.csv", GENERIC_HEADER + "\n"
                + "1,A,EURUSD,BUY,abc,1.1,0,0,0,2026-03-03T10:00:00Z\n"
                + "2,A,EURUSD,BUY,-5,1.1,0,0,0,2026-03-03T10:00:00Z\n"
                + "3,A,EURUSD,BUY,1,1.1,0,0,0,2026-02-30T10:00:00Z\n"
                + "4,A,EURUSD,HOLD,1,1.1,0,0,0,2026-03-03T10:00:00Z\n"
                + ",A,EURUSD,BUY,1,1.1,0,0,0,2026-03-03T10:00:00Z\n"
                + "6,A,EURUSD,BUY,1,1.1,0,0,0,2026-03-03T10:00:00Z\n");

        // when
        List<ExportRow> rows = read(generic(), file);

        // then
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).invalid()).isTrue();
        assertThat(rows.get(0).errorField()).isEqualTo("quantity");
        assertThat(rows.get(0).error()).contains("line 2").contains("quantity").contains("'abc' is not a number");
        assertThat(rows.get(0).rawText()).isEqualTo("1,A,EURUSD,BUY,abc,1.1,0,0,0,2026-03-03T10:00:00Z");
        assertThat(rows.get(0).providerTradeId()).isEqualTo("1");
        assertThat(rows.get(1).error()).contains("line 3").contains("'-5' is not a positive quantity");
        assertThat(rows.get(2).errorField()).isEqualTo("executed_at");
        assertThat(rows.get(2).error()).contains("2026-02-30T10:00:00Z").contains("not a valid time");
        assertThat(rows.get(3).errorField()).isEqualTo("side");
        assertThat(rows.get(4).errorField()).isEqualTo("provider_trade_id");
        assertThat(rows.get(4).providerTradeId()).isNull();
        assertThat(rows.get(5).invalid()).isFalse();
    }

    @Test
    void aNumberLongerThanAnyLedgerAmountIsAnUnreadableRow() throws IOException {
        // given: a hundred digits still read, a hundred and one refused
        String hundred = "1".repeat(98) + ".5";
        Path file = file("g.csv", GENERIC_HEADER + "\n"
                + "1,A,EURUSD,BUY,1,1.1,0,0," + hundred + ",2026-03-03T10:00:00Z\n"
                + "2,A,EURUSD,BUY,1,1.1,0,0," + hundred + "0,2026-03-03T10:00:00Z\n");

        // when
        List<ExportRow> rows = read(generic(), file);

        // then
        assertThat(rows.get(0).invalid()).isFalse();
        assertThat(rows.get(0).realizedPnl()).isEqualTo(new BigDecimal(hundred));
        assertThat(rows.get(1).errorField()).isEqualTo("realized_pnl");
        assertThat(rows.get(1).error()).contains("line 3").contains("has more digits than any ledger amount");
    }

    @Test
    void anEmptyFileIsRefusedNamingTheFile() throws IOException {
        Path file = file("empty.csv", "");

        assertThatThrownBy(() -> read(generic(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("empty.csv").hasMessageContaining("empty");
    }

    @Test
    void aHeaderOnlyFileHasNoRows() throws IOException {
        Path file = file("header.csv", GENERIC_HEADER + "\r\n");

        ExportReader.Outcome outcome = new ExportReader(generic()).read(file, row -> { });

        assertThat(outcome.rowsRead()).isZero();
        assertThat(outcome.headerLine()).isEqualTo(1);
    }

    @Test
    void aQuoteThatIsNeverClosedStopsTheFileAtItsLineInsteadOfGatheringTheRestIntoOneValue() throws IOException {
        // given: a good row, then a row whose quote never closes, followed by far more text than any row holds
        StringBuilder text = new StringBuilder(GENERIC_HEADER).append('\n')
                .append("1,A,EURUSD,BUY,1,1.1,0,0,0,2026-03-03T10:00:00Z\n")
                .append("2,A,\"EURUSD,BUY,1,1.1,0,0,0,2026-03-03T10:00:01Z\n");
        String filler = "3,A,EURUSD,BUY,1,1.1,0,0,0,2026-03-03T10:00:02Z\n";
        while (text.length() < 3 * ExportReader.TextOnlyReader.MAX_RECORD_CHARS) {
            text.append(filler);
        }
        Path file = file("unclosed.csv", text.toString());

        // when / then
        assertThatThrownBy(() -> read(generic(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("unclosed.csv").hasMessageContaining("line 3")
                .hasMessageContaining("never closed");
    }

    @Test
    void aMissingRequiredColumnIsNamed() throws IOException {
        Path file = file("nocol.csv", GENERIC_HEADER.replace(",swap", "") + "\n1,A,EURUSD,BUY,1,1.1,0,0,2026-03-03T10:00:00Z\n");

        assertThatThrownBy(() -> read(generic(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("nocol.csv").hasMessageContaining("lacks [swap]").hasMessageContaining("line 1");
    }

    @Test
    void aWrongSeparatorIsRecognisedAndTheSettingNamed() throws IOException {
        Path file = file("semi.csv", GENERIC_HEADER.replace(',', ';') + "\n1;A;EURUSD;BUY;1;1.1;0;0;0;2026-03-03T10:00:00Z\n");

        assertThatThrownBy(() -> read(generic(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("semi.csv").hasMessageContaining("separated by ';'")
                .hasMessageContaining("tradesense.providers.MATCH-GENERIC.separator");
    }

    @Test
    void aFileThatIsNotTextIsRefused() throws IOException {
        Path file = temp.resolve("binary.csv");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, (byte) 0xff, (byte) 0xfe, 0, 1});

        assertThatThrownBy(() -> read(generic(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("binary.csv").hasMessageMatching(".*not (a text file|UTF-8 text).*");
    }

    @Test
    void aPathThatDoesNotExistOrIsAFolderIsRefused() {
        assertThatThrownBy(() -> read(generic(), temp.resolve("missing.csv"))).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("missing.csv").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> read(generic(), temp)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void mt5RowsSkipBalanceOperationsAndTakeCommissionPlusFeeAsThePositiveCost() throws IOException {
        // given
        Path file = file("mt5.csv", "Deals\r\nServer: MT5-LIVE-1\r\n"
                + "Time,Deal,Order,Symbol,Type,Direction,Volume,Price,Commission,Fee,Swap,Profit,Comment\r\n"
                + "2026.03.03 10:00:00,500,493,,balance,,,,0.00,0.00,0.00,1000.00,Deposit\r\n"
                + "2026.03.03 10:00:01,501,494,EURUSD,buy,out,1.00,1.08450,-2.80,-0.70,-1.10,25.00,[tp]\r\n");
        List<ExportRow> rows = new ArrayList<>();

        // when
        ExportReader.Outcome outcome = new ExportReader(mt5()).read(file, rows::add);

        // then
        assertThat(outcome.rowsSkipped()).isEqualTo(1);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.commission()).isEqualByComparingTo(new BigDecimal("3.50"));
            assertThat(row.executedAt()).as("Athens winter time, UTC+2").isEqualTo(Instant.parse("2026-03-03T08:00:01Z"));
            assertThat(row.line()).isEqualTo(5);
        });
    }

    @Test
    void mt5TimesInTheRepeatedHourCarryBothCandidateInstants() throws IOException {
        // given: 25 October 2026, Athens clocks go back from 04:00 to 03:00
        Path file = file("mt5.csv", "Time,Deal,Symbol,Type,Volume,Price,Commission,Fee,Swap,Profit\n"
                + "2026.10.25 03:30:00,7,EURUSD,sell,1,1.1,0,0,0,0\n");

        // when
        ExportRow row = read(mt5(), file).get(0);

        // then
        assertThat(row.executedAt()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(row.executedAtAlt()).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void anMt5ReportOfAnotherServerIsRefused() throws IOException {
        Path file = file("other.csv", "Deals\nServer: MT5-DEMO-7\nTime,Deal,Symbol,Type,Volume,Price,Commission,Fee,Swap,Profit\n");

        assertThatThrownBy(() -> read(mt5(), file)).isInstanceOf(ExportFileException.class)
                .hasMessageContaining("MT5-DEMO-7").hasMessageContaining("not of provider MT5-LIVE-1");
    }

    @Test
    void ctraderReadsClosingColumnsAndNegativeCommissions() throws IOException {
        // given
        Path file = file("ct.csv", "Deal ID;Symbol;Opening Direction;Opening Time;Closing Direction;Closing Time;"
                + "Entry Price;Closing Price;Closing Quantity;Swap;Commissions;Gross;Net\n"
                + "900;GBPUSD;Buy;03/07/2026 09:00:00.000;Sell;03/07/2026 10:15:30.500;1.2;1.25;3.00;-0.40;-6.00;"
                + "120.00;113.60\n");

        // when
        ExportRow row = read(ctrader(), file).get(0);

        // then: London summer time, UTC+1
        assertThat(row.side()).isEqualTo("SELL");
        assertThat(row.price()).isEqualByComparingTo("1.25");
        assertThat(row.commission()).isEqualByComparingTo("6.00");
        assertThat(row.realizedPnl()).isEqualByComparingTo("120.00");
        assertThat(row.executedAt()).isEqualTo(Instant.parse("2026-07-03T09:15:30.500Z"));
    }
}
