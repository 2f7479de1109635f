package com.tradesense.batch.reconciliation;

import com.tradesense.batch.db.BulkLoader;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.db.TypedBulkLoader;
import com.tradesense.batch.db.TypedBulkLoader.Type;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.templates.ReportTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one provider export against the ledger (CONTRACT §5) and writes the finance workbook and the sign-off
 * PDF. The file is streamed into a session-private staging table (binary {@code COPY} on PostgreSQL, batched
 * inserts on SQLite) and paired with the ledger by one join on (provider, provider_trade_id); the database keeps the
 * pairs it can prove agree and returns the rest, which are compared field by field within the provider's tolerances
 * in Java. Breaks, the run's figures and the supersession of an earlier run of the same day are written in one
 * transaction: a failed run leaves no break behind.
 *
 * <p>Which ledger trades belong to the day: every trade whose id is in the file (whatever its time: a trade id
 * present on both sides is never missing), plus, for MISSING_IN_PROVIDER, the provider's trades executed in
 * [day start − time tolerance, day end − time tolerance) that no current run of another day held. A trade within
 * the tolerance of midnight may be in either day's file; the window gives the whole edge to the later day, which in
 * the normal order runs second and so knows whether the earlier day's file held the trade. The runs record what they
 * decided about trades of another day's window in {@code reconciliation_cross_day_trades}: the trades a file held
 * outside its run's window, and the window trades a run left to the other day that held them (also recorded for the
 * later day when it ran first and the earlier day's file then resolved its break). A corrected file reports the
 * trades its day's earlier files held for another day that left them to it, when it no longer holds them.
 */
public final class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    public static final String WORKBOOK_REPORT = "RECONCILIATION_WORKBOOK";
    public static final String SUMMARY_REPORT = "RECONCILIATION_SUMMARY";

    static final String STAGING = "recon_staging";
    static final String FOUND = "recon_found";
    static final String DUPLICATES = "recon_duplicates";
    static final String SUSPECTS = "recon_suspects";
    static final String CROSS_DAY = "recon_cross_day";
    /** Wider than the database's rounding of times (microseconds on PostgreSQL, milliseconds on SQLite). */
    static final BigDecimal TIME_MARGIN_SECONDS = new BigDecimal("0.010");
    /** The default of {@code tradesense.reconciliation.join-memory}: 128 MB. */
    public static final long DEFAULT_JOIN_MEMORY_KILOBYTES = 128 * 1024;
    /** PostgreSQL's largest {@code work_mem}. */
    private static final long MAX_JOIN_MEMORY_KILOBYTES = Integer.MAX_VALUE;
    /**
     * 1 when a current run of another day answers for the ledger trade {@code t}: its file holds the trade, or it
     * reports the trade missing for the day whose earlier file held it; else 0.
     */
    private static final String PAIRED_ELSEWHERE = """
            CASE WHEN EXISTS (SELECT 1 FROM reconciliation_cross_day_trades op
                              JOIN reconciliation_runs rp ON rp.id = op.run_id
                              WHERE op.provider = t.provider AND op.provider_trade_id = t.provider_trade_id
                                AND op.kind IN ('PAIRED_OUTSIDE_WINDOW', 'REPORTED_FOR_OTHER_DAY')
                                AND rp.superseded_by IS NULL AND rp.business_date <> ?)
                 THEN 1 ELSE 0 END""";
    static final String PAIRED_OUTSIDE_WINDOW = "PAIRED_OUTSIDE_WINDOW";
    static final String LEFT_TO_OTHER_DAY = "LEFT_TO_OTHER_DAY";
    static final String REPORTED_FOR_OTHER_DAY = "REPORTED_FOR_OTHER_DAY";
    private static final Instant EARLIEST_DATABASE_TIME = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST_DATABASE_TIME = Instant.parse("9999-12-31T23:59:59Z");
    /**
     * Numbers are typed where the engine has a decimal type, so that neither the bulk load nor the comparisons parse
     * text. executed_at keeps the instant exactly as the reader wrote it (for Java and the workbook);
     * executed_at_utc is the same instant in the database's own type, for picking pairs.
     */
    static final List<TypedBulkLoader.Column> STAGING_COLUMNS = List.of(column("line_no", Type.BIGINT),
            column("provider_trade_id", Type.TEXT), column("account", Type.TEXT), column("symbol", Type.TEXT),
            column("side", Type.TEXT), column("quantity", Type.DECIMAL), column("price", Type.DECIMAL),
            column("commission", Type.DECIMAL), column("swap", Type.DECIMAL), column("realized_pnl", Type.DECIMAL),
            column("executed_at", Type.TEXT), column("executed_at_alt", Type.TEXT),
            column("executed_at_utc", Type.INSTANT), column("error_field", Type.TEXT), column("error_value", Type.TEXT),
            column("error", Type.TEXT), column("raw_text", Type.TEXT));
    static final List<String> FOUND_COLUMNS = List.of("break_key", "identity", "break_type", "provider_trade_id",
            "field", "ledger_value", "provider_value", "line_number", "raw_text");

    private static TypedBulkLoader.Column column(String name, Type type) {
        return new TypedBulkLoader.Column(name, type);
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ReconciliationProviders providers;
    private final ReportArchive archive;
    private final Clock clock;
    private int maxRowsPerSheet = ReconciliationReports.MAX_DATA_ROWS_PER_SHEET;
    private long joinMemoryKilobytes = DEFAULT_JOIN_MEMORY_KILOBYTES;
    private ReportTemplates templates = new ReportTemplates(null);

    public ReconciliationService(DataSource dataSource, Dialect dialect, ReconciliationProviders providers,
                                 ReportArchive archive, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.providers = providers;
        this.archive = archive;
        this.clock = clock;
    }

    /**
     * The memory each hash join and sort of the pairing statement may use before spilling to disk (PostgreSQL's
     * {@code work_mem}, for the run's transaction only); 0 leaves the server's setting. A plan has a few such nodes,
     * so the server may give a run several times this much.
     */
    public ReconciliationService joinMemory(org.springframework.util.unit.DataSize size) {
        long kilobytes = size.toKilobytes();
        if (size.isNegative() || kilobytes > MAX_JOIN_MEMORY_KILOBYTES || (kilobytes == 0 && size.toBytes() > 0)) {
            throw new IllegalArgumentException("tradesense.reconciliation.join-memory must be 0 or between 1KB and "
                    + MAX_JOIN_MEMORY_KILOBYTES + "KB, not " + size);
        }
        this.joinMemoryKilobytes = kilobytes;
        return this;
    }

    /** Where the workbook's and the PDF's wording and look come from; the built-in template by default. */
    public ReconciliationService templates(ReportTemplates templates) {
        this.templates = templates;
        return this;
    }

    /** Lowers the workbook's rows per sheet, so that continuation sheets can be seen without a million rows. */
    void maxRowsPerSheet(int rows) {
        this.maxRowsPerSheet = rows;
    }

    public ReconciliationProviders providers() {
        return providers;
    }

    /** Reconciles the newest inbox file of the provider and date, or records NO_DATA when there is none. */
    public ReconciliationResult reconcile(String providerCode, LocalDate businessDate) {
        return reconcile(providerCode, businessDate, null, null);
    }

    /** Reconciles {@code file} outside any job (the demo, tests); {@code null} takes the newest inbox file. */
    public ReconciliationResult reconcile(String providerCode, LocalDate businessDate, Path file) {
        return reconcile(providerCode, businessDate, file, null);
    }

    /**
     * Reconciles {@code file} (or, when it is {@code null}, the newest inbox file of the provider and date).
     *
     * @throws IllegalArgumentException for an unknown provider
     * @throws ExportFileException      for a file that cannot be reconciled (the run is recorded as FAILED)
     */
    public ReconciliationResult reconcile(String providerCode, LocalDate businessDate, Path file,
                                          Long jobExecutionId) {
        ReconciliationProvider provider = providers.get(providerCode);
        Path source = file != null ? file : newestInboxFile(provider, businessDate).orElse(null);
        if (source == null) {
            return noData(provider, businessDate, jobExecutionId);
        }
        String sha256;
        try {
            sha256 = sha256(source);
        } catch (ExportFileException e) {
            UUID runId = insertRun(provider, businessDate, source, null, jobExecutionId);
            fail(runId, e.getMessage());
            throw e;
        }
        Optional<ReconciliationResult> existing = findCompleted(provider.code(), businessDate, sha256);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID runId = insertRun(provider, businessDate, source, sha256, jobExecutionId);
        try {
            return new Run(provider, businessDate, source, sha256, runId, jobExecutionId).execute();
        } catch (RuntimeException e) {
            fail(runId, e.getMessage());
            throw e;
        }
    }

    /** The newest file in the inbox (or a folder of the provider's code in it) named {@code <CODE>_<date>...}. */
    public Optional<Path> newestInboxFile(ReconciliationProvider provider, LocalDate businessDate) {
        Path inbox = providers.inbox();
        if (!Files.isDirectory(inbox)) {
            return Optional.empty();
        }
        String prefix = provider.code() + "_" + businessDate;
        try (Stream<Path> files = Files.walk(inbox, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.getFileName().toString().endsWith(".expected.csv"))
                    .max(Comparator.comparing(ReconciliationService::modified).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the inbox " + inbox, e);
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    public static String sha256(Path file) {
        if (!Files.exists(file)) {
            throw new ExportFileException(file + ": the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExportFileException(file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ExportFileException(file + ": the file is not readable (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // runs

    private UUID insertRun(ReconciliationProvider provider, LocalDate date, Path source, String sha256,
                           Long jobExecutionId) {
        UUID id = UUID.randomUUID();
        Duration tolerance = provider.tolerances().time();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO reconciliation_runs (id, provider, business_date, source_file_name, source_sha256,
                         status, started_at, window_start, window_end, tolerances, job_execution_id)
                     VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)""")) {
            dialect.setUuid(ps, 1, id);
            ps.setString(2, provider.code());
            dialect.setDate(ps, 3, date);
            ps.setString(4, source == null ? null : source.getFileName().toString());
            ps.setString(5, sha256);
            dialect.setInstant(ps, 6, clock.instant());
            dialect.setInstant(ps, 7, provider.settings().dayStart(date).minus(tolerance));
            dialect.setInstant(ps, 8, provider.settings().dayEnd(date).plus(tolerance));
            dialect.setJson(ps, 9, provider.tolerances().toJson());
            if (jobExecutionId == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, jobExecutionId);
            }
            ps.executeUpdate();
            commitIfNeeded(c);
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the reconciliation run: " + e.getMessage(), e);
        }
    }

    private void fail(UUID runId, String message) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE reconciliation_runs SET status = 'FAILED',"
                     + " finished_at = ?, failure_message = ? WHERE id = ? AND status = 'RUNNING'")) {
            dialect.setInstant(ps, 1, clock.instant());
            ps.setString(2, message == null ? "failed" : message);
            dialect.setUuid(ps, 3, runId);
            ps.executeUpdate();
            commitIfNeeded(c);
        } catch (SQLException e) {
            log.error("Cannot mark reconciliation run {} as failed: {}", runId, e.getMessage());
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private ReconciliationResult noData(ReconciliationProvider provider, LocalDate date, Long jobExecutionId) {
        UUID runId = insertRun(provider, date, null, null, jobExecutionId);
        String message = "no export file of " + provider.code() + " for " + date + " in " + providers.inbox()
                .toAbsolutePath().normalize();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE reconciliation_runs SET status = 'NO_DATA',"
                     + " finished_at = ?, failure_message = ? WHERE id = ?")) {
            dialect.setInstant(ps, 1, clock.instant());
            ps.setString(2, message);
            dialect.setUuid(ps, 3, runId);
            ps.executeUpdate();
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the reconciliation run: " + e.getMessage(), e);
        }
        return new ReconciliationResult(runId, provider.code(), date, RunStatus.NO_DATA, null, null, 0, 0, 0, 0,
                Map.of(), null, null, null, null, null, null, false, message, ReconciliationResult.Timings.NONE);
    }

    private Optional<ReconciliationResult> findCompleted(String provider, LocalDate date, String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM reconciliation_runs WHERE provider = ?"
                     + " AND business_date = ? AND source_sha256 = ? AND status IN ('COMPLETED',"
                     + " 'COMPLETED_WITH_BREAKS')")) {
            ps.setString(1, provider);
            dialect.setDate(ps, 2, date);
            ps.setString(3, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID id = dialect.getUuid(rs, "id");
                return Optional.of(load(c, id, true, "this file (SHA-256 " + sha256.substring(0, 12)
                        + "…) was reconciled before; returning that run", ReconciliationResult.Timings.NONE));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read reconciliation runs: " + e.getMessage(), e);
        }
    }

    /** A recorded run with its break counts and report files. */
    public ReconciliationResult find(UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            return load(c, runId, false, null, ReconciliationResult.Timings.NONE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read reconciliation run " + runId + ": " + e.getMessage(), e);
        }
    }

    private ReconciliationResult load(Connection c, UUID runId, boolean already, String message,
                                      ReconciliationResult.Timings timings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM reconciliation_runs WHERE id = ?")) {
            dialect.setUuid(ps, 1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no reconciliation run " + runId);
                }
                Map<BreakType, Long> byType = breaksByType(c, runId);
                Path workbook = null;
                Path pdf = null;
                for (ArchivedReport report : reportsOf(c, runId)) {
                    if (report.reportType().equals(WORKBOOK_REPORT)) {
                        workbook = archive.file(report);
                    } else if (report.reportType().equals(SUMMARY_REPORT)) {
                        pdf = archive.file(report);
                    }
                }
                return new ReconciliationResult(runId, rs.getString("provider"),
                        dialect.getDate(rs, "business_date"), RunStatus.valueOf(rs.getString("status")),
                        rs.getString("source_file_name"), rs.getString("source_sha256"), rs.getLong("rows_read"),
                        rs.getLong("rows_skipped"), rs.getLong("rows_matched"), rs.getLong("breaks_count"), byType,
                        dialect.getDecimal(rs, "ledger_pnl_total"), dialect.getDecimal(rs, "provider_pnl_total"),
                        dialect.getDecimal(rs, "ledger_commission_total"),
                        dialect.getDecimal(rs, "provider_commission_total"), workbook, pdf, already,
                        message != null ? message : rs.getString("failure_message"), timings);
            }
        }
    }

    private Map<BreakType, Long> breaksByType(Connection c, UUID runId) throws SQLException {
        Map<BreakType, Long> counts = new EnumMap<>(BreakType.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT break_type, COUNT(*) AS n FROM reconciliation_breaks"
                + " WHERE last_seen_run_id = ? GROUP BY break_type")) {
            dialect.setUuid(ps, 1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(BreakType.valueOf(rs.getString("break_type")), rs.getLong("n"));
                }
            }
        }
        return counts;
    }

    private List<ArchivedReport> reportsOf(Connection c, UUID runId) throws SQLException {
        List<ArchivedReport> reports = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM generated_reports WHERE source_id = ?"
                + " ORDER BY version")) {
            dialect.setUuid(ps, 1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    archive.find(dialect.getUuid(rs, "id")).ifPresent(reports::add);
                }
            }
        }
        return reports;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one run

    private final class Run {
        final ReconciliationProvider provider;
        final Tolerances tolerances;
        final LocalDate date;
        final Path source;
        final String sha256;
        final UUID runId;
        final Long jobExecutionId;
        final Instant missingFrom;
        final Instant missingTo;

        long rowsRead;
        long rowsSkipped;
        long pairedTrades;
        long pairedOnOtherDays;
        Instant earliestOtherDay;
        Instant latestOtherDay;
        long rowsMatched;
        long breaks;
        long ledgerRows;
        long validRows;
        long missingInLedger;
        BigDecimal ledgerPnl = BigDecimal.ZERO.setScale(2);
        BigDecimal providerPnl = BigDecimal.ZERO.setScale(2);
        BigDecimal ledgerCommission = BigDecimal.ZERO.setScale(2);
        BigDecimal providerCommission = BigDecimal.ZERO.setScale(2);

        Run(ReconciliationProvider provider, LocalDate date, Path source, String sha256, UUID runId,
            Long jobExecutionId) {
            this.provider = provider;
            this.tolerances = provider.tolerances();
            this.date = date;
            this.source = source;
            this.sha256 = sha256;
            this.runId = runId;
            this.jobExecutionId = jobExecutionId;
            this.missingFrom = provider.settings().dayStart(date).minus(tolerances.time());
            this.missingTo = provider.settings().dayEnd(date).minus(tolerances.time());
        }

        ReconciliationResult execute() {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    allowLargeJoins(c);
                    createWorkTables(c);
                    long t0 = System.nanoTime();
                    load(c);
                    long t1 = System.nanoTime();
                    match(c);
                    checkProviderOfRows(c);
                    checkDayOfRows();
                    long t2 = System.nanoTime();
                    persist(c);
                    long t3 = System.nanoTime();
                    // The reports are recorded in the run's transaction: a run whose reports cannot be written
                    // fails whole, and the same file may then be reconciled again.
                    writeReports(c);
                    long t4 = System.nanoTime();
                    dropWorkTables(c);
                    c.commit();
                    long t5 = System.nanoTime();
                    return ReconciliationService.this.load(c, runId, false, null,
                            new ReconciliationResult.Timings(t1 - t0, t2 - t1, t3 - t2 + (t5 - t4), t4 - t3));
                } catch (SQLException | RuntimeException e) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    stored.forEach(archive::discard);
                    try {
                        dropWorkTables(c);
                        commitIfNeeded(c);
                    } catch (SQLException ignored) {
                        // the session's temporary tables go with the connection anyway
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reconciliation of " + source + " failed: " + e.getMessage(), e);
            }
        }

        /**
         * Pairing a file with the ledger hashes a million rows; in the few megabytes a server gives a query by
         * default the hash goes to disk in dozens of batches.
         */
        private void allowLargeJoins(Connection c) throws SQLException {
            String statement = joinMemoryKilobytes == 0 ? null : dialect.workMemory(joinMemoryKilobytes);
            if (statement != null) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
        }

        private void createWorkTables(Connection c) throws SQLException {
            dropWorkTables(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE " + STAGING + " ("
                        + TypedBulkLoader.definition(dialect, STAGING_COLUMNS) + ")");
                s.execute("CREATE TEMPORARY TABLE " + FOUND + " (break_key TEXT NOT NULL, identity TEXT NOT NULL,"
                        + " break_type TEXT NOT NULL,"
                        + " provider_trade_id TEXT, field TEXT, ledger_value TEXT, provider_value TEXT,"
                        + " line_number TEXT, raw_text TEXT)");
                s.execute("CREATE UNIQUE INDEX " + FOUND + "_key ON " + FOUND + " (break_key)");
                s.execute("CREATE INDEX " + FOUND + "_identity ON " + FOUND + " (identity)");
                s.execute("CREATE TEMPORARY TABLE " + CROSS_DAY
                        + " (provider_trade_id TEXT NOT NULL, kind TEXT NOT NULL)");
            }
        }

        private void dropWorkTables(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + STAGING);
                s.execute("DROP TABLE IF EXISTS " + FOUND);
                s.execute("DROP TABLE IF EXISTS " + DUPLICATES);
                s.execute("DROP TABLE IF EXISTS " + SUSPECTS);
                s.execute("DROP TABLE IF EXISTS " + CROSS_DAY);
            }
        }

        private void load(Connection c) throws SQLException {
            ExportReader reader = new ExportReader(provider);
            ExportReader.Outcome outcome;
            RepeatedIds repeated = RepeatedIds.forFileOfSize(fileSize());
            try (TypedBulkLoader loader = TypedBulkLoader.open(dialect, c, STAGING, STAGING_COLUMNS)) {
                outcome = reader.read(source, row -> {
                    if (!row.invalid()) {
                        repeated.add(row.providerTradeId());
                        validRows++;
                        providerPnl = providerPnl.add(row.realizedPnl());
                        providerCommission = providerCommission.add(row.commission());
                    }
                    loader.add(row.line(), row.providerTradeId(), row.account(), row.symbol(), row.side(),
                            row.quantity(), row.price(), row.commission(), row.swap(), row.realizedPnl(),
                            text(row.executedAt()), text(row.executedAtAlt()), databaseTime(row.executedAt()),
                            row.errorField(), row.errorValue(), row.error(), row.rawText());
                });
            }
            rowsRead = outcome.rowsRead();
            rowsSkipped = outcome.rowsSkipped();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX " + STAGING + "_id ON " + STAGING + " (provider_trade_id)");
                // Temporary tables are never analysed automatically; the planner needs their size.
                s.execute("ANALYZE " + STAGING);
            }
            findDuplicates(c, repeated);
        }

        private long fileSize() {
            try {
                return Files.size(source);
            } catch (IOException e) {
                return 0;
            }
        }

        /**
         * Pairs the staging rows with the ledger in SQL and brings back only the rows that need a decision: invalid,
         * duplicated or unpaired rows, and pairs that the database finds different (numbers exactly, texts
         * verbatim, times to a few milliseconds, erring towards "different"). Those pairs are compared again in Java
         * by the rules of {@link Tolerances}; every pair left in the database agrees, so it is matched without being
         * read.
         *
         * <p>The ledger side of the day is every trade paired with a valid row plus the trades missing in the file:
         * the trades of the window [day start − tolerance, day end − tolerance), less those whose rows were all
         * invalid and those another day's current run held, plus the paired trades outside the window and the
         * trades the day's earlier files held for another day that no file holds any more. Its figures are one
         * aggregate over the window, corrected by the few rows the pairing brings back for the exceptions. Pairs, missing
         * trades and the window's aggregate come from one statement, so that a trade booked meanwhile is seen by all
         * of them or by none.
         */
        private void match(Connection c) throws SQLException {
            recordLateArrivals(c);
            // No ORDER BY: the database pairs by hash or index.
            String statement = """
                    SELECT 'P' AS kind, s.line_no, s.provider_trade_id, s.account, s.symbol, s.side, s.quantity,
                           s.price, s.commission, s.swap, s.realized_pnl, s.executed_at, s.executed_at_alt,
                           s.error_field, s.error_value, s.error, s.raw_text, d.first_line,
                           t.id AS t_id, t.symbol AS t_symbol, t.side AS t_side, t.quantity AS t_quantity,
                           t.price AS t_price, t.commission AS t_commission, t.swap AS t_swap,
                           t.realized_pnl AS t_realized_pnl, t.executed_at AS t_executed_at,
                           c.provider_account_id AS t_account,
                           CASE WHEN s.error IS NOT NULL AND t.id IS NOT NULL
                                 AND NOT EXISTS (SELECT 1 FROM recon_staging v
                                                 WHERE v.provider_trade_id = s.provider_trade_id
                                                   AND (v.error IS NULL OR v.line_no < s.line_no))
                                THEN 1 ELSE 0 END AS only_invalid,
                           0 AS elsewhere
                    FROM recon_staging s
                    CROSS JOIN (SELECT ? AS quantity, ? AS price, ? AS amount, ? AS time_bound, ? AS window_from,
                                       ? AS window_to) k
                    LEFT JOIN trades t ON t.provider = ? AND t.provider_trade_id = s.provider_trade_id
                    LEFT JOIN challenges c ON c.id = t.challenge_id
                    LEFT JOIN recon_duplicates d ON d.provider_trade_id = s.provider_trade_id AND s.error IS NULL
                    WHERE s.error IS NOT NULL OR d.first_line IS NOT NULL OR t.id IS NULL OR
                    %1$s
                    UNION ALL
                    SELECT 'M', NULL, t.provider_trade_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                           NULL, NULL, NULL, NULL, NULL, t.id, t.symbol, t.side, t.quantity, t.price, t.commission,
                           t.swap, t.realized_pnl, t.executed_at, NULL, 0, %2$s
                    FROM trades t
                    WHERE t.provider = ? AND t.executed_at >= ? AND t.executed_at < ?
                      AND NOT EXISTS (SELECT 1 FROM recon_staging s WHERE s.provider_trade_id = t.provider_trade_id)
                    UNION ALL
                    SELECT 'X', NULL, t.provider_trade_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                           NULL, NULL, NULL, NULL, NULL, t.id, t.symbol, t.side, t.quantity, t.price, t.commission,
                           t.swap, t.realized_pnl, t.executed_at, NULL, 0, %2$s
                    FROM (SELECT DISTINCT o.provider_trade_id FROM reconciliation_cross_day_trades o
                          JOIN reconciliation_runs r ON r.id = o.run_id
                          WHERE r.provider = ? AND r.business_date = ? AND r.id <> ?
                            AND o.kind = 'PAIRED_OUTSIDE_WINDOW') p
                    JOIN trades t ON t.provider = ? AND t.provider_trade_id = p.provider_trade_id
                    WHERE NOT (t.executed_at >= ? AND t.executed_at < ?)
                      AND NOT EXISTS (SELECT 1 FROM recon_staging s WHERE s.provider_trade_id = t.provider_trade_id)
                      AND EXISTS (SELECT 1 FROM reconciliation_cross_day_trades l
                                  JOIN reconciliation_runs rl ON rl.id = l.run_id
                                  WHERE l.provider = t.provider AND l.provider_trade_id = t.provider_trade_id
                                    AND l.kind = 'LEFT_TO_OTHER_DAY'
                                    AND rl.superseded_by IS NULL AND rl.business_date <> ?)
                    UNION ALL
                    SELECT 'W', COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, %3$s, NULL, %4$s, NULL, NULL, 0, 0
                    FROM trades t
                    WHERE t.provider = ? AND t.executed_at >= ? AND t.executed_at < ?"""
                    .formatted(mayDiffer(), PAIRED_ELSEWHERE, dialect.decimalSum("t.commission"),
                            dialect.decimalSum("t.realized_pnl"));
            try (BulkLoader found = BulkLoader.batched(c, FOUND, FOUND_COLUMNS, "ON CONFLICT DO NOTHING");
                 BulkLoader crossDay = BulkLoader.batched(c, CROSS_DAY, List.of("provider_trade_id", "kind"), "");
                 PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setFetchSize(5_000);
                int p = 0;
                dialect.setDecimal(ps, ++p, tolerances.quantity());
                dialect.setDecimal(ps, ++p, tolerances.price());
                dialect.setDecimal(ps, ++p, tolerances.amount());
                dialect.setDecimal(ps, ++p, timeBound());
                dialect.setInstant(ps, ++p, missingFrom);
                dialect.setInstant(ps, ++p, missingTo);
                ps.setString(++p, provider.code());
                // M: the window's trades without a row
                dialect.setDate(ps, ++p, date);
                ps.setString(++p, provider.code());
                dialect.setInstant(ps, ++p, missingFrom);
                dialect.setInstant(ps, ++p, missingTo);
                // X: the trades the day's earlier files held that another day left to them
                dialect.setDate(ps, ++p, date);
                ps.setString(++p, provider.code());
                dialect.setDate(ps, ++p, date);
                dialect.setUuid(ps, ++p, runId);
                ps.setString(++p, provider.code());
                dialect.setInstant(ps, ++p, missingFrom);
                dialect.setInstant(ps, ++p, missingTo);
                dialect.setDate(ps, ++p, date);
                // W: the window's aggregate
                ps.setString(++p, provider.code());
                dialect.setInstant(ps, ++p, missingFrom);
                dialect.setInstant(ps, ++p, missingTo);
                long compared = 0;
                long agreed = 0;
                long missing = 0;
                long ledgerSide = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString("kind")) {
                            case "W" -> {
                                ledgerSide += rs.getLong("line_no");
                                if (rs.getLong("line_no") > 0) {
                                    addLedger(rs, 1);
                                }
                            }
                            case "M" -> {
                                if (rs.getInt("elsewhere") == 1) {
                                    // Another day's file holds it: it belongs to that day's ledger side.
                                    ledgerSide--;
                                    addLedger(rs, -1);
                                    crossDay.add(rs.getString("provider_trade_id"), LEFT_TO_OTHER_DAY);
                                } else {
                                    missing++;
                                    missingInProvider(found, rs);
                                }
                            }
                            case "X" -> {
                                if (rs.getInt("elsewhere") == 0) {
                                    // An earlier file of the day held it for the day that left it to that file; this
                                    // file does not hold it, nor does another day's.
                                    ledgerSide++;
                                    addLedger(rs, 1);
                                    missing++;
                                    missingInProvider(found, rs);
                                    crossDay.add(rs.getString("provider_trade_id"), REPORTED_FOR_OTHER_DAY);
                                }
                            }
                            default -> {
                                Decision decision = decide(found, rs);
                                if (decision.pairedOutside() && !inWindow(rs)) {
                                    crossDay.add(rs.getString("provider_trade_id"), PAIRED_OUTSIDE_WINDOW);
                                }
                                if (decision == Decision.ONLY_INVALID_IN_WINDOW) {
                                    // A window trade whose rows were all unreadable is neither paired nor missing.
                                    ledgerSide--;
                                    addLedger(rs, -1);
                                } else if (decision.compared()) {
                                    compared++;
                                    if (!inWindow(rs)) {
                                        ledgerSide++;
                                        addLedger(rs, 1);
                                        noteOtherDay(dialect.getInstant(rs, "t_executed_at"));
                                    }
                                    if (decision == Decision.AGREED) {
                                        agreed++;
                                    }
                                }
                            }
                        }
                    }
                }
                ledgerRows = ledgerSide;
                pairedTrades = ledgerSide - missing;
                // Each paired trade is compared once: through its one valid row, or its first row when repeated.
                rowsMatched = ledgerSide - missing - compared + agreed;
            }
            try (Statement s = c.createStatement()) {
                // The earliest row of each identity takes the identity as its key (see FoundBreak).
                s.executeUpdate("UPDATE " + FOUND + " SET break_key = identity WHERE break_key <> identity"
                        + " AND NOT EXISTS (SELECT 1 FROM " + FOUND + " e WHERE e.identity = " + FOUND + ".identity"
                        + " AND CAST(e.line_number AS BIGINT) < CAST(" + FOUND + ".line_number AS BIGINT))");
                s.execute("CREATE INDEX " + FOUND + "_trade ON " + FOUND + " (provider_trade_id)");
                s.execute("ANALYZE " + FOUND);
            }
        }

        /**
         * A trade that reached the ledger after a file that held it was reconciled (its MISSING_IN_LEDGER break is
         * about to be resolved) is held by that file: recorded as such, no other day reports it missing.
         */
        private void recordLateArrivals(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconciliation_cross_day_trades (run_id, provider, provider_trade_id, trade_id, kind)
                    SELECT DISTINCT b.last_seen_run_id, b.provider, b.provider_trade_id, t.id, 'PAIRED_OUTSIDE_WINDOW'
                    FROM reconciliation_breaks b
                    JOIN reconciliation_runs r ON r.id = b.last_seen_run_id
                    JOIN trades t ON t.provider = b.provider AND t.provider_trade_id = b.provider_trade_id
                    WHERE b.provider = ? AND b.status IN ('OPEN', 'WRITTEN_OFF') AND b.break_type = 'MISSING_IN_LEDGER'
                      AND r.superseded_by IS NULL
                      AND NOT EXISTS (SELECT 1 FROM reconciliation_cross_day_trades x
                                      WHERE x.run_id = b.last_seen_run_id
                                        AND x.provider_trade_id = b.provider_trade_id)""")) {
                ps.setString(1, provider.code());
                ps.executeUpdate();
            }
        }

        /** What became of a row the pairing brought back. */
        private enum Decision {
            INVALID, PAIRED_INVALID, ONLY_INVALID_IN_WINDOW, REPEATED, MISSING_IN_LEDGER, BROKEN, REPEATED_FIRST,
            AGREED;

            boolean compared() {
                return this == BROKEN || this == REPEATED_FIRST || this == AGREED;
            }

            /** Whether the row's trade id names a ledger trade, so that no other day may call it missing. */
            boolean pairedOutside() {
                return compared() || this == PAIRED_INVALID;
            }
        }

        /** Records the breaks of one staging row the pairing brought back. */
        private Decision decide(BulkLoader found, ResultSet rs) throws SQLException {
            String id = rs.getString("provider_trade_id");
            long line = rs.getLong("line_no");
            String raw = rs.getString("raw_text");
            if (rs.getString("error") != null) {
                add(found, FoundBreak.of(provider.code(), date, BreakType.INVALID_ROW, id, rs.getString("error_field"),
                        null, rs.getString("error_value"), line, rs.getString("error") + " | " + raw));
                if (dialect.getUuid(rs, "t_id") == null) {
                    return Decision.INVALID;
                }
                return rs.getInt("only_invalid") == 1 && inWindow(rs) ? Decision.ONLY_INVALID_IN_WINDOW
                        : Decision.PAIRED_INVALID;
            }
            long firstLine = rs.getLong("first_line");
            boolean duplicated = !rs.wasNull();
            if (duplicated && line != firstLine) {
                add(found, FoundBreak.of(provider.code(), date, BreakType.DUPLICATE_IN_EXPORT, id, null, null,
                        "line " + line + " repeats line " + firstLine, line, raw));
                return Decision.REPEATED;
            }
            if (dialect.getUuid(rs, "t_id") == null) {
                missingInLedger++;
                add(found, FoundBreak.of(provider.code(), date, BreakType.MISSING_IN_LEDGER, id, null, null,
                        describeRow(rs), line, raw));
                return Decision.MISSING_IN_LEDGER;
            }
            boolean clean = compare(found, rs, id, line, raw);
            return !clean ? Decision.BROKEN : duplicated ? Decision.REPEATED_FIRST : Decision.AGREED;
        }

        /**
         * The pairs that may break, as an SQL condition over the pairing query's aliases. It must never leave out a
         * pair that {@link #compare} would break; it may bring back a few that agree (times near the tolerance, a
         * symbol in other letter case, the repeated hour of a clock change).
         */
        private String mayDiffer() {
            return String.join("\n   OR ",
                    "t.symbol <> s.symbol",
                    "t.side <> s.side",
                    dialect.decimalsDiffer("s.quantity", "t.quantity", "k.quantity"),
                    dialect.decimalsDiffer("s.price", "t.price", "k.price"),
                    dialect.decimalsDiffer("s.realized_pnl", "t.realized_pnl", "k.amount"),
                    dialect.decimalsDiffer("s.commission", "t.commission", "k.amount"),
                    dialect.decimalsDiffer("s.swap", "t.swap", "k.amount"),
                    "s.executed_at_alt IS NOT NULL",
                    "s.executed_at_utc IS NULL",
                    timesMayDiffer(),
                    "(s.account IS NOT NULL AND (c.provider_account_id IS NULL OR s.account <> c.provider_account_id))",
                    // Paired trades outside the window count on the ledger side on top of the window's aggregate.
                    "t.executed_at < k.window_from",
                    "t.executed_at >= k.window_to");
        }

        /**
         * Times the database holds alike (to the microsecond, or millisecond on SQLite) are within any tolerance of
         * at least the margin; below it (a configuration of under 10 ms) every pair is left to Java.
         */
        private String timesMayDiffer() {
            if (timeBound().signum() < 0) {
                return "1 = 1";
            }
            return "(s.executed_at_utc <> t.executed_at AND ABS(" + dialect.secondsBetween("t.executed_at",
                    "s.executed_at_utc") + ") > CAST(k.time_bound AS NUMERIC))";
        }

        /** The instant for the database to compare, or null (left to Java) for a year it may not hold. */
        private static Instant databaseTime(Instant executedAt) {
            return executedAt == null || executedAt.isBefore(EARLIEST_DATABASE_TIME)
                    || !executedAt.isBefore(LATEST_DATABASE_TIME) ? null : executedAt;
        }

        /** The time tolerance less a margin wider than any rounding of times in the database. */
        private BigDecimal timeBound() {
            return BigDecimal.valueOf(tolerances.time().toNanos(), 9).subtract(TIME_MARGIN_SECONDS);
        }

        /**
         * Ids on more than one valid row, with their first line: the later lines are DUPLICATE_IN_EXPORT. Only the
         * ids the reader suspected are looked at, through the staging index, unless there were too many to list.
         */
        private void findDuplicates(Connection c, RepeatedIds repeated) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE " + SUSPECTS + " (provider_trade_id TEXT)");
                try (BulkLoader suspects = BulkLoader.open(dialect, c, SUSPECTS, List.of("provider_trade_id"))) {
                    for (String id : repeated.suspects()) {
                        suspects.add(id);
                    }
                }
                s.execute("CREATE TEMPORARY TABLE " + DUPLICATES + " AS SELECT provider_trade_id,"
                        + " MIN(line_no) AS first_line FROM " + STAGING + " WHERE error IS NULL"
                        + (repeated.overflowed() ? "" : " AND provider_trade_id IN (SELECT provider_trade_id FROM "
                        + SUSPECTS + ")") + " GROUP BY provider_trade_id HAVING COUNT(*) > 1");
                s.execute("CREATE INDEX " + DUPLICATES + "_id ON " + DUPLICATES + " (provider_trade_id)");
                s.execute("ANALYZE " + DUPLICATES);
            }
        }

        private boolean inWindow(ResultSet rs) throws SQLException {
            Instant executedAt = dialect.getInstant(rs, "t_executed_at");
            return !executedAt.isBefore(missingFrom) && executedAt.isBefore(missingTo);
        }

        private void addLedger(ResultSet rs, int sign) throws SQLException {
            BigDecimal pnl = dialect.getDecimal(rs, "t_realized_pnl");
            BigDecimal commission = dialect.getDecimal(rs, "t_commission");
            ledgerPnl = sign > 0 ? ledgerPnl.add(pnl) : ledgerPnl.subtract(pnl);
            ledgerCommission = sign > 0 ? ledgerCommission.add(commission) : ledgerCommission.subtract(commission);
        }

        /** Compares a pair field by field; returns whether every field agreed. */
        private boolean compare(BulkLoader found, ResultSet rs, String id, long line, String raw)
                throws SQLException {
            int before = pending;
            BigDecimal ledgerPnlValue = dialect.getDecimal(rs, "t_realized_pnl");
            BigDecimal ledgerCommissionValue = dialect.getDecimal(rs, "t_commission");
            String ledgerSymbol = rs.getString("t_symbol");
            String symbol = rs.getString("symbol");
            if (!ledgerSymbol.equalsIgnoreCase(symbol)) {
                mismatch(found, BreakType.SYMBOL_MISMATCH, id, "symbol", ledgerSymbol, symbol, line, raw);
            }
            String ledgerSide = rs.getString("t_side");
            String side = rs.getString("side");
            if (!ledgerSide.equals(side)) {
                mismatch(found, BreakType.SIDE_MISMATCH, id, "side", ledgerSide, side, line, raw);
            }
            BigDecimal ledgerQuantity = dialect.getDecimal(rs, "t_quantity");
            BigDecimal quantity = new BigDecimal(rs.getString("quantity"));
            if (!tolerances.quantitiesAgree(ledgerQuantity, quantity)) {
                mismatch(found, BreakType.QUANTITY_MISMATCH, id, "quantity", plain(ledgerQuantity), plain(quantity),
                        line, raw);
            }
            BigDecimal ledgerPrice = dialect.getDecimal(rs, "t_price");
            BigDecimal price = new BigDecimal(rs.getString("price"));
            if (!tolerances.pricesAgree(ledgerPrice, price)) {
                mismatch(found, BreakType.PRICE_MISMATCH, id, "price", plain(ledgerPrice), plain(price), line, raw);
            }
            BigDecimal pnl = new BigDecimal(rs.getString("realized_pnl"));
            if (!tolerances.amountsAgree(ledgerPnlValue, pnl)) {
                mismatch(found, BreakType.PNL_MISMATCH, id, "realized_pnl", plain(ledgerPnlValue), plain(pnl), line,
                        raw);
            }
            BigDecimal commission = new BigDecimal(rs.getString("commission"));
            if (!tolerances.amountsAgree(ledgerCommissionValue, commission)) {
                mismatch(found, BreakType.COMMISSION_MISMATCH, id, "commission", plain(ledgerCommissionValue),
                        plain(commission), line, raw);
            }
            BigDecimal ledgerSwap = dialect.getDecimal(rs, "t_swap");
            BigDecimal swap = new BigDecimal(rs.getString("swap"));
            if (!tolerances.amountsAgree(ledgerSwap, swap)) {
                mismatch(found, BreakType.SWAP_MISMATCH, id, "swap", plain(ledgerSwap), plain(swap), line, raw);
            }
            Instant ledgerTime = dialect.getInstant(rs, "t_executed_at");
            Instant time = Instant.parse(rs.getString("executed_at"));
            String alternative = rs.getString("executed_at_alt");
            if (alternative != null) {
                // The repeated hour when clocks go back: the reading that agrees with the ledger is the right one.
                Instant later = Instant.parse(alternative);
                if (Duration.between(ledgerTime, later).abs().compareTo(Duration.between(ledgerTime, time).abs()) < 0) {
                    time = later;
                }
            }
            if (!tolerances.timesAgree(Duration.between(ledgerTime, time))) {
                mismatch(found, BreakType.TIME_MISMATCH, id, "executed_at", text(ledgerTime), text(time), line, raw);
            }
            String account = rs.getString("account");
            String ledgerAccount = rs.getString("t_account");
            if (account != null && !account.equals(ledgerAccount)) {
                mismatch(found, BreakType.ACCOUNT_MISMATCH, id, "account", ledgerAccount, account, line, raw);
            }
            return pending == before;
        }

        private int pending;

        private void mismatch(BulkLoader found, BreakType type, String id, String field, String ledger,
                              String exported, long line, String raw) throws SQLException {
            add(found, FoundBreak.of(provider.code(), date, type, id, field, ledger, exported, line, raw));
        }

        private void add(BulkLoader found, FoundBreak b) throws SQLException {
            pending++;
            found.add(b.key(), b.identity(), b.type().name(), b.providerTradeId(), b.field(), b.ledgerValue(),
                    b.providerValue(),
                    b.line() == null ? null : Long.toString(b.line()), b.rawText());
        }

        /** Records the MISSING_IN_PROVIDER break of a window trade without a row in the file. */
        private void missingInProvider(BulkLoader found, ResultSet rs) throws SQLException {
            String ledger = rs.getString("t_symbol") + " " + rs.getString("t_side") + " "
                    + plain(dialect.getDecimal(rs, "t_quantity")) + " @ " + plain(dialect.getDecimal(rs, "t_price"))
                    + " at " + text(dialect.getInstant(rs, "t_executed_at")) + ", P&L "
                    + plain(dialect.getDecimal(rs, "t_realized_pnl"));
            add(found, FoundBreak.of(provider.code(), date, BreakType.MISSING_IN_PROVIDER,
                    rs.getString("provider_trade_id"), null, ledger, null, null, null));
        }

        private String describeRow(ResultSet rs) throws SQLException {
            return rs.getString("symbol") + " " + rs.getString("side") + " " + rs.getString("quantity") + " @ "
                    + rs.getString("price") + " at " + rs.getString("executed_at") + ", P&L "
                    + rs.getString("realized_pnl");
        }

        /** A paired trade executed outside the provider's day widened by the time tolerance. */
        private void noteOtherDay(Instant executedAt) {
            if (executedAt.isBefore(missingFrom) || !executedAt.isBefore(provider.settings().dayEnd(date)
                    .plus(tolerances.time()))) {
                pairedOnOtherDays++;
                earliestOtherDay = earliestOtherDay == null || executedAt.isBefore(earliestOtherDay) ? executedAt
                        : earliestOtherDay;
                latestOtherDay = latestOtherDay == null || executedAt.isAfter(latestOtherDay) ? executedAt
                        : latestOtherDay;
            }
        }

        /**
         * A file reconciled under the wrong date pairs trades of other days: it would count them as this day's and
         * tell the other days they were held here. Refuse a file most of whose paired trades lie outside the day.
         */
        private void checkDayOfRows() {
            if (pairedOnOtherDays == 0 || pairedOnOtherDays * 2 <= pairedTrades) {
                return;
            }
            throw new ExportFileException(source + ": the rows are not trades of " + provider.code() + "'s day "
                    + date + ": " + pairedOnOtherDays + " of the " + pairedTrades + " ledger trades they name were"
                    + " executed on other days (" + provider.settings().providerDate(earliestOtherDay) + " to "
                    + provider.settings().providerDate(latestOtherDay) + ", the provider's dates); is the file of"
                    + " another date?");
        }

        /**
         * A file whose rows all belong to another server would otherwise yield a break for every row and every
         * ledger trade; refuse it with a message that says whose rows they are.
         */
        private void checkProviderOfRows(Connection c) throws SQLException {
            if (validRows == 0 || missingInLedger < validRows) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.provider, COUNT(*) AS n FROM recon_staging s
                    JOIN trades t ON t.provider_trade_id = s.provider_trade_id
                    WHERE t.provider <> ? GROUP BY t.provider ORDER BY n DESC""")) {
                ps.setString(1, provider.code());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong("n") * 2 >= validRows) {
                        throw new ExportFileException(source + ": the rows do not belong to provider "
                                + provider.code() + ": none of its " + validRows + " trade ids is a "
                                + provider.code() + " trade, " + rs.getLong("n") + " are trades of "
                                + rs.getString("provider"));
                    }
                }
            }
        }

        private void persist(Connection c) throws SQLException {
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + FOUND);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                breaks = rs.getLong(1);
            }
            // Breaks already known (open, or written off and so not to be reopened) are seen again by this run.
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reconciliation_breaks SET last_seen_run_id = ?, last_seen_date = ?,
                        ledger_value = (SELECT f.ledger_value FROM recon_found f
                                        WHERE f.break_key = reconciliation_breaks.break_key),
                        provider_value = (SELECT f.provider_value FROM recon_found f
                                          WHERE f.break_key = reconciliation_breaks.break_key),
                        line_number = (SELECT CAST(f.line_number AS BIGINT) FROM recon_found f
                                       WHERE f.break_key = reconciliation_breaks.break_key),
                        raw_text = (SELECT f.raw_text FROM recon_found f
                                    WHERE f.break_key = reconciliation_breaks.break_key)
                    WHERE provider = ? AND status IN ('OPEN', 'WRITTEN_OFF')
                      AND break_key IN (SELECT f.break_key FROM recon_found f)""")) {
                dialect.setUuid(ps, 1, runId);
                dialect.setDate(ps, 2, date);
                ps.setString(3, provider.code());
                ps.executeUpdate();
            }
            // A trade another day reported missing that this file holds: that day's current run now leaves it to this
            // one, so that a corrected file of this day without the trade reports it again.
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconciliation_cross_day_trades (run_id, provider, provider_trade_id, trade_id, kind)
                    SELECT DISTINCT b.last_seen_run_id, b.provider, b.provider_trade_id, b.trade_id, 'LEFT_TO_OTHER_DAY'
                    FROM reconciliation_breaks b
                    JOIN reconciliation_runs r ON r.id = b.last_seen_run_id
                    WHERE b.provider = ? AND b.status = 'OPEN' AND b.break_type = 'MISSING_IN_PROVIDER'
                      AND b.trade_id IS NOT NULL AND r.superseded_by IS NULL AND r.business_date <> ?
                      AND EXISTS (SELECT 1 FROM recon_staging s WHERE s.provider_trade_id = b.provider_trade_id)
                      AND NOT EXISTS (SELECT 1 FROM reconciliation_cross_day_trades x
                                      WHERE x.run_id = b.last_seen_run_id
                                        AND x.provider_trade_id = b.provider_trade_id)""")) {
                ps.setString(1, provider.code());
                dialect.setDate(ps, 2, date);
                ps.executeUpdate();
            }
            // Open breaks this run re-decided and did not find again are gone (before the new ones exist, so that only
            // the breaks of earlier runs are looked at, each through an index).
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reconciliation_breaks SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?,
                        resolution_reason = ?, resolved_by_run_id = ?
                    WHERE provider = ? AND status = 'OPEN'
                      AND NOT EXISTS (SELECT 1 FROM recon_found f WHERE f.break_key = reconciliation_breaks.break_key)
                      AND (last_seen_date = ?
                           OR (break_type = 'MISSING_IN_PROVIDER'
                               AND (EXISTS (SELECT 1 FROM recon_staging s
                                            WHERE s.provider_trade_id = reconciliation_breaks.provider_trade_id)
                                    OR (EXISTS (SELECT 1 FROM trades t
                                                WHERE t.provider = ?
                                                  AND t.provider_trade_id = reconciliation_breaks.provider_trade_id
                                                  AND t.executed_at >= ? AND t.executed_at < ?)
                                        AND NOT EXISTS (SELECT 1 FROM recon_cross_day x
                                                        WHERE x.kind = 'LEFT_TO_OTHER_DAY' AND x.provider_trade_id
                                                            = reconciliation_breaks.provider_trade_id))))
                           OR (break_type = 'MISSING_IN_LEDGER'
                               AND EXISTS (SELECT 1 FROM trades t WHERE t.provider = reconciliation_breaks.provider
                                           AND t.provider_trade_id = reconciliation_breaks.provider_trade_id)))""")) {
                dialect.setInstant(ps, 1, now);
                ps.setString(2, "reconciliation");
                ps.setString(3, "not found again by the reconciliation of " + provider.code() + " " + date
                        + " (run " + runId + ")");
                dialect.setUuid(ps, 4, runId);
                ps.setString(5, provider.code());
                dialect.setDate(ps, 6, date);
                ps.setString(7, provider.code());
                dialect.setInstant(ps, 8, missingFrom);
                dialect.setInstant(ps, 9, missingTo);
                ps.executeUpdate();
            }
            // What this run decided about trades of another day's window, for the other days to see.
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconciliation_cross_day_trades (run_id, provider, provider_trade_id, trade_id, kind)
                    SELECT r.id, r.provider, t.provider_trade_id, t.id, MIN(o.kind)
                    FROM recon_cross_day o
                    JOIN reconciliation_runs r ON r.id = ?
                    JOIN trades t ON t.provider = r.provider AND t.provider_trade_id = o.provider_trade_id
                    GROUP BY r.id, r.provider, t.provider_trade_id, t.id""")) {
                dialect.setUuid(ps, 1, runId);
                ps.executeUpdate();
            }
            // New breaks: every value comes from the run row or the ledger, so no untyped parameter reaches a column.
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconciliation_breaks (run_id, break_type, provider_trade_id, challenge_id, trade_id,
                        field, ledger_value, provider_value, status, first_seen_date, created_at, provider, break_key,
                        business_date, last_seen_run_id, last_seen_date, line_number, raw_text)
                    SELECT r.id, f.break_type, f.provider_trade_id, t.challenge_id, t.id, f.field, f.ledger_value,
                           f.provider_value, 'OPEN', r.business_date, r.started_at, r.provider, f.break_key,
                           r.business_date, r.id, r.business_date, CAST(f.line_number AS BIGINT), f.raw_text
                    FROM recon_found f
                    JOIN reconciliation_runs r ON r.id = ?
                    LEFT JOIN trades t ON t.provider = r.provider AND t.provider_trade_id = f.provider_trade_id
                    WHERE NOT EXISTS (SELECT 1 FROM reconciliation_breaks b
                                      WHERE b.break_key = f.break_key AND b.status IN ('OPEN', 'WRITTEN_OFF'))""")) {
                dialect.setUuid(ps, 1, runId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reconciliation_runs SET superseded_by = ?
                    WHERE provider = ? AND business_date = ? AND id <> ? AND superseded_by IS NULL
                      AND status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS', 'NO_DATA')""")) {
                dialect.setUuid(ps, 1, runId);
                ps.setString(2, provider.code());
                dialect.setDate(ps, 3, date);
                dialect.setUuid(ps, 4, runId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reconciliation_runs SET status = ?, rows_read = ?, rows_skipped = ?, rows_matched = ?,
                        breaks_count = ?, ledger_rows = ?, ledger_pnl_total = ?, provider_pnl_total = ?,
                        ledger_commission_total = ?, provider_commission_total = ?, finished_at = ?
                    WHERE id = ?""")) {
                ps.setString(1, (breaks > 0 ? RunStatus.COMPLETED_WITH_BREAKS : RunStatus.COMPLETED).name());
                ps.setLong(2, rowsRead);
                ps.setLong(3, rowsSkipped);
                ps.setLong(4, rowsMatched);
                ps.setLong(5, breaks);
                ps.setLong(6, ledgerRows);
                dialect.setDecimal(ps, 7, ledgerPnl);
                dialect.setDecimal(ps, 8, providerPnl);
                dialect.setDecimal(ps, 9, ledgerCommission);
                dialect.setDecimal(ps, 10, providerCommission);
                dialect.setInstant(ps, 11, clock.instant());
                dialect.setUuid(ps, 12, runId);
                ps.executeUpdate();
            }
        }

        /** The reports stored by this run, removed again when its transaction rolls back. */
        private final List<ArchivedReport> stored = new java.util.ArrayList<>();

        private void writeReports(Connection c) throws SQLException {
            ReconciliationResult result = ReconciliationService.this.load(c, runId, false, null,
                    ReconciliationResult.Timings.NONE);
            ReconciliationReports reports = new ReconciliationReports(dialect, provider, maxRowsPerSheet,
                    templates.load(ReportTemplates.RECONCILIATION));
            Instant createdAt = clock.instant();
            stored.add(archive.store(c, WORKBOOK_REPORT, date, provider.code(),
                    com.tradesense.batch.reports.archive.ReportFormat.XLSX, jobExecutionId, runId, createdAt,
                    out -> reports.writeWorkbook(c, result, createdAt, out)));
            stored.add(archive.store(c, SUMMARY_REPORT, date, provider.code(),
                    com.tradesense.batch.reports.archive.ReportFormat.PDF, jobExecutionId, runId, createdAt,
                    out -> reports.writePdf(result, out)));
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** {@link Instant#toString()}, written directly for the years 1000 to 9999 (a million times per file). */
    static String text(Instant value) {
        if (value == null) {
            return null;
        }
        long seconds = value.getEpochSecond();
        if (seconds < EARLIEST_DATABASE_TIME.getEpochSecond() || seconds >= LATEST_DATABASE_TIME.getEpochSecond()) {
            return value.toString();
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int second = (int) Math.floorMod(seconds, 86_400);
        int nano = value.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(text, 0, day.getYear(), 4);
        text[4] = '-';
        put(text, 5, day.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, day.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, second / 3600, 2);
        text[13] = ':';
        put(text, 14, second / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, second % 60, 2);
        if (digits > 0) {
            text[19] = '.';
            put(text, 20, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
