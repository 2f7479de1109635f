package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.provider.ExportFormat;
import com.tradesense.batch.provider.ProviderSettings;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSinkTest {

    private static final BigDecimal AMOUNT_TOLERANCE = new BigDecimal("0.01");
    private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.00001");
    private static final Duration TIME_TOLERANCE = Duration.ofSeconds(2);

    @TempDir
    static Path temp;

    static GeneratorSettings settings;
    static CollectingSink ledger;

    @BeforeAll
    static void generate() {
        settings = GeneratorSettings.builder().seed(7).challenges(900).days(5).discrepancyRate(0.08)
                .toleratedNoiseRate(0.04).build();
        ledger = new CollectingSink();
        Generator.generate(settings, GenerationSink.all(ledger, new ExportSink(settings, temp)));
    }

    @Test
    void everyBreakTypeAFormatCanCarryIsInjectedAtAboutTheConfiguredRate() throws IOException {
        for (ProviderSettings provider : settings.providers()) {
            // given
            List<ManifestEntry> entries = manifest(provider);
            long ledgerTrades = ledger.trades.stream().filter(t -> t.provider().equals(provider.code())).count();

            // when
            Map<InjectedBreak, Long> counts = new EnumMap<>(InjectedBreak.class);
            entries.stream().filter(e -> !e.note.startsWith("row is in the file"))
                    .forEach(e -> counts.merge(e.type, 1L, Long::sum));

            // then
            Set<InjectedBreak> expected = new TreeSet<>();
            for (InjectedBreak type : InjectedBreak.values()) {
                if (type.kind() == InjectedBreak.Kind.BREAK) {
                    expected.add(type);
                }
            }
            expected.addAll(List.of(InjectedBreak.PRICE_WITHIN_TOLERANCE, InjectedBreak.TIME_WITHIN_TOLERANCE,
                    InjectedBreak.PNL_AT_TOLERANCE, InjectedBreak.STRADDLES_DAY_BOUNDARY));
            if (provider.format() != ExportFormat.GENERIC) {
                expected.remove(InjectedBreak.ACCOUNT_MISMATCH);
            }
            if (provider.format() == ExportFormat.MT5) {
                expected.add(InjectedBreak.SKIPPED_ROW);
            }
            assertThat(counts.keySet()).as(provider.code()).isEqualTo(expected);
            long breaks = counts.entrySet().stream().filter(e -> e.getKey().kind() == InjectedBreak.Kind.BREAK)
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat((double) breaks / ledgerTrades).as(provider.code() + " break rate").isBetween(0.06, 0.10);
        }
    }

    @Test
    void theManifestDescribesEveryDifferenceBetweenExportAndLedger() throws IOException {
        for (ProviderSettings provider : settings.providers()) {
            // given
            Map<String, GeneratedTrade> trades = new HashMap<>();
            ledger.trades.stream().filter(t -> t.provider().equals(provider.code()))
                    .forEach(t -> trades.put(t.providerTradeId(), t));
            Map<String, String> accounts = new HashMap<>();
            ledger.challenges.forEach(c -> accounts.put(c.id().toString(), c.providerAccountId()));
            Set<String> seenInAnyFile = new HashSet<>();
            Set<String> expectedMissing = new HashSet<>();

            for (Path file : exportFiles(provider)) {
                List<ManifestEntry> entries = readManifest(ExportSink.manifestFile(file));
                Set<String> announced = new HashSet<>();
                entries.forEach(e -> announced.add(e.type + "|" + e.tradeId + "|" + e.line));
                entries.stream().filter(e -> e.type == InjectedBreak.MISSING_IN_PROVIDER)
                        .forEach(e -> expectedMissing.add(e.tradeId));
                Set<String> seenInFile = new HashSet<>();
                Set<String> found = new HashSet<>();

                // when
                for (ExportRow row : read(provider, file)) {
                    String key;
                    if (row.balance) {
                        key = InjectedBreak.SKIPPED_ROW + "|" + row.ticket + "|" + row.line;
                    } else if (row.invalid) {
                        key = InjectedBreak.INVALID_ROW + "|" + row.ticket + "|" + row.line;
                    } else if (!trades.containsKey(row.ticket)) {
                        key = InjectedBreak.MISSING_IN_LEDGER + "|" + row.ticket + "|" + row.line;
                    } else if (!seenInFile.add(row.ticket)) {
                        key = InjectedBreak.DUPLICATE_IN_EXPORT + "|" + row.ticket + "|" + row.line;
                    } else {
                        for (String difference : differences(provider, row, trades.get(row.ticket),
                                accounts.get(trades.get(row.ticket).challengeId().toString()))) {
                            found.add(difference + "|" + row.ticket + "|" + row.line);
                        }
                        seenInAnyFile.add(row.ticket);
                        continue;
                    }
                    found.add(key);
                    seenInAnyFile.add(row.ticket);
                }

                // then
                Set<String> announcedOnRows = new HashSet<>(announced);
                announcedOnRows.removeIf(k -> k.startsWith(InjectedBreak.MISSING_IN_PROVIDER + "|")
                        || k.endsWith("|null"));
                assertThat(found).as(file.getFileName().toString()).isEqualTo(announcedOnRows);
            }
            Set<String> neverExported = new HashSet<>(trades.keySet());
            neverExported.removeAll(seenInAnyFile);
            assertThat(neverExported).as(provider.code()).isEqualTo(expectedMissing);
        }
    }

    /** The manifest names of the fields that differ; within-tolerance differences under their noise names. */
    private static List<String> differences(ProviderSettings provider, ExportRow row, GeneratedTrade trade,
                                            String account) {
        List<String> result = new ArrayList<>();
        if (row.quantity.compareTo(trade.quantity()) != 0) {
            result.add(InjectedBreak.QUANTITY_MISMATCH.name());
        }
        BigDecimal priceDiff = row.price.subtract(trade.price()).abs();
        if (priceDiff.compareTo(PRICE_TOLERANCE) > 0) {
            result.add(InjectedBreak.PRICE_MISMATCH.name());
        } else if (priceDiff.signum() != 0) {
            result.add(InjectedBreak.PRICE_WITHIN_TOLERANCE.name());
        }
        BigDecimal pnlDiff = row.pnl.subtract(trade.realizedPnl()).abs();
        if (pnlDiff.compareTo(AMOUNT_TOLERANCE) > 0) {
            result.add(InjectedBreak.PNL_MISMATCH.name());
        } else if (pnlDiff.signum() != 0) {
            result.add(InjectedBreak.PNL_AT_TOLERANCE.name());
        }
        if (row.commission.compareTo(trade.commission()) != 0) {
            result.add(InjectedBreak.COMMISSION_MISMATCH.name());
        }
        if (row.swap.compareTo(trade.swap()) != 0) {
            result.add(InjectedBreak.SWAP_MISMATCH.name());
        }
        if (!row.symbol.equals(trade.symbol())) {
            result.add(InjectedBreak.SYMBOL_MISMATCH.name());
        }
        if (!row.side.equals(trade.side())) {
            result.add(InjectedBreak.SIDE_MISMATCH.name());
        }
        if (row.account != null && !row.account.equals(account)) {
            result.add(InjectedBreak.ACCOUNT_MISMATCH.name());
        }
        Duration off = row.times.stream().map(t -> Duration.between(t, trade.executedAt()).abs())
                .min(Comparator.naturalOrder()).orElseThrow();
        if (off.compareTo(TIME_TOLERANCE) > 0) {
            result.add(InjectedBreak.TIME_MISMATCH.name());
        } else if (!provider.providerDate(row.times.get(0)).equals(provider.providerDate(trade.executedAt()))) {
            result.add(InjectedBreak.STRADDLES_DAY_BOUNDARY.name());
        } else if (off.compareTo(Duration.ofSeconds(1)) > 0
                || (provider.format() != ExportFormat.MT5 && off.compareTo(Duration.ZERO) > 0)) {
            result.add(InjectedBreak.TIME_WITHIN_TOLERANCE.name());
        } else if (provider.format() == ExportFormat.MT5 && row.times.stream()
                .noneMatch(t -> t.equals(trade.executedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))) {
            result.add(InjectedBreak.TIME_WITHIN_TOLERANCE.name());
        }
        return result;
    }

    static List<Path> exportFiles(ProviderSettings provider) throws IOException {
        try (var files = Files.list(temp.resolve(provider.code()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")
                    && !f.getFileName().toString().endsWith(".expected.csv")).sorted().toList();
        }
    }

    private static List<ManifestEntry> manifest(ProviderSettings provider) throws IOException {
        List<ManifestEntry> all = new ArrayList<>();
        for (Path file : exportFiles(provider)) {
            all.addAll(readManifest(ExportSink.manifestFile(file)));
        }
        return all;
    }

    record ManifestEntry(InjectedBreak type, String tradeId, String field, String line, String note) {
    }

    static List<ManifestEntry> readManifest(Path manifest) throws IOException {
        try (Reader in = Files.newBufferedReader(manifest);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(parser.getHeaderNames()).isEqualTo(ExportSink.MANIFEST_COLUMNS);
            List<ManifestEntry> entries = new ArrayList<>();
            for (CSVRecord r : parser) {
                entries.add(new ManifestEntry(InjectedBreak.valueOf(r.get("type")), r.get("provider_trade_id"),
                        r.get("field"), r.get("line").isEmpty() ? "null" : r.get("line"), r.get("note")));
            }
            return entries;
        }
    }

    /** An export row in ledger terms: upper-case side, positive commission, every instant the time can mean. */
    static final class ExportRow {
        int line;
        String ticket;
        boolean balance;
        boolean invalid;
        String account;
        String symbol;
        String side;
        BigDecimal quantity;
        BigDecimal price;
        BigDecimal commission;
        BigDecimal swap;
        BigDecimal pnl;
        List<Instant> times;
        String timeText;
    }

    /** Reads an export the way CONTRACT §5 describes: header found by name, title lines and balance rows skipped. */
    static List<ExportRow> read(ProviderSettings provider, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(provider.separator()).get();
        Map<String, Integer> columns = null;
        List<ExportRow> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CSVRecord record;
            try (CSVParser parser = format.parse(new java.io.StringReader(lines.get(i)))) {
                record = parser.getRecords().get(0);
            }
            if (columns == null) {
                if (record.size() > 5) {
                    columns = new HashMap<>();
                    for (int c = 0; c < record.size(); c++) {
                        columns.put(record.get(c).toLowerCase(Locale.ROOT), c);
                    }
                }
                continue;
            }
            Map<String, Integer> cols = columns;
            java.util.function.Function<String, String> get = name -> record.get(cols.get(name));
            ExportRow row = new ExportRow();
            row.line = i + 1;
            switch (provider.format()) {
                case GENERIC -> {
                    row.ticket = get.apply("provider_trade_id");
                    row.account = get.apply("account");
                    row.symbol = get.apply("symbol");
                    row.side = get.apply("side");
                    row.timeText = get.apply("executed_at");
                    try {
                        row.quantity = new BigDecimal(get.apply("quantity"));
                        row.price = new BigDecimal(get.apply("price"));
                        row.commission = new BigDecimal(get.apply("commission"));
                        row.swap = new BigDecimal(get.apply("swap"));
                        row.pnl = new BigDecimal(get.apply("realized_pnl"));
                        row.times = List.of(OffsetDateTime.parse(row.timeText).toInstant());
                    } catch (RuntimeException e) {
                        row.invalid = true;
                    }
                }
                case MT5 -> {
                    row.ticket = get.apply("deal");
                    if (get.apply("type").equals("balance")) {
                        row.balance = true;
                        rows.add(row);
                        continue;
                    }
                    row.symbol = get.apply("symbol");
                    row.side = get.apply("type").toUpperCase(Locale.ROOT);
                    row.timeText = get.apply("time");
                    try {
                        row.quantity = new BigDecimal(get.apply("volume"));
                        row.price = new BigDecimal(get.apply("price"));
                        row.commission = new BigDecimal(get.apply("commission")).add(new BigDecimal(get.apply("fee")))
                                .negate();
                        row.swap = new BigDecimal(get.apply("swap"));
                        row.pnl = new BigDecimal(get.apply("profit"));
                        row.times = provider.candidateInstants(
                                LocalDateTime.parse(row.timeText, provider.timeFormatter()));
                    } catch (RuntimeException e) {
                        row.invalid = true;
                    }
                }
                case CTRADER -> {
                    row.ticket = get.apply("deal id");
                    row.symbol = get.apply("symbol");
                    row.side = get.apply("closing direction").toUpperCase(Locale.ROOT);
                    row.timeText = get.apply("closing time");
                    try {
                        row.quantity = new BigDecimal(get.apply("closing quantity"));
                        row.price = new BigDecimal(get.apply("closing price"));
                        row.commission = new BigDecimal(get.apply("commissions")).negate();
                        row.swap = new BigDecimal(get.apply("swap"));
                        row.pnl = new BigDecimal(get.apply("gross"));
                        row.times = provider.candidateInstants(
                                LocalDateTime.parse(row.timeText, provider.timeFormatter()));
                    } catch (RuntimeException e) {
                        row.invalid = true;
                    }
                }
            }
            rows.add(row);
        }
        assertThat(columns).as("header of " + file).isNotNull();
        return rows;
    }

}
