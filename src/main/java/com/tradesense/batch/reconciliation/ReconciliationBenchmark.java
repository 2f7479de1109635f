package com.tradesense.batch.reconciliation;

import com.tradesense.batch.config.HeapWatch;
import com.tradesense.batch.db.BulkLoader;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.provider.ProviderSettings;
import com.tradesense.batch.reports.archive.ReportArchive;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code bench reconciliation}: a ledger and a generic export of {@code rows} trades with about 1% discrepancies
 * spread over every break type, reconciled by {@link ReconciliationService}, then the same break counts from a
 * reference — the file bulk-loaded into an unlogged table and one FULL OUTER JOIN. The provider code is new on every
 * run, so runs never collide.
 */
public final class ReconciliationBenchmark {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
    private static final int TRADES_PER_CHALLENGE = 200;
    private static final BreakType[] INJECTED = {BreakType.MISSING_IN_LEDGER, BreakType.MISSING_IN_PROVIDER,
        BreakType.QUANTITY_MISMATCH, BreakType.PRICE_MISMATCH, BreakType.PNL_MISMATCH, BreakType.COMMISSION_MISMATCH,
        BreakType.SWAP_MISMATCH, BreakType.SYMBOL_MISMATCH, BreakType.SIDE_MISMATCH, BreakType.TIME_MISMATCH,
        BreakType.ACCOUNT_MISMATCH, BreakType.DUPLICATE_IN_EXPORT, BreakType.INVALID_ROW};

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Path workDir;
    private final PrintWriter out;

    public ReconciliationBenchmark(DataSource dataSource, Dialect dialect, Path workDir, PrintWriter out) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.workDir = workDir;
        this.out = out;
    }

    /** Runs the benchmark, prints the table and returns whether both sides found the same break counts. */
    public boolean run(int rows) {
        return run(rows, 0);
    }

    /**
     * As {@link #run(int)}, with an extra quoted {@code comment} column of {@code padding} characters on every export
     * row (ignored by the reader): a file of any size from a ledger of a given size.
     */
    public boolean run(int rows, int padding) {
        String code = "BENCH-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        ReconciliationProvider provider = new ReconciliationProvider(ProviderSettings.generic(code, ZoneOffset.UTC),
                Tolerances.DEFAULTS, Map.of());
        HeapWatch heap = HeapWatch.started();
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve(code + "_" + DAY + ".csv");
            out.println("Generating " + rows + " ledger trades and the export " + file + " ...");
            out.flush();
            Map<BreakType, Long> injected = generate(provider, rows, padding, file);
            out.printf(Locale.ROOT, "export: %,d bytes%n", Files.size(file));
            ReconciliationService service = new ReconciliationService(dataSource, dialect,
                    new ReconciliationProviders(Map.of(code, provider), workDir),
                    new ReportArchive(dataSource, dialect, workDir.resolve("reports")), Clock.systemUTC());
            out.println("Reconciling on " + dialect.engine() + " ...");
            out.flush();
            ReconciliationResult result = service.reconcile(code, DAY, file, null);
            out.println("Reference (bulk load into an unlogged table + one FULL OUTER JOIN) ...");
            out.flush();
            long r0 = System.nanoTime();
            Map<BreakType, Long> reference = reference(provider, file);
            long referenceNanos = System.nanoTime() - r0;
            heap.stopWatching();
            return print(rows, result, reference, injected, referenceNanos, heap.peakBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Benchmark failed: " + e.getMessage(), e);
        } finally {
            heap.stopWatching();
        }
    }

    private boolean print(int rows, ReconciliationResult result, Map<BreakType, Long> reference,
                          Map<BreakType, Long> injected, long referenceNanos, long peakHeap) {
        ReconciliationResult.Timings t = result.timings();
        long core = t.parseAndLoad() + t.match() + t.persist();
        out.println();
        out.printf(Locale.ROOT, "engine %s, %,d rows, %,d breaks, %,d matched%n", dialect.engine(), rows,
                result.breaksCount(), result.rowsMatched());
        out.println("| phase | seconds | rows/s |");
        out.println("|---|---:|---:|");
        line("parse + load", t.parseAndLoad(), rows);
        line("match", t.match(), rows);
        line("persist", t.persist(), rows);
        line("parse + load + match + persist", core, rows);
        line("workbook + PDF (on its own)", t.reports(), rows);
        line("reference: bulk load + FULL OUTER JOIN", referenceNanos, rows);
        out.printf(Locale.ROOT, "ratio to reference: %.2f%n", core / (double) referenceNanos);
        out.printf(Locale.ROOT, "peak heap used: %,d MB (max %,d MB)%n", peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        boolean same = true;
        out.println("| break type | injected | reconciliation | reference |");
        out.println("|---|---:|---:|---:|");
        for (BreakType type : BreakType.values()) {
            long ours = result.breaksByType().getOrDefault(type, 0L);
            long theirs = reference.getOrDefault(type, 0L);
            same &= ours == theirs;
            out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", type, injected.getOrDefault(type, 0L), ours, theirs);
        }
        out.println(same ? "break counts agree" : "BREAK COUNTS DIFFER");
        out.println("workbook: " + result.workbook());
        out.flush();
        return same;
    }

    private void line(String phase, long nanos, int rows) {
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "| %s | %.2f | %,.0f |%n", phase, seconds, rows / Math.max(seconds, 1e-9));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Map<BreakType, Long> generate(ReconciliationProvider provider, int rows, int padding, Path file)
            throws IOException, SQLException {
        Map<BreakType, Long> injected = new EnumMap<>(BreakType.class);
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
        Instant start = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60);
        long spacingMillis = Math.max(1, (86_400_000L - 120_000L) / rows);
        String code = provider.code();
        try (Connection c = dataSource.getConnection();
             BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            c.setAutoCommit(false);
            UUID user = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, email, password_hash, role, status)"
                    + " VALUES (?, ?, ?, 'USER', 'ACTIVE')")) {
                dialect.setUuid(ps, 1, user);
                ps.setString(2, code.toLowerCase(Locale.ROOT) + "@bench.example");
                ps.setString(3, "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1Y2Z0bKv7wQ1l6Jrjz7G2aS");
                ps.executeUpdate();
            }
            int challenges = (rows + TRADES_PER_CHALLENGE - 1) / TRADES_PER_CHALLENGE;
            UUID[] challengeIds = new UUID[challenges];
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO challenges (id, user_id, status, initial_balance, max_daily_drawdown_pct,
                        max_total_drawdown_pct, profit_target_pct, current_equity, max_equity_ever, daily_start_equity,
                        started_at, provider, provider_account_id)
                    VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                BigDecimal balance = new BigDecimal("100000.00");
                for (int i = 0; i < challenges; i++) {
                    challengeIds[i] = UUID.randomUUID();
                    dialect.setUuid(ps, 1, challengeIds[i]);
                    dialect.setUuid(ps, 2, user);
                    dialect.setDecimal(ps, 3, balance);
                    dialect.setDecimal(ps, 4, new BigDecimal("5.00"));
                    dialect.setDecimal(ps, 5, new BigDecimal("10.00"));
                    dialect.setDecimal(ps, 6, new BigDecimal("8.00"));
                    dialect.setDecimal(ps, 7, balance);
                    dialect.setDecimal(ps, 8, balance);
                    dialect.setDecimal(ps, 9, balance);
                    dialect.setInstant(ps, 10, start.minusSeconds(86_400));
                    ps.setString(11, code);
                    ps.setString(12, "A" + i);
                    ps.addBatch();
                    if (i % 1_000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            csv.write("provider_trade_id,account,symbol,side,quantity,price,commission,swap,realized_pnl,executed_at"
                    + (padding > 0 ? ",comment" : "") + "\r\n");
            // Quoted, without a separator: the reference splits its lines at commas and keeps the first ten fields.
            String comment = padding > 0 ? ",\"" + "wide row padding ".repeat(padding / 17 + 1)
                    .substring(0, padding) + "\"" : "";
            List<String> columns = List.of("id", "challenge_id", "sequence_number", "provider", "provider_trade_id",
                    "symbol", "side", "quantity", "price", "commission", "swap", "realized_pnl", "executed_at");
            try (BulkLoader ledger = BulkLoader.open(dialect, c, "trades", columns)) {
                for (int i = 0; i < rows; i++) {
                    int challenge = i / TRADES_PER_CHALLENGE;
                    String id = Long.toString(10_000_000L + i);
                    String side = i % 2 == 0 ? "BUY" : "SELL";
                    String symbol = i % 3 == 0 ? "EURUSD" : i % 3 == 1 ? "GBPUSD" : "XAUUSD";
                    BigDecimal quantity = new BigDecimal((1 + i % 50) + ".00");
                    BigDecimal price = new BigDecimal("1.08").add(BigDecimal.valueOf(i % 1000, 5));
                    BigDecimal commission = BigDecimal.valueOf(100 + i % 400, 2);
                    BigDecimal swap = BigDecimal.valueOf((i % 200) - 100, 2);
                    BigDecimal pnl = BigDecimal.valueOf((i * 7919L % 200_000) - 100_000, 2);
                    Instant time = start.plusMillis(i * spacingMillis);
                    String account = "A" + challenge;
                    BreakType type = i % 100 == 50 ? INJECTED[(i / 100) % INJECTED.length] : null;
                    if (type != null) {
                        injected.merge(type, 1L, Long::sum);
                    }
                    if (type != BreakType.MISSING_IN_LEDGER) {
                        ledger.add(UUID.randomUUID().toString(), challengeIds[challenge].toString(),
                                Integer.toString(i % TRADES_PER_CHALLENGE + 1), code, id, symbol, side,
                                quantity.toPlainString(), price.toPlainString(), commission.toPlainString(),
                                swap.toPlainString(), pnl.toPlainString(), dialectInstant(time));
                    }
                    if (type == BreakType.MISSING_IN_PROVIDER) {
                        continue;
                    }
                    String exportSymbol = type == BreakType.SYMBOL_MISMATCH ? "USDJPY" : symbol;
                    String exportSide = type == BreakType.SIDE_MISMATCH ? (side.equals("BUY") ? "SELL" : "BUY") : side;
                    BigDecimal exportQuantity = type == BreakType.QUANTITY_MISMATCH ? quantity.add(BigDecimal.ONE)
                            : quantity;
                    BigDecimal exportPrice = type == BreakType.PRICE_MISMATCH ? price.add(new BigDecimal("0.001"))
                            : i % 7 == 0 ? price.add(new BigDecimal("0.000005")) : price;
                    BigDecimal exportCommission = type == BreakType.COMMISSION_MISMATCH
                            ? commission.add(new BigDecimal("0.50")) : commission;
                    BigDecimal exportSwap = type == BreakType.SWAP_MISMATCH ? swap.add(new BigDecimal("1.25")) : swap;
                    BigDecimal exportPnl = type == BreakType.PNL_MISMATCH ? pnl.add(new BigDecimal("10.00"))
                            : i % 11 == 0 ? pnl.add(new BigDecimal("0.01")) : pnl;
                    Instant exportTime = type == BreakType.TIME_MISMATCH ? time.plusSeconds(30)
                            : i % 13 == 0 ? time.plusSeconds(1) : time;
                    String exportAccount = type == BreakType.ACCOUNT_MISMATCH ? "X" + challenge : account;
                    String quantityText = type == BreakType.INVALID_ROW ? "l.5" : exportQuantity.toPlainString();
                    String row = String.join(",", id, exportAccount, exportSymbol, exportSide, quantityText,
                            exportPrice.toPlainString(), exportCommission.toPlainString(), exportSwap.toPlainString(),
                            exportPnl.toPlainString(), iso.format(exportTime)) + comment + "\r\n";
                    csv.write(row);
                    if (type == BreakType.DUPLICATE_IN_EXPORT) {
                        csv.write(row);
                    }
                }
            }
            c.commit();
            // A ledger in service has statistics (autovacuum keeps them); one loaded a moment ago does not yet, and
            // would leave both the reconciliation and the reference to plans made for an empty table.
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE trades");
                s.execute("ANALYZE challenges");
            }
            c.commit();
        }
        return injected;
    }

    private String dialectInstant(Instant time) {
        if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
            return time.toString();
        }
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(time);
    }

    /**
     * The least a reconciliation must do: load the file and join it with the ledger once. Invalid rows are the rows
     * whose quantity is not a number; duplicates are ids seen more than once.
     */
    private Map<BreakType, Long> reference(ReconciliationProvider provider, Path file) throws SQLException, IOException {
        boolean postgres = dialect.engine() == Dialect.Engine.POSTGRESQL;
        Map<BreakType, Long> counts = new EnumMap<>(BreakType.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DROP TABLE IF EXISTS bench_reference");
            s.execute((postgres ? "CREATE UNLOGGED TABLE" : "CREATE TEMPORARY TABLE") + " bench_reference"
                    + " (provider_trade_id TEXT, account TEXT, symbol TEXT, side TEXT, quantity TEXT, price TEXT,"
                    + " commission TEXT, swap TEXT, realized_pnl TEXT, executed_at TEXT)");
            List<String> columns = List.of("provider_trade_id", "account", "symbol", "side", "quantity", "price",
                    "commission", "swap", "realized_pnl", "executed_at");
            try (BulkLoader loader = BulkLoader.open(dialect, c, "bench_reference", columns);
                 var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                var iterator = lines.skip(1).iterator();
                while (iterator.hasNext()) {
                    loader.add(java.util.Arrays.copyOf(iterator.next().split(",", columns.size() + 1),
                            columns.size()));
                }
            }
            if (!postgres) {
                // SQLite joins by nested loops: without an index the reference would be quadratic.
                s.execute("CREATE INDEX bench_reference_id ON bench_reference (provider_trade_id)");
            }
            // SQLite has no exact decimal type: REAL differences get a hair of slack so 0.01 stays within 0.01.
            String num = postgres ? "CAST(%s AS NUMERIC)" : "CAST(%s AS REAL)";
            String ts = postgres ? "CAST(%s AS TIMESTAMPTZ)" : "julianday(%s) * 86400.0";
            String valid = postgres ? "s.quantity ~ '^[0-9.]+$'" : "s.quantity NOT GLOB '*[^0-9.]*'";
            String timeDiff = postgres ? "ABS(EXTRACT(EPOCH FROM (" + ts.formatted("s.executed_at") + " - t.executed_at)))"
                    : "ABS(" + ts.formatted("s.executed_at") + " - julianday(t.executed_at) * 86400.0)";
            String sql = """
                    SELECT
                      SUM(CASE WHEN s.provider_trade_id IS NOT NULL AND %5$s AND t.id IS NULL THEN 1 ELSE 0 END),
                      SUM(CASE WHEN s.provider_trade_id IS NULL AND t.provider = ? AND t.executed_at >= ? AND t.executed_at < ? THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NULL THEN 0 WHEN NOT (%5$s) THEN 0 WHEN %1$s <> %2$s THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND ABS(%3$s - %4$s) > %13$s THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND ABS(%6$s - %7$s) > %14$s THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND ABS(%8$s - %9$s) > %14$s THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND ABS(%10$s - %11$s) > %14$s THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND s.symbol <> t.symbol THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND s.side <> t.side THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND %12$s > 2 THEN 1 ELSE 0 END),
                      SUM(CASE WHEN t.id IS NOT NULL AND %5$s AND s.account <> c.provider_account_id THEN 1 ELSE 0 END),
                      (SELECT COUNT(*) - COUNT(DISTINCT d.provider_trade_id) FROM bench_reference d),
                      SUM(CASE WHEN s.provider_trade_id IS NOT NULL AND NOT (%5$s) THEN 1 ELSE 0 END)
                    FROM bench_reference s
                    FULL OUTER JOIN trades t
                      ON t.provider = ? AND t.provider_trade_id = s.provider_trade_id
                    LEFT JOIN challenges c ON c.id = t.challenge_id
                    """.formatted(num.formatted("s.quantity"), num.formatted("t.quantity"),
                    num.formatted("s.price"), num.formatted("t.price"), valid,
                    num.formatted("s.realized_pnl"), num.formatted("t.realized_pnl"),
                    num.formatted("s.commission"), num.formatted("t.commission"),
                    num.formatted("s.swap"), num.formatted("t.swap"), timeDiff, postgres ? "0.00001" : "0.0000100001",
                    postgres ? "0.01" : "0.0100001");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Instant from = provider.settings().dayStart(DAY).minus(provider.tolerances().time());
                Instant to = provider.settings().dayEnd(DAY).minus(provider.tolerances().time());
                ps.setString(1, provider.code());
                dialect.setInstant(ps, 2, from);
                dialect.setInstant(ps, 3, to);
                ps.setString(4, provider.code());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < INJECTED.length; i++) {
                        long n = rs.getLong(i + 1);
                        if (n > 0) {
                            counts.put(INJECTED[i], n);
                        }
                    }
                }
            }
            s.execute("DROP TABLE bench_reference");
            c.commit();
        }
        return counts;
    }
}
