package com.tradesense.batch.generator;

import static com.tradesense.batch.generator.Distributions.uniform;

import com.tradesense.batch.provider.ExportFormat;
import com.tradesense.batch.provider.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the trades of each provider as that provider's daily export files, one per provider day, with discrepancies
 * injected and recorded in a sidecar manifest ({@code <file>.expected.csv}).
 *
 * <p>Rows are grouped by account (a challenge's trades arrive together) and ordered by time within an account;
 * ordering the whole server day by time would need the whole day in memory.
 */
public final class ExportSink implements GenerationSink, AutoCloseable {

    /** Columns of the sidecar manifest, one row per injected difference or skipped row. */
    public static final List<String> MANIFEST_COLUMNS = List.of("kind", "type", "provider_trade_id", "field",
            "ledger_value", "provider_value", "line", "expected", "note");

    private static final DateTimeFormatter GENERIC_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final InjectedBreak[] BREAKS_WITH_ACCOUNT = Arrays.stream(InjectedBreak.values())
            .filter(b -> b.kind() == InjectedBreak.Kind.BREAK).toArray(InjectedBreak[]::new);
    private static final InjectedBreak[] BREAKS_WITHOUT_ACCOUNT = Arrays.stream(BREAKS_WITH_ACCOUNT)
            .filter(b -> b != InjectedBreak.ACCOUNT_MISMATCH).toArray(InjectedBreak[]::new);
    private static final InjectedBreak[] NOISE = {InjectedBreak.PRICE_WITHIN_TOLERANCE,
        InjectedBreak.TIME_WITHIN_TOLERANCE, InjectedBreak.PNL_AT_TOLERANCE};

    private final GeneratorSettings settings;
    private final Path outDir;
    private final BiPredicate<ProviderSettings, LocalDate> wanted;
    private final Map<String, ExportFile> files = new TreeMap<>();
    private final List<GeneratedTrade> pending = new ArrayList<>();
    private GeneratedChallenge current;
    private boolean closed;

    /** Writes every provider day that overlaps the generated period. */
    public ExportSink(GeneratorSettings settings, Path outDir) {
        this(settings, outDir, (provider, date) -> true);
    }

    /** Writes only the provider days {@code wanted} accepts (among those overlapping the generated period). */
    public ExportSink(GeneratorSettings settings, Path outDir, BiPredicate<ProviderSettings, LocalDate> wanted) {
        this.settings = settings;
        this.outDir = outDir;
        this.wanted = wanted;
        for (ProviderSettings provider : settings.providers()) {
            LocalDate first = provider.providerDate(settings.periodStart());
            LocalDate last = provider.providerDate(settings.periodEnd().minusMillis(1));
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                file(provider, date);
            }
        }
    }

    /** The export file of a provider day, as this sink names it. */
    public static Path exportFile(Path outDir, ProviderSettings provider, LocalDate providerDate) {
        return outDir.resolve(provider.code()).resolve(provider.code() + "_" + providerDate + ".csv");
    }

    /** The sidecar manifest of an export file. */
    public static Path manifestFile(Path exportFile) {
        return exportFile.resolveSibling(exportFile.getFileName() + ".expected.csv");
    }

    /** The export files written so far, in provider and date order. */
    public List<Path> files() {
        return files.values().stream().map(f -> f.path).toList();
    }

    @Override
    public void challenge(GeneratedChallenge challenge) {
        flushChallenge();
        current = challenge;
    }

    @Override
    public void trade(GeneratedTrade trade) {
        pending.add(trade);
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flushChallenge();
        closed = true;
        IOException failure = null;
        for (ExportFile file : files.values()) {
            try {
                file.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("Cannot close the export files", failure);
        }
    }

    private void flushChallenge() {
        pending.sort(Comparator.comparing(GeneratedTrade::executedAt).thenComparing(GeneratedTrade::sequenceNumber));
        for (GeneratedTrade trade : pending) {
            export(trade);
        }
        pending.clear();
    }

    private void export(GeneratedTrade trade) {
        ProviderSettings provider = settings.provider(trade.provider());
        SplittableRandom random = Seeds.random(settings.seed(), Seeds.EXPORT, Seeds.hash(provider.code()),
                Seeds.hash(trade.providerTradeId()));
        Row row = new Row(trade, current.providerAccountId());
        LocalDate ledgerDate = provider.providerDate(trade.executedAt());
        Instant nextDayStart = provider.dayStart(ledgerDate.plusDays(1));

        if (Duration.between(trade.executedAt(), nextDayStart).toMillis() <= 1_000) {
            // The server stamps the deal with the next second, which is the next day's first.
            row.time = nextDayStart;
            ExportFile target = file(provider, ledgerDate.plusDays(1));
            ExportFile other = file(provider, ledgerDate);
            String ledgerText = Table.text(trade.executedAt());
            String exportText = Table.text(row.time);
            if (target != null) {
                int line = target.write(row, random);
                target.manifest(InjectedBreak.STRADDLES_DAY_BOUNDARY, trade.providerTradeId(), "executed_at",
                        ledgerText, exportText, line, "ledger time falls in provider day " + ledgerDate);
            }
            if (other != null) {
                other.manifest(InjectedBreak.STRADDLES_DAY_BOUNDARY, trade.providerTradeId(), "executed_at",
                        ledgerText, exportText, null, "row is in the file of provider day " + ledgerDate.plusDays(1));
            }
            return;
        }
        ExportFile file = file(provider, ledgerDate);
        if (file == null) {
            return;
        }
        double draw = random.nextDouble();
        if (draw < settings.discrepancyRate()) {
            InjectedBreak[] candidates = provider.format() == ExportFormat.GENERIC ? BREAKS_WITH_ACCOUNT
                    : BREAKS_WITHOUT_ACCOUNT;
            injectBreak(candidates[random.nextInt(candidates.length)], row, trade, file, provider, random);
        } else if (draw < settings.discrepancyRate() + settings.toleratedNoiseRate()) {
            injectNoise(NOISE[random.nextInt(NOISE.length)], row, trade, file, provider, random);
        } else {
            file.write(row, random);
        }
    }

    private void injectBreak(InjectedBreak type, Row row, GeneratedTrade trade, ExportFile file,
                             ProviderSettings provider, SplittableRandom random) {
        String id = trade.providerTradeId();
        Instrument instrument = Instrument.ALL.get(DataGenerator.indexOf(trade.symbol()));
        switch (type) {
            case MISSING_IN_PROVIDER -> file.manifest(type, id, null, null, null, null, null);
            case MISSING_IN_LEDGER -> {
                file.write(row, random);
                Row phantom = new Row(trade, row.account);
                phantom.ticket = Long.toString(Long.parseLong(id) + DataGenerator.PHANTOM_TICKET_OFFSET);
                phantom.time = inward(trade.executedAt(), provider, 5 + random.nextInt(600));
                phantom.quantity = row.quantity.add(instrument.lotStep().multiply(BigDecimal.valueOf(random.nextInt(5))));
                phantom.pnl = DataGenerator.money(uniform(random, -300, 300));
                int line = file.write(phantom, random);
                file.manifest(type, phantom.ticket, null, null, null, line, "no ledger trade has this id");
            }
            case DUPLICATE_IN_EXPORT -> {
                file.write(row, random);
                int line = file.writeAgain();
                file.manifest(type, id, null, null, null, line, null);
            }
            case INVALID_ROW -> {
                String[] fields = {"quantity", "price", "executed_at", "realized_pnl"};
                String field = fields[random.nextInt(fields.length)];
                row.corrupt = field;
                int line = file.write(row, random);
                file.manifest(type, id, field, null, file.lastCorruptText, line, "row cannot be read");
            }
            default -> {
                String ledger;
                String export;
                switch (type) {
                    case QUANTITY_MISMATCH -> {
                        ledger = row.quantity.toPlainString();
                        row.quantity = row.quantity.add(
                                instrument.lotStep().multiply(BigDecimal.valueOf(2 + random.nextInt(9))));
                        export = row.quantity.toPlainString();
                    }
                    case PRICE_MISMATCH -> {
                        ledger = row.price.toPlainString();
                        double factor = 1 + (random.nextBoolean() ? 1 : -1) * uniform(random, 0.0005, 0.003);
                        row.price = row.price.multiply(BigDecimal.valueOf(factor))
                                .setScale(row.price.scale(), RoundingMode.HALF_EVEN);
                        export = row.price.toPlainString();
                    }
                    case PNL_MISMATCH -> {
                        ledger = row.pnl.toPlainString();
                        row.pnl = row.pnl.add(signed(random, 0.02, 40));
                        export = row.pnl.toPlainString();
                    }
                    case COMMISSION_MISMATCH -> {
                        ledger = row.commission.toPlainString();
                        row.commission = row.commission.add(DataGenerator.money(uniform(random, 0.02, 5)));
                        export = row.commission.toPlainString();
                    }
                    case SWAP_MISMATCH -> {
                        ledger = row.swap.toPlainString();
                        row.swap = row.swap.add(signed(random, 0.02, 3));
                        export = row.swap.toPlainString();
                    }
                    case SYMBOL_MISMATCH -> {
                        ledger = row.symbol;
                        row.symbol = otherSymbol(instrument, random);
                        export = row.symbol;
                    }
                    case SIDE_MISMATCH -> {
                        ledger = row.side;
                        row.side = "BUY".equals(row.side) ? "SELL" : "BUY";
                        export = row.side;
                    }
                    case TIME_MISMATCH -> {
                        ledger = Table.text(trade.executedAt());
                        // At most 50 minutes: a shift of one hour could land on the same wall-clock text in the
                        // repeated hour of a clock change and be matched there.
                        row.time = inward(trade.executedAt(), provider, 30 + random.nextInt(2_970));
                        export = Table.text(row.time);
                    }
                    case ACCOUNT_MISMATCH -> {
                        ledger = row.account;
                        row.account = row.account.replaceAll("\\d+$", "")
                                + (Long.parseLong(row.account.replaceAll("\\D", "")) + 1 + random.nextInt(997));
                        export = row.account;
                    }
                    default -> throw new IllegalStateException("Unexpected break type " + type);
                }
                int line = file.write(row, random);
                file.manifest(type, id, type.field(), ledger, export, line, null);
            }
        }
    }

    private void injectNoise(InjectedBreak type, Row row, GeneratedTrade trade, ExportFile file,
                             ProviderSettings provider, SplittableRandom random) {
        String ledger;
        switch (type) {
            case PRICE_WITHIN_TOLERANCE -> {
                ledger = row.price.toPlainString();
                row.price = row.price.add(new BigDecimal(random.nextBoolean() ? "0.000005" : "-0.000005"));
            }
            case TIME_WITHIN_TOLERANCE -> {
                ledger = Table.text(trade.executedAt());
                Instant shown = trade.executedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .plusSeconds(random.nextBoolean() ? 1 : -1);
                if (!provider.providerDate(shown).equals(provider.providerDate(trade.executedAt()))) {
                    file.write(row, random);
                    return;
                }
                row.time = shown;
            }
            case PNL_AT_TOLERANCE -> {
                ledger = row.pnl.toPlainString();
                row.pnl = row.pnl.add(new BigDecimal(random.nextBoolean() ? "0.01" : "-0.01"));
            }
            default -> throw new IllegalStateException("Unexpected noise " + type);
        }
        int line = file.write(row, random);
        String export = switch (type) {
            case PRICE_WITHIN_TOLERANCE -> row.price.toPlainString();
            case TIME_WITHIN_TOLERANCE -> Table.text(row.time);
            default -> row.pnl.toPlainString();
        };
        file.manifest(type, trade.providerTradeId(), type.field(), ledger, export, line, null);
    }

    /** Moves a time by {@code seconds} towards the middle of its provider day, so it stays in the same file. */
    private static Instant inward(Instant time, ProviderSettings provider, long seconds) {
        LocalDate date = provider.providerDate(time);
        Instant start = provider.dayStart(date);
        Instant end = provider.dayEnd(date);
        boolean firstHalf = Duration.between(start, time).compareTo(Duration.between(time, end)) < 0;
        return firstHalf ? time.plusSeconds(seconds) : time.minusSeconds(seconds);
    }

    private static BigDecimal signed(SplittableRandom random, double from, double to) {
        BigDecimal amount = DataGenerator.money(uniform(random, from, to));
        return random.nextBoolean() ? amount : amount.negate();
    }

    private static String otherSymbol(Instrument instrument, SplittableRandom random) {
        List<Instrument> same = Instrument.ALL.stream()
                .filter(i -> i.assetClass() == instrument.assetClass() && !i.equals(instrument)).toList();
        return same.get(random.nextInt(same.size())).symbol();
    }

    private ExportFile file(ProviderSettings provider, LocalDate date) {
        if (!wanted.test(provider, date)) {
            return null;
        }
        return files.computeIfAbsent(provider.code() + "/" + date, key -> new ExportFile(provider, date,
                exportFile(outDir, provider, date)));
    }

    /** An export row, in ledger terms (commission positive, upper-case side) until it is rendered. */
    private static final class Row {
        String ticket;
        String account;
        String symbol;
        String side;
        BigDecimal quantity;
        BigDecimal price;
        BigDecimal commission;
        BigDecimal swap;
        BigDecimal pnl;
        Instant time;
        String corrupt;

        Row(GeneratedTrade trade, String account) {
            this.ticket = trade.providerTradeId();
            this.account = account;
            this.symbol = trade.symbol();
            this.side = trade.side();
            this.quantity = trade.quantity();
            this.price = trade.price();
            this.commission = trade.commission();
            this.swap = trade.swap();
            this.pnl = trade.realizedPnl();
            this.time = trade.executedAt();
        }
    }

    private final class ExportFile {
        final ProviderSettings provider;
        final LocalDate date;
        final Path path;
        final CSVPrinter data;
        final CSVPrinter manifest;
        final DateTimeFormatter timeFormat;
        int lines;
        List<String> lastRecord;
        String lastCorruptText;

        ExportFile(ProviderSettings provider, LocalDate date, Path path) {
            this.provider = provider;
            this.date = date;
            this.path = path;
            this.timeFormat = provider.format() == ExportFormat.GENERIC ? GENERIC_TIME.withZone(provider.zoneId())
                    : provider.timeFormatter().withZone(provider.zoneId());
            try {
                Files.createDirectories(path.getParent());
                CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(provider.separator())
                        .setRecordSeparator("\r\n").get();
                data = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), format);
                manifest = new CSVPrinter(Files.newBufferedWriter(manifestFile(path), StandardCharsets.UTF_8),
                        CsvTableSink.FORMAT);
                manifest.printRecord(MANIFEST_COLUMNS);
                for (List<String> title : titleLines()) {
                    print(title);
                }
                print(header());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + path, e);
            }
        }

        private List<List<String>> titleLines() {
            if (provider.format() != ExportFormat.MT5) {
                return List.of();
            }
            DateTimeFormatter day = DateTimeFormatter.ofPattern("uuuu.MM.dd");
            return List.of(List.of("Deals"), List.of("Server: " + provider.code()),
                    List.of("Period: " + day.format(date) + " - " + day.format(date)));
        }

        private List<String> header() {
            return switch (provider.format()) {
                case MT5 -> List.of("Time", "Deal", "Order", "Symbol", "Type", "Direction", "Volume", "Price",
                        "Commission", "Fee", "Swap", "Profit", "Comment");
                case CTRADER -> List.of("Deal ID", "Symbol", "Opening Direction", "Opening Time",
                        "Closing Direction", "Closing Time", "Entry Price", "Closing Price", "Closing Quantity",
                        "Swap", "Commissions", "Gross", "Net");
                case GENERIC -> List.of("provider_trade_id", "account", "symbol", "side", "quantity", "price",
                        "commission", "swap", "realized_pnl", "executed_at");
            };
        }

        /** Writes the row and returns its line number (1-based, title lines and header included). */
        int write(Row row, SplittableRandom random) {
            if (provider.format() == ExportFormat.MT5 && random.nextDouble() < 0.01) {
                writeBalanceRow(row, random);
            }
            List<String> record = render(row, random);
            lastCorruptText = null;
            if (row.corrupt != null) {
                int column = switch (row.corrupt) {
                    case "quantity" -> columnOf("Volume", "Closing Quantity", "quantity");
                    case "price" -> columnOf("Price", "Closing Price", "price");
                    case "executed_at" -> columnOf("Time", "Closing Time", "executed_at");
                    default -> columnOf("Profit", "Gross", "realized_pnl");
                };
                String text = record.get(column);
                String broken = text.indexOf('0') >= 0 ? text.replace('0', 'O') : text + "x";
                record.set(column, broken);
                lastCorruptText = broken;
            }
            return print(record);
        }

        int writeAgain() {
            return print(lastRecord);
        }

        private void writeBalanceRow(Row row, SplittableRandom random) {
            long ticket = Long.parseLong(row.ticket) + DataGenerator.BALANCE_TICKET_OFFSET;
            boolean deposit = random.nextDouble() < 0.8;
            BigDecimal amount = DataGenerator.money(uniform(random, 100, 5_000));
            Instant time = row.time.minusSeconds(1 + random.nextInt(60));
            if (!provider.providerDate(time).equals(date)) {
                return;
            }
            int line = print(Arrays.asList(timeFormat.format(time), Long.toString(ticket), "", "", "balance", "", "",
                    "", "0.00", "0.00", "0.00", (deposit ? amount : amount.negate()).toPlainString(),
                    deposit ? "Deposit" : "Withdrawal"));
            manifest(InjectedBreak.SKIPPED_ROW, Long.toString(ticket), null, null, null, line, "balance operation");
        }

        private int columnOf(String mt5, String ctrader, String generic) {
            String name = switch (provider.format()) {
                case MT5 -> mt5;
                case CTRADER -> ctrader;
                case GENERIC -> generic;
            };
            return header().indexOf(name);
        }

        private List<String> render(Row row, SplittableRandom random) {
            String time = timeFormat.format(row.time);
            return switch (provider.format()) {
                case MT5 -> {
                    // MT5 splits the cost into commission and fee, both negative.
                    BigDecimal fee = random.nextDouble() < 0.15
                            ? row.commission.multiply(new BigDecimal("0.2")).setScale(2, RoundingMode.HALF_EVEN)
                            : BigDecimal.ZERO.setScale(2);
                    BigDecimal commission = row.commission.subtract(fee);
                    String comment = new String[] {"", "", "[tp]", "[sl]", "so: 0.0%"}[random.nextInt(5)];
                    yield new ArrayList<>(List.of(time, row.ticket, Long.toString(Long.parseLong(row.ticket) - 7),
                            row.symbol, row.side.toLowerCase(Locale.ROOT), "out", row.quantity.toPlainString(),
                            row.price.toPlainString(), commission.negate().toPlainString(),
                            fee.negate().toPlainString(), row.swap.toPlainString(), row.pnl.toPlainString(),
                            comment));
                }
                case CTRADER -> {
                    Instant opened = row.time.minusSeconds(60 + random.nextInt(6 * 3_600));
                    BigDecimal entry = row.price.multiply(BigDecimal.valueOf(1 + uniform(random, -0.004, 0.004)))
                            .setScale(Math.max(row.price.scale(), 0), RoundingMode.HALF_EVEN);
                    BigDecimal net = row.pnl.add(row.swap).subtract(row.commission);
                    yield new ArrayList<>(List.of(row.ticket, row.symbol, capitalised("BUY".equals(row.side) ? "SELL"
                            : "BUY"), timeFormat.format(opened), capitalised(row.side), time,
                            entry.toPlainString(), row.price.toPlainString(), row.quantity.toPlainString(),
                            row.swap.toPlainString(), row.commission.negate().toPlainString(),
                            row.pnl.toPlainString(), net.toPlainString()));
                }
                case GENERIC -> new ArrayList<>(List.of(row.ticket, row.account, row.symbol, row.side,
                        row.quantity.toPlainString(), row.price.toPlainString(), row.commission.toPlainString(),
                        row.swap.toPlainString(), row.pnl.toPlainString(), time));
            };
        }

        private int print(List<String> record) {
            try {
                data.printRecord(record);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + path, e);
            }
            lastRecord = record;
            return ++lines;
        }

        void manifest(InjectedBreak type, String id, String field, String ledger, String export, Integer line,
                      String note) {
            try {
                manifest.printRecord(type.kind(), type, id, field, ledger, export, line,
                        type.kind() == InjectedBreak.Kind.NOISE ? "MATCH" : type.kind(), note);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the manifest of " + path, e);
            }
        }

        void close() throws IOException {
            data.close(true);
            manifest.close(true);
        }
    }

    private static String capitalised(String side) {
        return side.charAt(0) + side.substring(1).toLowerCase(Locale.ROOT);
    }
}
